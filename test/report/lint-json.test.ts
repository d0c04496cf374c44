import { afterAll, describe, expect, it } from 'vitest';
import { lintJson, lintJsonChunks } from '../../src/report/lint-json.js';
import { type LintRun, lintPaths } from '../../src/rules/engine.js';
import { docsUrl } from '../../src/rules/meta.js';
import { cleanupDirs, doubleXRule, todoRule, workspace } from '../rules/engine-fixtures.js';

afterAll(cleanupDirs);

/** What the CLI writes, piece by piece. */
const written = (run: LintRun) => Buffer.concat([...lintJsonChunks(run)]).toString('utf8');

describe('check --format json', () => {
  it('is the documented schemaVersion 1 shape', async () => {
    const ws = await workspace({
      'specs/a.md': '# A\n\nTODO xx\n',
      'specs/b.md': '# B\n',
      'specs/c.md': new Uint8Array([0, 1, 2]),
    });
    const run = lintPaths(ws, undefined, { ruleSet: [todoRule, doubleXRule], cache: false });
    // What the CLI writes, piece by piece, is exactly this document, byte for byte.
    expect(written(run)).toBe(`${JSON.stringify(lintJson(run))}\n`);
    expect(lintJson(run)).toEqual({
      schemaVersion: 1,
      summary: { files: 3, filesWithProblems: 2, errors: 2, warnings: 1, infos: 0, fixable: 1, fixed: 0 },
      files: [
        {
          path: 'specs/a.md',
          kind: 'unknown',
          errors: 1,
          warnings: 1,
          infos: 0,
          diagnostics: [
            {
              ruleId: 'no-todo',
              messageId: 'todo',
              severity: 'warning',
              message: 'TODO left in "A"',
              line: 3,
              column: 1,
              endLine: 3,
              endColumn: 5,
              offset: 5,
              endOffset: 9,
              note: null,
              fix: null,
            },
            {
              ruleId: 'double-x',
              messageId: 'doubled',
              severity: 'error',
              message: 'doubled x',
              line: 3,
              column: 6,
              endLine: 3,
              endColumn: 8,
              offset: 10,
              endOffset: 12,
              note: null,
              fix: { safe: true, description: 'x', edits: [{ start: 10, end: 12, text: 'x' }] },
            },
          ],
          error: null,
          fix: null,
        },
        {
          path: 'specs/b.md',
          kind: 'unknown',
          errors: 0,
          warnings: 0,
          infos: 0,
          diagnostics: [],
          error: null,
          fix: null,
        },
        {
          path: 'specs/c.md',
          kind: null,
          errors: 1,
          warnings: 0,
          infos: 0,
          diagnostics: [],
          error: { message: 'binary file, not Markdown', line: null },
          fix: null,
        },
      ],
      ignored: [],
      rules: {
        'no-todo': { description: 'No TODO left.', fixable: false, docs: docsUrl('no-todo') },
        'double-x': { description: 'No doubled x.', fixable: true, docs: docsUrl('double-x') },
      },
    });
  });

  it('under --quiet, holds the errors alone, written out as the document says', async () => {
    const ws = await workspace({ 'specs/a.md': '# A\n\nTODO xx\n' });
    const run = lintPaths(ws, undefined, { ruleSet: [todoRule, doubleXRule], cache: false, quiet: true });
    expect(written(run)).toBe(`${JSON.stringify(lintJson(run))}\n`);
    expect(lintJson(run).files[0]?.diagnostics.map((d) => d.ruleId)).toEqual(['double-x']);
    expect(Object.keys(lintJson(run).rules)).toEqual(['double-x']);
  });

  it('writes results built without their packed form (library callers) the same way', async () => {
    const ws = await workspace({ 'specs/a.md': '# A\n\nTODO xx "q" \\ 😀\n' });
    const run = lintPaths(ws, undefined, { ruleSet: [todoRule, doubleXRule], cache: false });
    const plain: LintRun = {
      ...run,
      files: run.files.map((f) => ({ ...f, diagnostics: f.diagnostics, packed: undefined })),
    };
    expect(plain.files[0]?.diagnostics).toHaveLength(2);
    expect(written(plain)).toBe(written(run));
  });

  it('records what --fix changed, with the diff of a dry run', async () => {
    const ws = await workspace({ 'specs/a.md': 'xx\n' });
    const run = lintPaths(ws, undefined, { ruleSet: [doubleXRule], cache: false, fixDryRun: true });
    expect(written(run)).toBe(`${JSON.stringify(lintJson(run))}\n`);
    const file = lintJson(run).files[0];
    expect(file?.fix).toEqual({
      applied: 1,
      byRule: { 'double-x': 1 },
      written: false,
      diff: '--- a/specs/a.md\n+++ b/specs/a.md\n@@ -1,1 +1,1 @@\n-xx\n+x\n',
    });
    expect(lintJson(run).summary.fixed).toBe(1);
  });
});
