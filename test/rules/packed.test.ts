import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedRows, pack, SEVERITIES, unpack } from '../../src/rules/packed.js';
import type { LintDiagnostic } from '../../src/rules/types.js';

/** Text with what JSON must escape: quotes, backslashes, control characters, non-Latin-1 and lone surrogates. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', '\\"', '\n', '\u0000', '\u2028', '😀', '\ud800', ']', '},{', ','),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});
const position = fc.record({
  offset: fc.nat(100_000),
  line: fc.integer({ min: 1, max: 5000 }),
  column: fc.integer({ min: 1, max: 500 }),
});
const diagnostic: fc.Arbitrary<LintDiagnostic> = fc.record(
  {
    ruleId: fc.constantFrom('placeholder', 'id-sequence', 'status-value'),
    messageId: fc.constantFrom('a', 'b'),
    severity: fc.constantFrom(...SEVERITIES),
    message: tricky,
    range: fc.record({ start: position, end: position }),
    note: tricky,
    fix: fc.record({
      edits: fc.array(fc.record({ start: fc.nat(1000), end: fc.nat(1000), text: tricky }), { maxLength: 3 }),
      safe: fc.boolean(),
      description: tricky,
    }),
  },
  { requiredKeys: ['ruleId', 'messageId', 'severity', 'message', 'range'] },
);

/** What PackedRows reads, turned back into diagnostics. */
function readRows(data: Uint8Array): LintDiagnostic[] {
  const rows = new PackedRows(data);
  const out: LintDiagnostic[] = [];
  while (rows.next()) {
    const [so, sl, sc, eo, el, ec] = rows.position;
    const d: LintDiagnostic = {
      ruleId: rows.strings[rows.rule] as string,
      messageId: rows.strings[rows.messageId] as string,
      severity: SEVERITIES[rows.severity] as LintDiagnostic['severity'],
      message: JSON.parse(rows.bytes.toString('utf8', rows.messageStart, rows.messageEnd)) as string,
      range: {
        start: { offset: so as number, line: sl as number, column: sc as number },
        end: { offset: eo as number, line: el as number, column: ec as number },
      },
    };
    if (rows.note >= 0) d.note = rows.strings[rows.note] as string;
    if (rows.fix) d.fix = rows.fix;
    out.push(d);
  }
  return out;
}

describe('PackedRows', () => {
  it('reads every field unpack reads, in order, whatever the messages hold', () => {
    fc.assert(
      fc.property(fc.array(diagnostic, { maxLength: 8 }), (diagnostics) => {
        const { data } = pack(diagnostics);
        expect(readRows(data)).toEqual(unpack(data));
        expect(readRows(data)).toEqual(diagnostics);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the message as the JSON literal JSON.stringify writes, ready to copy', () => {
    const message = 'say "hi" \\ then\nstop 😀';
    const rows = new PackedRows(
      pack([
        {
          ruleId: 'r',
          messageId: 'm',
          severity: 'info',
          message,
          range: { start: { offset: 0, line: 1, column: 1 }, end: { offset: 2, line: 1, column: 3 } },
        },
      ]).data,
    );
    expect(rows.next()).toBe(true);
    expect(rows.bytes.toString('utf8', rows.messageStart, rows.messageEnd)).toBe(JSON.stringify(message));
    expect(rows.position).toEqual([0, 1, 1, 2, 1, 3]);
    expect(rows.next()).toBe(false);
  });

  it('has no rows for no diagnostics', () => {
    expect(new PackedRows(pack([]).data).next()).toBe(false);
  });
});
