/**
 * Property tests: for random documents (front matter or not, every metadata style, CRLF, mixed
 * line endings, emoji, trailing spaces, odd list markers, nesting, no final newline) and random
 * sequences of edits (tick, untick, set a field, change the status, add a changelog entry), each
 * edit touches only its own range, writes the document's line ending, and re-parsing shows exactly
 * the intended change and nothing else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply.js';
import { encodeText } from '../../src/edit/commit.js';
import { changelogEdits, findChangelogSection } from '../../src/lifecycle/changelog.js';
import { findField, setFieldEdits } from '../../src/lifecycle/fields.js';
import { tickEdits } from '../../src/lifecycle/items.js';
import { statusEdits } from '../../src/lifecycle/status.js';
import { decodeSpec } from '../../src/model/encoding.js';
import { parseSpec } from '../../src/model/parse.js';
import type { Edit, SpecDocument } from '../../src/model/types.js';
import type { LoadedTemplate } from '../../src/templates/index.js';
import { builtin, rebuiltFromSlices } from './helpers.js';

const WORDS = ['alpha', 'beta', 'gamma', 'delta', '🚀', 'ünïcode', '数据', 'x_y', 'a-b', 'v1.2', '(note)'];
const word = fc.constantFrom(...WORDS);
const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
const KEYS = ['Owner', 'Version', 'Priority', 'Team', 'Location', 'Reviewer'];
const STYLES = ['outside', 'inside', 'list'] as const;
type Style = (typeof STYLES)[number];

interface GenItem {
  marker: string;
  nested: boolean;
  mark: ' ' | 'x' | 'X';
  withId: boolean;
  text: string;
}

interface GenDoc {
  eol: '\n' | '\r\n' | 'mixed';
  bom: boolean;
  frontMatter: boolean;
  title: string;
  style: Style;
  trailing: string;
  status: boolean;
  fields: Array<[string, string]>;
  sections: Array<{ title: string; items: GenItem[] }>;
  changelog: Array<[string, string]> | null;
  finalNewline: boolean;
  eolPick: boolean[];
}

const item: fc.Arbitrary<GenItem> = fc.record({
  marker: fc.constantFrom('-', '*', '+', '1.', '1)'),
  nested: fc.boolean(),
  mark: fc.constantFrom(' ' as const, 'x' as const, 'X' as const),
  withId: fc.boolean(),
  text: phrase,
});

const genDoc: fc.Arbitrary<GenDoc> = fc.record({
  eol: fc.constantFrom('\n' as const, '\r\n' as const, 'mixed' as const),
  bom: fc.boolean(),
  frontMatter: fc.boolean(),
  title: phrase,
  style: fc.constantFrom(...STYLES),
  trailing: fc.constantFrom<string>('', '  ', ' '),
  status: fc.boolean(),
  fields: fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), phrase), { selector: (f) => f[0], maxLength: 4 }),
  sections: fc.array(fc.record({ title: phrase, items: fc.array(item, { maxLength: 6 }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  changelog: fc.option(
    fc.array(fc.tuple(fc.constantFrom('2026-01-05', '2026-02-10', '2026-03-15'), phrase), { maxLength: 3 }),
    { nil: null },
  ),
  finalNewline: fc.boolean(),
  eolPick: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
});

function fieldLine(style: Style, key: string, value: string, trailing: string): string {
  if (style === 'inside') return `**${key}:** ${value}${trailing}`;
  if (style === 'list') return `- **${key}**: ${value}${trailing}`;
  return `**${key}**: ${value}${trailing}`;
}

function render(g: GenDoc): string {
  const lines: string[] = [];
  if (g.frontMatter) lines.push('---', 'name: Generated', 'labels: [a, b]', '---');
  lines.push(`# ${g.title}`, '');
  if (g.status) lines.push(fieldLine(g.style, 'Status', 'Draft', g.trailing));
  for (const [k, v] of g.fields) lines.push(fieldLine(g.style, k, v, g.trailing));
  let n = 0;
  g.sections.forEach((s, si) => {
    lines.push('', `## ${s.title} ${si + 1}`, '');
    let prevTop = false;
    s.items.forEach((it, ii) => {
      n++;
      const indent = it.nested && prevTop ? '  ' : '';
      const id = it.withId ? `${si + 1}.${ii + 1} ` : '';
      lines.push(`${indent}${it.marker} [${it.mark}] ${id}${it.text} item-${n}${g.trailing}`);
      prevTop = true;
    });
  });
  if (g.changelog) {
    lines.push('', '## Changelog');
    for (const [d, m] of g.changelog) lines.push('', `### ${d}`, `- ${m}`);
  }
  let out = '';
  lines.forEach((l, i) => {
    const eol = g.eol === 'mixed' ? (g.eolPick[i % 64] ? '\r\n' : '\n') : g.eol;
    out += l + (i < lines.length - 1 || g.finalNewline ? eol : '');
  });
  return out;
}

type Op =
  | { op: 'tick'; pick: number; how: 'id' | 'text' | 'line'; undo: boolean }
  | { op: 'set'; key: string; value: string }
  | { op: 'status'; target: 'draft' | 'in-progress' | 'blocked' | 'complete' | 'archived' }
  | { op: 'changelog'; date: string; message: string };

const genOp: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('tick' as const),
      pick: fc.nat(),
      how: fc.constantFrom('id' as const, 'text' as const, 'line' as const),
      undo: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.constantFrom(...KEYS), value: phrase }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('status' as const),
      target: fc.constantFrom(
        'draft' as const,
        'in-progress' as const,
        'blocked' as const,
        'complete' as const,
        'archived' as const,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('changelog' as const),
      date: fc.constantFrom('2026-01-05', '2026-04-01', '2026-12-31'),
      message: phrase,
    }),
  },
);

/** What a reader sees, outside the changelog: metadata values, status, checklist, headings. */
function view(doc: SpecDocument) {
  const changelog = findChangelogSection(doc);
  const inChangelog = (offset: number) =>
    changelog !== undefined && offset >= changelog.range.start.offset && offset <= changelog.range.end.offset;
  return {
    fields: Object.fromEntries(
      doc.fields.filter((f) => !inChangelog(f.keyRange.start.offset)).map((f) => [f.name, f.value]),
    ),
    status: doc.status?.state ?? null,
    checklist: doc.checklist.map((c) => ({ text: c.text, checked: c.checked, id: c.id, depth: c.depth })),
    headings: flatHeadings(doc)
      .filter((h) => !inChangelog(h.offset))
      .map((h) => h.title),
    title: doc.title?.value,
    frontMatter: doc.frontMatter?.value,
  };
}

