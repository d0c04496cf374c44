import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/model/parse.js';
import { hasShared, SHARED_MISSING, seedFiles } from '../helpers/paths.js';

const at = (doc: ReturnType<typeof parseSpec>, offset: number) => doc.text.slice(offset);

describe('status', () => {
  it.each([
    ['**Status**: Draft\n', 'Draft', 'draft'],
    ['**Status:** 🚧 In Progress\n', '🚧 In Progress', 'in-progress'],
    ['> **Status: not started — idea only.**\n', 'not started — idea only', 'planned'],
    ['**State:** COMPLETED\n', 'COMPLETED', 'complete'],
    ['**Status:** 🔲 IN PROGRESS\n', '🔲 IN PROGRESS', 'in-progress'],
    [
      '**Status**: **Implemented** — shipped in PR #38\n',
      '**Implemented** — shipped in PR #38',
      'implemented',
    ],
    ['**Status:** ðŸ“‹ Planned\n', 'ðŸ“‹ Planned', 'planned'],
    ['- **Status**: Blocked on review\n', 'Blocked on review', 'blocked'],
  ])('%j', (line, raw, state) => {
    const doc = parseSpec(`# T\n\n${line}`, 'specs/t.md');
    expect(doc.status).toMatchObject({ raw, state, unset: false, source: 'field' });
    // The range is what a status change replaces.
    expect(doc.text.slice(doc.status?.range.start.offset, doc.status?.range.end.offset)).toBe(raw);
  });

  it('recognises an unfilled choice list as not set', () => {
    for (const v of [
      'Draft | In Progress | Complete',
      '📋 Planned | 🚧 In Progress | ✅ Implemented',
      '🔲 NOT STARTED / 🚧 IN PROGRESS',
    ]) {
      expect(parseSpec(`# T\n**Status**: ${v}\n`, 'x.md').status).toMatchObject({ state: null, unset: true });
    }
  });

  it('takes front matter first and tells per-phase status lines apart', () => {
    const doc = parseSpec('---\nstate: in_progress\n---\n# T\n## Phase 1\n**Status**: Complete\n', 'x.md');
    expect(doc.status).toMatchObject({ state: 'in-progress', source: 'front-matter' });
    const phases = parseSpec(
      '# Tasks\n## Phase 1 ✅\n**Status**: Complete\n## Summary\n**Status**: In Progress\n',
      'x.md',
    );
    expect(phases.status?.state).toBe('in-progress');
    expect(phases.sectionStatuses.map((s) => s.state)).toEqual(['complete']);
  });

  it('falls back to the folder', () => {
    expect(parseSpec('# T\n', 'specs/archive/x/prd.md').status).toMatchObject({
      state: 'archived',
      source: 'folder',
    });
    expect(parseSpec('# T\n', 'docs/specs/not-started/x.md').status?.state).toBe('planned');
    expect(parseSpec('# T\n', 'specs/x.md').status).toBeUndefined();
  });
});

