/** Unified diffs built from edits: exact hunks, CRLF kept, and every diff applies back with a real patch tool. */
import { applyPatch } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply.js';
import { splitLines, unifiedDiff } from '../../src/edit/diff.js';
import type { Edit } from '../../src/model/types.js';

describe('unifiedDiff', () => {
  it('shows one changed line with three lines of context and git-style headers', () => {
    const before = 'a\nb\nc\nd\n- [ ] e\nf\ng\nh\ni\n';
    const at = before.indexOf('[ ]') + 1;
    expect(
      unifiedDiff(before, [{ start: at, end: at + 1, text: 'x' }], { from: 'a/s.md', to: 'b/s.md' }),
    ).toBe('--- a/s.md\n+++ b/s.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-- [ ] e\n+- [x] e\n f\n g\n h\n');
  });

  it('is empty when nothing changes', () => {
    expect(unifiedDiff('a\n', [])).toBe('');
    expect(unifiedDiff('a\n', [{ start: 0, end: 1, text: 'a' }])).toBe('');
  });

  it('prints an insertion as added lines only, with the line numbers of the new file', () => {
    const before = 'one\ntwo\n';
    const diff = unifiedDiff(before, [{ start: 4, end: 4, text: 'new\n' }], { context: 0 });
    expect(diff).toBe('--- a\n+++ a\n@@ -1,0 +2 @@\n+new\n');
    const top = unifiedDiff(before, [{ start: 0, end: 0, text: 'zero\n' }], { context: 0 });
    expect(top).toBe('--- a\n+++ a\n@@ -0,0 +1 @@\n+zero\n');
  });

  it('keeps CR in CRLF lines and marks a missing final newline', () => {
    const before = 'a\r\nb\r\nc';
    const diff = unifiedDiff(before, [{ start: 6, end: 7, text: 'C' }], { context: 1 });
    expect(diff).toBe(
      '--- a\n+++ a\n@@ -2,2 +2,2 @@\n b\r\n-c\n\\ No newline at end of file\n+C\n\\ No newline at end of file\n',
    );
  });

  it('joins changes whose context overlaps into one hunk and keeps far ones apart', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const before = `${lines.join('\n')}\n`;
    const edit = (n: number): Edit => {
      const start = before.indexOf(`line ${n}\n`);
      return { start, end: start + `line ${n}`.length, text: `LINE ${n}` };
    };
    const near = unifiedDiff(before, [edit(5), edit(10)]);
    expect(near.match(/^@@/gm)).toHaveLength(1);
    const far = unifiedDiff(before, [edit(5), edit(20)]);
    expect(far.match(/^@@/gm)).toHaveLength(2);
    expect(far).toContain('@@ -17,7 +17,7 @@');
  });

  it('reads consecutive changed lines as a run of removals then additions', () => {
    const before = 'x\n- [ ] a\n- [ ] b\ny\n';
    const edits = [before.indexOf('[ ] a'), before.indexOf('[ ] b')].map((at) => ({
      start: at + 1,
      end: at + 2,
      text: 'x',
    }));
    expect(unifiedDiff(before, edits, { context: 0 })).toBe(
      '--- a\n+++ a\n@@ -2,2 +2,2 @@\n-- [ ] a\n-- [ ] b\n+- [x] a\n+- [x] b\n',
    );
  });

  it('splitLines keeps terminators and a last line without one', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a\r\n', 'b\n', 'c']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n')).toEqual(['\n']);
  });

  it('property: for random texts and edits the diff applies (with the diff package) to give the edited text', () => {
    const line = fc.stringMatching(/^[a-c \t[\]x-]{0,6}$/);
    const text = fc
      .tuple(fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { maxLength: 25 }), fc.option(line))
      .map(([ls, last]) => ls.map(([l, e]) => l + e).join('') + (last ?? ''));
    const scenario = text.chain((t) =>
      fc
        .array(
          fc.record({
            at: fc.nat({ max: t.length }),
            len: fc.nat({ max: 6 }),
            text: fc.stringMatching(/^[a-z\n]{0,5}$/),
          }),
          { maxLength: 5 },
        )
        .map((raw) => {
          // Non-overlapping edits that never split a CRLF pair.
          const edits: Edit[] = [];
          let floor = 0;
          for (const r of [...raw].sort((a, b) => a.at - b.at)) {
            let start = Math.max(r.at, floor);
            if (t[start - 1] === '\r') start++;
            let end = Math.min(t.length, start + r.len);
            if (t[end - 1] === '\r') end++;
            if (start > t.length || end > t.length) continue;
            edits.push({ start, end, text: r.text });
            floor = end + 1;
          }
          return { t, edits };
        }),
    );
    fc.assert(
      fc.property(scenario, ({ t, edits }) => {
        const after = applyEdits(t, edits);
        const patch = unifiedDiff(t, edits);
        if (after === t) return patch === '';
        return applyPatch(t, patch) === after;
      }),
      { numRuns: 300 },
    );
  });
});