function flatHeadings(doc: SpecDocument): Array<{ title: string; offset: number }> {
  const out: Array<{ title: string; offset: number }> = [];
  const walk = (ss: SpecDocument['sections']) => {
    for (const s of ss) {
      out.push({ title: s.title, offset: s.headingRange.start.offset });
      walk(s.children);
    }
  };
  walk(doc.sections);
  return out;
}

/** Inserted or replacement text uses only the document's own line ending. */
function usesEol(edits: readonly Edit[], eol: string): boolean {
  return edits.every((e) => {
    const breaks = e.text.match(/\r?\n/g) ?? [];
    return breaks.every((b) => b === eol);
  });
}

describe('random documents and edit sequences', () => {
  it('each edit changes only its own range, and re-parsing shows exactly the intended change', async () => {
    const prd: LoadedTemplate = await builtin('prd');
    await fc.assert(
      fc.asyncProperty(genDoc, fc.array(genOp, { minLength: 1, maxLength: 8 }), async (g, ops) => {
        const original = render(g);
        let doc = parseSpec(original, 'specs/gen.md', { bom: g.bom });
        expect(doc.checklist.length).toBe(g.sections.reduce((n, s) => n + s.items.length, 0));
        for (const op of ops) {
          const before = view(doc);
          let edits: Edit[] = [];
          const expected = structuredClone(before);
          if (op.op === 'tick') {
            if (doc.checklist.length === 0) continue;
            const i = op.pick % doc.checklist.length;
            const target = doc.checklist[i] as SpecDocument['checklist'][number];
            const query =
              op.how === 'line' || (op.how === 'id' && !target.id)
                ? `line:${target.markRange.start.line}`
                : op.how === 'id'
                  ? (target.id as string)
                  : target.text;
            edits = tickEdits(doc, query, { undo: op.undo });
            (expected.checklist[i] as { checked: boolean }).checked = !op.undo;
            // A tick is one character inside the brackets, or nothing.
            for (const e of edits) {
              expect(e.start).toBe(target.markRange.start.offset + 1);
              expect(e.end).toBe(e.start + 1);
            }
          } else if (op.op === 'set') {
            const existing = findField(doc, op.key);
            edits = setFieldEdits(doc, undefined, op.key, op.value);
            expected.fields[op.key.toLowerCase()] = op.value;
            for (const e of edits) {
              if (existing) {
                expect(e.start).toBeGreaterThanOrEqual(existing.valueRange.start.offset);
                expect(e.end).toBeLessThanOrEqual(existing.valueRange.end.offset);
              } else expect(e.end).toBe(e.start); // a pure insertion
            }
          } else if (op.op === 'status') {
            if (!doc.status || doc.status.source === 'folder') continue;
            edits = statusEdits(doc, prd, op.target);
            expected.status = op.target;
            expected.fields.status = edits.length
              ? (prd.schema.status.values.find((v) => v.state === op.target)?.value as string)
              : (before.fields.status as string);
          } else {
            edits = changelogEdits(doc, undefined, op.date, op.message, { create: true });
          }
          expect(usesEol(edits, doc.eol)).toBe(true);
          const text = applyEdits(doc.text, edits);
          // Bytes outside the edited ranges are untouched: rebuild the text from the original's slices.
          expect(rebuiltFromSlices(doc.text, edits)).toBe(text);
          // The BOM comes back on write, and the bytes decode to the same text.
          const decoded = decodeSpec(encodeText(text, doc.bom), doc.path);
          expect(decoded.bom).toBe(doc.bom);
          expect(decoded.text).toBe(text);
          const next = parseSpec(text, doc.path, { bom: doc.bom });
          const after = view(next);
          if (op.op === 'changelog') {
            const section = findChangelogSection(next);
            expect(section).toBeDefined();
            const body = text.slice(section?.range.start.offset, section?.range.end.offset);
            expect(body).toContain(op.date);
            expect(body).toContain(op.message);
          }
          if (op.op === 'set') {
            const field = findField(next, op.key);
            expect(field?.value).toBe(op.value);
            if (field?.style === 'front-matter' && expected.frontMatter) {
              expect(String(next.frontMatter?.value[field.key])).toBe(op.value);
              expected.frontMatter[field.key] = next.frontMatter?.value[field.key];
            }
          }
          expect(after).toEqual(expected);
          doc = next;
        }
      }),
      { numRuns: 250 },
    );
  });
});