describe('fields, checklist, ids, references', () => {
  const text = [
    '# Spec: Rate limiter',
    '',
    '**Status:** 🚧 In Progress',
    '**Created**: 2026-01-02',
    '- **Confidence**: 8',
    '',
    '## Requirements',
    '- **FR1:** limit per key',
    '- **NFR2:** p99 < 2 ms',
    '',
    '## Tasks',
    '- [x] 1.1 write `src/limiter.ts`',
    '  - [ ] **Task 1.2**: tests, see [design](./design.md)',
    '* [X] AC3: done',
    '',
    '**Must be completed first:**',
    '- [x] #4 - pool',
    '- [ ] #7',
    '',
    '**Blocks:**',
    '- #9',
    '```ts',
    '- [ ] not a task #99 {Not A Placeholder}',
    '```',
  ].join('\n');
  const doc = parseSpec(text, 'specs/rate-limiter.md');

  it('reads metadata in every style with exact ranges', () => {
    expect(doc.fields.map((f) => [f.key, f.value, f.style])).toEqual([
      ['Status', '🚧 In Progress', 'bold-colon-inside'],
      ['Created', '2026-01-02', 'bold-colon-outside'],
      ['Confidence', '8', 'list-item'],
      ['Must be completed first', '', 'bold-colon-inside'],
      ['Blocks', '', 'bold-colon-inside'],
    ]);
    const created = doc.fields[1];
    expect(at(doc, created?.valueRange.start.offset ?? 0).startsWith('2026-01-02')).toBe(true);
    expect(created?.valueRange.start).toMatchObject({ line: 4, column: 14 });
  });

  it('finds task items outside code, with ids, depth and section', () => {
    expect(doc.checklist.map((c) => [c.checked, c.id, c.depth, c.sectionPath.at(-1)])).toEqual([
      [true, '1.1', 0, 'Tasks'],
      [false, '1.2', 1, 'Tasks'],
      [true, 'AC3', 0, 'Tasks'],
      [true, undefined, 0, 'Tasks'],
      [false, undefined, 0, 'Tasks'],
    ]);
    const first = doc.checklist[0];
    expect(doc.text.slice(first?.markRange.start.offset, first?.markRange.end.offset)).toBe('[x]');
  });

  it('finds requirement ids and references with dependency relations', () => {
    expect(doc.ids.map((i) => i.id)).toEqual(['FR1', 'NFR2', 'Task 1.2', 'AC3']);
    const issues = doc.references.filter((r) => r.kind === 'issue');
    expect(issues.map((r) => [r.target, r.relation, r.checked])).toEqual([
      ['4', 'depends-on', true],
      ['7', 'depends-on', false],
      ['9', 'blocks', undefined],
    ]);
    expect(doc.references.filter((r) => r.kind !== 'issue').map((r) => [r.kind, r.target])).toEqual([
      ['path', 'src/limiter.ts'],
      ['link', './design.md'],
    ]);
    expect(doc.placeholders).toEqual([]);
  });
});

describe('section titles for matching', () => {
  it('strip markup, emoji and edge punctuation, and leave plain titles as they are', () => {
    const doc = parseSpec(
      [
        '# Functional Requirements',
        '## Phase 1: Setup (2 days)',
        '## **Bold** and `code` ✅',
        '## Open questions:',
        '## Two  spaces - and a dash',
        '## Non-Functional Requirements',
      ].join('\n'),
      'a.md',
    );
    const titles: string[] = [];
    const walk = (sections: typeof doc.sections) =>
      sections.forEach((s) => {
        titles.push(s.plainTitle);
        walk(s.children);
      });
    walk(doc.sections);
    expect(titles).toEqual([
      'Functional Requirements',
      'Phase 1: Setup (2 days)',
      'Bold and code',
      'Open questions',
      'Two spaces - and a dash',
      'Non-Functional Requirements',
    ]);
  });
});

describe('placeholder shapes', () => {
  const found = (line: string) => parseSpec(`# T\n\n${line}\n`, 'specs/t.md').placeholders.map((p) => p.text);

  it('reads lower-case hints, any rubric maximum, and a label that is not a link definition', () => {
    expect(found('- [Operation]: < [time]ms')).toEqual(['[Operation]', '[time]']);
    expect(found('Memory: < [amount]MB; score [X]/2')).toEqual(['[amount]', '[X]/2']);
  });

  it('leaves link definitions, reference links, indexes and plain lower-case words alone', () => {
    expect(found('[ref]: https://example.com "Title"\n\nSee [ref].')).toEqual([]);
    expect(found('See [the docs][ref] and items[INDEX] or map[key].')).toEqual([]);
    expect(found('It was [sic] said.')).toEqual([]);
  });

  it('counts backticked file names by extension, but not a bare extension', () => {
    const paths = parseSpec('# T\n\nSee `App.vue`, `api.proto`, `.env` and any `.xml`.\n', 'specs/t.md')
      .references.filter((r) => r.kind === 'path')
      .map((r) => r.target);
    expect(paths).toEqual(['App.vue', 'api.proto', '.env']);
  });
});

