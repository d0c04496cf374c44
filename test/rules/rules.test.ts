/**
 * Every rule against its fixtures (test/fixtures/rules/<rule-id>/, convention in README.md here):
 * fail cases give exactly the `.expected` findings, pass cases give none, safe fixes give the
 * `.fixed.md` bytes, and every finding is well formed (message renders, ranges agree with the text).
 * Plus what holds for the registry as a whole, and that no rule throws on odd documents.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply.js';
import { decodeSpec } from '../../src/model/encoding.js';
import type { SpecDocument } from '../../src/model/types.js';
import { RULES } from '../../src/rules/all.js';
import type { Finding, Rule } from '../../src/rules/types.js';
import { loadTemplates, type TemplateSet, USER_TEMPLATES_DIR } from '../../src/templates/index.js';
import { builtinTemplates, makeContext, parseText, renderMessage } from './context.js';
import {
  applySafeFixes,
  DOCS_DIR,
  describeFinding,
  encode,
  type FixtureCase,
  fixtureCases,
  fixtureFolders,
  readExpected,
  runCase,
} from './fixtures.js';

const templates = await builtinTemplates();
const byId = new Map(RULES.map((r) => [r.meta.id, r]));
const SEVERITIES = ['error', 'warning', 'info'];

describe('the rule registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = RULES.map((r) => r.meta.id);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const rule of RULES) {
    const id = rule.meta.id;
    it(`${id} has complete metadata`, () => {
      const m = rule.meta;
      expect(m.description.trim().length, `${id}: description`).toBeGreaterThan(10);
      expect(m.rationale.trim().length, `${id}: rationale`).toBeGreaterThan(10);
      expect(SEVERITIES).toContain(m.severity);
      expect(Object.keys(m.messages).length, `${id}: messages`).toBeGreaterThan(0);
      for (const [messageId, text] of Object.entries(m.messages)) {
        expect(messageId).toMatch(/^[a-z][a-zA-Z0-9-]*$/);
        expect(text.trim(), `${id}.${messageId}`).not.toBe('');
      }
    });

    it(`${id} has fixtures and a docs page`, () => {
      expect(fixtureFolders(), `test/fixtures/rules/${id}/`).toContain(id);
      const cases = fixtureCases(id);
      expect(
        cases.some((c) => c.expectFindings),
        `${id}: a fail-*.md case`,
      ).toBe(true);
      expect(
        cases.some((c) => !c.expectFindings),
        `${id}: a pass-*.md case`,
      ).toBe(true);
      const page = join(DOCS_DIR, `${id}.md`);
      expect(existsSync(page), `docs/rules/${id}.md`).toBe(true);
      expect(readFileSync(page, 'utf8').split('\n')[0]).toBe(`# ${id}`);
      if (rule.meta.fixable) {
        // Fixes must keep the bytes they do not touch: prove it on CRLF and BOM files.
        const fixed = cases.filter((c) => existsSync(fixedPath(c)));
        expect(fixed.length, `${id}: a fail case with .fixed.md`).toBeGreaterThan(0);
        const raw = fixed.map((c) => readFileSync(c.file));
        expect(
          raw.some((b) => b.includes('\r\n')),
          `${id}: a CRLF case with .fixed.md`,
        ).toBe(true);
        expect(
          raw.some((b) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf),
          `${id}: a BOM case with .fixed.md`,
        ).toBe(true);
      }
    });
  }
});

/** A fixture folder with `.specwright/templates/` is a workspace with its own templates. */
async function templatesFor(dir: string): Promise<TemplateSet> {
  return existsSync(join(dir, USER_TEMPLATES_DIR)) ? loadTemplates(dir) : templates;
}

const fixedPath = (c: FixtureCase) => join(c.dir, `${c.name}.fixed.md`);
const expectedPath = (c: FixtureCase) => join(c.dir, `${c.name}.expected`);

for (const ruleId of fixtureFolders()) {
  describe(`rule ${ruleId}`, () => {
    const rule = byId.get(ruleId);
    it('is registered in RULES', () => {
      expect(rule, `src/rules/all.ts has no rule "${ruleId}"`).toBeDefined();
    });
    if (!rule) return;

    for (const c of fixtureCases(ruleId)) {
      it(c.name, async () => {
        const bytes = readFileSync(c.file);
        const decoded = decodeSpec(bytes, c.file);
        const result = runCase(c, rule, await templatesFor(c.dir), decoded.text, decoded.bom);
        for (const f of result.findings) checkWellFormed(f, rule, result.doc);

        const expected = readExpected(expectedPath(c));
        if (c.expectFindings) {
          expect(existsSync(expectedPath(c)), `${c.name}.expected`).toBe(true);
          expect(expected.length, `${c.name}.expected lists no finding`).toBeGreaterThan(0);
          const actual = result.findings.map((f, i) =>
            describeFinding(f, rule, (expected[i] ?? '').split(/\s+/).length > 2),
          );
          expect(actual).toEqual(expected);
        } else {
          expect(existsSync(expectedPath(c)), `pass case ${c.name} has an .expected file`).toBe(false);
          expect(result.findings.map((f) => describeFinding(f, rule, false))).toEqual([]);
        }

        const fixed = applySafeFixes(result);
        const changed = fixed.text !== result.doc.text;
        if (existsSync(fixedPath(c))) {
          expect(changed, `${c.name}.fixed.md exists but no safe fix changes the document`).toBe(true);
          expect(
            encode(fixed.text, decoded.bom).equals(readFileSync(fixedPath(c))),
            `${c.name}.fixed.md`,
          ).toBe(true);
          // A readable diff when the bytes differ.
          expect(JSON.stringify(fixed.text)).toBe(
            JSON.stringify(decodeSpec(readFileSync(fixedPath(c)), fixedPath(c)).text),
          );
        } else {
          expect(changed, `${c.name}: safe fixes change the document; add ${c.name}.fixed.md`).toBe(false);
        }
      });
    }
  });
}

/** What every finding must satisfy whatever the rule: a message that renders, ranges true to the text. */
function checkWellFormed(f: Finding, rule: Rule, doc: SpecDocument): void {
  const where = `${rule.meta.id} ${f.range.start.line}:${f.range.start.column} ${f.messageId}`;
  const template = rule.meta.messages[f.messageId];
  expect(template, `${where}: messageId not in meta.messages`).toBeDefined();
  const { text, missing } = renderMessage(template ?? '', f.data);
  expect(missing, `${where}: unfilled slots in "${text}"`).toEqual([]);
  if (f.severity !== undefined) expect(SEVERITIES).toContain(f.severity);
  const { start, end } = f.range;
  expect(start.offset, where).toBeGreaterThanOrEqual(0);
  expect(end.offset, where).toBeGreaterThanOrEqual(start.offset);
  expect(end.offset, where).toBeLessThanOrEqual(doc.text.length);
  expect(start, `${where}: start position`).toEqual(doc.posAt(start.offset));
  expect(end, `${where}: end position`).toEqual(doc.posAt(end.offset));
  if (f.note !== undefined) expect(f.note.trim(), `${where}: empty note`).not.toBe('');
  if (!f.fix) return;
  expect(rule.meta.fixable, `${where}: a fix from a rule whose meta says fixable: false`).toBe(true);
  expect(f.fix.description.trim(), `${where}: fix description`).not.toBe('');
  expect(f.fix.edits.length, `${where}: fix without edits`).toBeGreaterThan(0);
  // Throws on overlapping or out-of-range edits.
  applyEdits(doc.text, f.fix.edits);
}

/** Documents a rule must survive: empty, truncated, odd line endings, structure in odd places. */
const ODD_DOCUMENTS: Record<string, string> = {
  empty: '',
  'only whitespace': ' \n\t\n',
  'lone CR line endings': '# T\r**Status**: Done\r- [ ] x\r',
  'only front matter': '---\nstatus: done\n---\n',
  'unclosed front matter': '---\nstatus: [done\n',
  'unterminated fence': '# T\n\n```yaml\nkey: [\n## Phase 1\n- [x] a\n',
  'headings only': '###### deep\n# top\n#### skip\n## Phase 2\n## Phase 1\n',
  'empty heading texts': '#\n##\n###\n',
  'checklist without sections': '- [x] a\n- [ ] b\n  - [X] c\n',
  'status everywhere': '**Status**: ✅ Implemented\n## Phase 1\n**Status**: Complete\n- [ ] x\n',
  'dates of every shape':
    '# T\n**Created**: 31/31/2024\n**Implemented**: 2024-02-30\n**Updated**: March 45, 2024\n## Changelog\n- 2024-13-01: x\n- 99999-01-01: y\n',
  'table with ids': '| FR1 | a |\n|---|---|\n| FR1 | b |\n',
  'placeholders galore': '# {Title}\n[FEATURE] YYYY-MM-DD X.Y.Z [X]/10 <!-- Describe it -->\n',
  'a long line': `# T\n${'word '.repeat(20_000)}\n`,
  'nested lists': `${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- [ ] item ${i}`).join('\n')}\n`,
};

const FRAGMENTS = [
  '# Title\n',
  '## Phase 1: Setup\n',
  '### Phase 2\n',
  '#### Deep\n',
  '## Acceptance Criteria\n',
  '## Success Criteria\n',
  '## Changelog\n',
  '**Status**: Complete\n',
  '**Status:** 📋 Planned | 🚧 In Progress\n',
  '**Created**: 2024-03-05\n',
  '**Implemented**: March 5, 2024\n',
  '- **Date**: 03/05/2024\n',
  '- [ ] open item\n',
  '- [x] done item\n',
  '  - [X] nested\n',
  '- 2024-01-02: entry\n',
  '{Feature Name}\n',
  '```yaml\nk: v\n```\n',
  '---\n',
  '\r\n',
  '\n',
  'plain text\n',
  '| a | b |\n|---|---|\n| 1 | 2 |\n',
];

function checkOdd(rule: Rule, text: string, kind?: string): void {
  const doc = parseText(text, 'specs/odd.md', templates, { kind });
  const ctx = makeContext(doc, {
    root: '/nonexistent',
    absPath: '/nonexistent/specs/odd.md',
    templates,
    kind,
  });
  const findings = rule.check(doc, ctx);
  for (const f of findings) checkWellFormed(f, rule, doc);
}

for (const rule of RULES) {
  describe(`robustness: ${rule.meta.id} never throws`, () => {
    it('on odd documents', () => {
      for (const [name, text] of Object.entries(ODD_DOCUMENTS)) {
        for (const kind of [undefined, ...templates.kinds()]) {
          expect(() => checkOdd(rule, text, kind), `${name} as ${kind ?? 'detected kind'}`).not.toThrow();
        }
      }
    });

    it('on generated documents', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 25 }),
          fc.constantFrom(undefined, ...templates.kinds()),
          (parts, kind) => {
            checkOdd(rule, parts.join(''), kind);
          },
        ),
        { numRuns: 150 },
      );
    });
  });
}