describe('bare front matter (key lines closed by ---, no opening fence)', () => {
  it('is read, blank lines between keys included', () => {
    const doc = parseSpec('name: Pool\n\ndescription: Reuse connections\n---\n# Pool\n', 'specs/p.md');
    expect(doc.frontMatter?.value).toEqual({ name: 'Pool', description: 'Reuse connections' });
    expect(doc.sections.map((s) => s.title)).toEqual(['Pool']);
  });

  it('is not prose that happens to start with "Word:" and meet a --- rule later', () => {
    const doc = parseSpec('Note: read this first.\n\nIt is prose.\n\n---\n# Pool\n', 'specs/p.md');
    expect(doc.frontMatter).toBeUndefined();
  });
});

describe('yaml blocks', () => {
  const block = (body: string) => parseSpec(`# T\n\n\`\`\`yaml\n${body}\`\`\`\n`, 'specs/t.md');

  it('reads several ---separated documents as valid YAML, each kept', () => {
    const doc = block('kind: A\n---\nkind: B\n');
    expect(doc.code[0]?.yaml).toEqual({ value: { kind: 'A' }, documents: [{ kind: 'A' }, { kind: 'B' }] });
    expect(doc.problems).toEqual([]);
  });

  it('reports the first broken document at its line in the file', () => {
    const doc = block('kind: A\n---\nkind: [B\n');
    expect(doc.code[0]?.yaml).toMatchObject({ line: 6 });
    expect(doc.problems.map((p) => [p.ruleId, p.range.start.line])).toEqual([['yaml-block', 6]]);
  });
});

describe('encoding and line endings', () => {
  it('keeps CRLF and reports positions the same way as LF', () => {
    const lf = parseSpec('# T\n\n**Status**: Draft\n- [ ] a\n', 'x.md');
    const crlf = parseSpec('# T\r\n\r\n**Status**: Draft\r\n- [ ] a\r\n', 'x.md');
    expect(crlf.eol).toBe('\r\n');
    expect(crlf.status?.raw).toBe('Draft');
    expect(crlf.checklist[0]?.markRange.start).toMatchObject({
      line: lf.checklist[0]?.markRange.start.line,
      column: 3,
    });
    expect(crlf.checklist[0]?.text).toBe('a');
  });

  it('reports mojibake with its repair as a fix', () => {
    const doc = parseSpec('# T\n\n- âœ… done\n', 'x.md');
    expect(doc.problems).toHaveLength(1);
    expect(doc.problems[0]).toMatchObject({ ruleId: 'mojibake', fix: [{ text: '✅' }] });
  });

  it('maps a bad yaml block error to its line in the file', () => {
    const doc = parseSpec('# T\n\n```yaml\na: 1\nb: [unclosed\n```\n', 'x.md');
    expect(doc.problems.map((p) => [p.ruleId, p.range.start.line])).toEqual([['yaml-block', 5]]);
  });
});

describe.skipIf(!hasShared)(`seeds used as documents ${hasShared ? '' : SHARED_MISSING}`, () => {
  it('each seed is recognised as its kind and still full of placeholders', () => {
    const kinds = ['feature', 'prd', 'spec', 'task', 'prp'];
    for (const [i, file] of seedFiles().entries()) {
      const doc = parseSpec(readFileSync(file, 'utf8'), `specs/${kinds[i]}/doc.md`);
      expect(doc.kind.kind, file).toBe(kinds[i]);
      expect(doc.placeholders.length, file).toBeGreaterThan(3);
    }
  });
  it('finds the placeholders a reader would point at', () => {
    const [feature, prd, spec, , prp] = seedFiles().map((f) => parseSpec(readFileSync(f, 'utf8'), f));
    expect(feature?.placeholders.map((p) => p.text)).toContain('{Feature Name}');
    expect(prd?.placeholders.map((p) => p.text)).toEqual(
      expect.arrayContaining(['[Feature Name]', 'YYYY-MM-DD', '{slug}']),
    );
    expect(prd?.status).toMatchObject({ unset: true });
    expect(spec?.placeholders.map((p) => p.text)).toEqual(
      expect.arrayContaining(['X.Y.Z', '[First functional requirement]']),
    );
    expect(prp?.placeholders.map((p) => p.text)).toEqual(
      expect.arrayContaining(['[FEATURE NAME]', '[1-10]', '[X]/10']),
    );
  });
});
