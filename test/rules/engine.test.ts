import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isSpecwrightError, type SpecwrightError } from '../../src/errors.js';
import { parseSpec } from '../../src/model/parse.js';
import { type LintRun, lintDocument, lintPaths } from '../../src/rules/engine.js';
import type { Rule } from '../../src/rules/types.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import {
  cleanupDirs,
  crashRule,
  doubleXRule,
  issueRule,
  maybeRule,
  missingPathRule,
  TASK_12,
  TEST_RULES,
  taskOnlyRule,
  todoRule,
  workspace,
  workspaceDir,
} from './engine-fixtures.js';

const summary = (run: LintRun) =>
  run.files.flatMap((f) =>
    f.diagnostics.map(
      (d) => `${f.path}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.ruleId}`,
    ),
  );

const lint = (ws: Awaited<ReturnType<typeof workspace>>, rules: readonly Rule[] = TEST_RULES, extra = {}) =>
  lintPaths(ws, undefined, { ruleSet: rules, cache: false, ...extra });

afterAll(cleanupDirs);

describe('lintDocument', () => {
  const ctx = {
    root: '/r',
    repoRoot: '/r',
    absPath: '/r/specs/a.md',
    templates: {
      get: () => undefined,
      require: () => {
        throw new Error();
      },
      has: () => false,
      list: () => [],
      kinds: () => [],
    },
    exists: () => false,
    issueNumbers: new Set<number>(),
  };
  const on: Parameters<typeof lintDocument>[2] = () => ({ severity: 'warning', options: {} });

  it('fills message slots from finding data', () => {
    const doc = parseSpec('# Title\n\nTODO here\n', 'specs/a.md');
    const [d] = lintDocument(doc, ctx, on, [todoRule]);
    expect(d).toMatchObject({ ruleId: 'no-todo', messageId: 'todo', message: 'TODO left in "Title"' });
    expect(d?.range.start).toEqual({ offset: 9, line: 3, column: 1 });
  });

  it('turns a throwing rule into one internal error and runs the others', () => {
    const doc = parseSpec('# T\n\nBOOM TODO\n', 'specs/a.md');
    const diags = lintDocument(doc, ctx, on, [crashRule, todoRule]);
    expect(diags.map((d) => [d.ruleId, d.severity])).toEqual([
      ['internal', 'error'],
      ['no-todo', 'warning'],
    ]);
    expect(diags[0]?.message).toBe('rule "crashy" crashed: kaboom');
  });

  it('reports an unknown messageId or a missing range as a crash of that rule', () => {
    const bad: Rule = {
      meta: { ...todoRule.meta, id: 'bad' },
      check: () => [{ messageId: 'nope', range: undefined as never }],
    };
    const doc = parseSpec('# T\n', 'specs/a.md');
    const [d] = lintDocument(doc, ctx, on, [bad]);
    expect(d?.ruleId).toBe('internal');
    expect(d?.message).toContain('unknown messageId "nope"');
  });

  it('drops the fix of a rule that is not fixable', () => {
    const liar: Rule = {
      meta: { ...todoRule.meta, id: 'liar' },
      check: (doc) => [
        {
          messageId: 'todo',
          range: { start: doc.posAt(0), end: doc.posAt(1) },
          fix: { edits: [{ start: 0, end: 1, text: '' }], safe: true, description: '' },
        },
      ],
    };
    const [d] = lintDocument(parseSpec('# T\n', 'a.md'), ctx, on, [liar]);
    expect(d?.fix).toBeUndefined();
  });

  it("keeps a finding's own severity unless config set the rule's severity", () => {
    const mixed: Rule = {
      meta: { ...todoRule.meta, id: 'mixed', severity: 'error' },
      check: (doc) => [
        { messageId: 'todo', severity: 'warning', range: { start: doc.posAt(0), end: doc.posAt(0) } },
      ],
    };
    const doc = parseSpec('# T\n', 'a.md');
    expect(lintDocument(doc, ctx, () => ({ severity: 'error', options: {} }), [mixed])[0]?.severity).toBe(
      'warning',
    );
    expect(
      lintDocument(doc, ctx, () => ({ severity: 'error', options: {}, explicit: true }), [mixed])[0]
        ?.severity,
    ).toBe('error');
  });

  it('skips rules whose kinds do not include the document kind, and rules that are off', () => {
    const doc = parseSpec('# T\n\nTODO\n', 'a.md');
    expect(lintDocument(doc, ctx, on, [taskOnlyRule])).toEqual([]);
    expect(lintDocument(doc, ctx, () => undefined, [todoRule])).toEqual([]);
  });
});

describe('severity resolution', () => {
  const files = {
    'specs/a.md': '# A\n\nTODO\n',
    'specs/legacy/b.md': '# B\n\nTODO\n',
    'specs/tasks/issue-12.md': `${TASK_12}\nTODO\n`,
  };

  it('uses each rule default without config', async () => {
    const ws = await workspace(files);
    expect(summary(lint(ws, [todoRule, taskOnlyRule]))).toEqual([
      'specs/a.md:3:1 warning no-todo',
      'specs/legacy/b.md:3:1 warning no-todo',
      'specs/tasks/issue-12.md:1:1 info task-only',
      'specs/tasks/issue-12.md:14:1 warning no-todo',
    ]);
  });

  it('layers global, kind, override and command-line settings, the later winning', async () => {
    const ws = await workspace({
      ...files,
      'specwright.config.yaml': [
        'rules:',
        '  no-todo: error',
        '  task-only: [warn, { limit: 3 }]',
        'kinds:',
        '  task:',
        '    rules:',
        '      no-todo: info',
        'overrides:',
        '  - files: ["specs/legacy/**"]',
        '    rules:',
        '      no-todo: off',
        '',
      ].join('\n'),
    });
    const run = lint(ws, [todoRule, taskOnlyRule]);
    expect(summary(run)).toEqual([
      'specs/a.md:3:1 error no-todo',
      'specs/tasks/issue-12.md:1:1 warning task-only',
      'specs/tasks/issue-12.md:14:1 info no-todo',
    ]);
    expect(run.files[2]?.diagnostics[0]?.message).toBe('task seen (limit 3)');
    const cli = lint(ws, [todoRule, taskOnlyRule], { rules: { 'no-todo': 'warn', 'task-only': 'off' } });
    expect(summary(cli)).toEqual([
      'specs/a.md:3:1 warning no-todo',
      'specs/legacy/b.md:3:1 warning no-todo',
      'specs/tasks/issue-12.md:14:1 warning no-todo',
    ]);
  });

  it('rejects unknown rule ids in config with the file and line', async () => {
    const ws = await workspace({
      ...files,
      'specwright.config.yaml':
        'version: 1\nrules:\n  no-todo: warn\noverrides:\n  - files: ["x"]\n    rules:\n      no-tood: off\n',
    });
    let err: unknown;
    try {
      lint(ws, [todoRule]);
    } catch (e) {
      err = e;
    }
    expect(isSpecwrightError(err)).toBe(true);
    const e = err as SpecwrightError;
    expect([e.code, e.line, e.file?.endsWith('specwright.config.yaml')]).toEqual(['config', 7, true]);
    expect(e.message).toBe('"overrides[0].rules": unknown rule "no-tood" (did you mean "no-todo"?)');
  });

  it('rejects unknown kinds in config, and unknown ids and severities on the command line', async () => {
    const ws = await workspace({ ...files, 'specwright.config.yaml': 'kinds:\n  tsak:\n    rules: {}\n' });
    expect(() => lint(ws, [todoRule])).toThrow(/unknown kind "tsak"/);
    const ok = await workspace(files);
    expect(() => lint(ok, [todoRule], { rules: { 'no-such': 'off' } })).toThrow(/unknown rule "no-such"/);
    expect(() => lint(ok, [todoRule], { rules: { 'no-todo': 'loud' } })).toThrow(/unknown severity "loud"/);
  });

  it('--quiet keeps errors only', async () => {
    const ws = await workspace({ 'specs/a.md': '# A\n\nTODO xx\n' });
    const run = lint(ws, [todoRule, doubleXRule], { quiet: true });
    expect(summary(run)).toEqual(['specs/a.md:3:6 error double-x']);
    expect([run.errorCount, run.warningCount]).toEqual([1, 0]);
  });
});

describe('disable comments', () => {
  const doc = [
    '# Title', //  1
    '', //  2
    'TODO one', //  3
    '<!-- specwright-disable no-todo -->', //  4
    'TODO two xx', //  5
    '<!-- specwright-enable no-todo -->', //  6
    'TODO three <!-- specwright-disable-line no-todo -->', //  7
    '<!-- specwright-disable-next-line no-todo, double-x -- reason given -->', //  8
    'TODO four xx', //  9
    'TODO five', // 10
    '```md', // 11
    '<!-- specwright-disable -->', // 12
    '```', // 13
    'TODO six `<!-- specwright-disable -->`', // 14
    '<!-- specwright-disable -->', // 15
    'TODO seven xx', // 16
    '<!-- specwright-enable double-x -->', // 17
    'TODO eight xx', // 18
    '<!-- specwright-disable-line no-such-rule -->', // 19
    '',
  ].join('\n');

  it('silences exactly what the comments name, and ignores comments in code', async () => {
    const ws = await workspace({ 'specs/a.md': doc });
    expect(summary(lint(ws, [todoRule, doubleXRule]))).toEqual([
      'specs/a.md:3:1 warning no-todo',
      'specs/a.md:5:10 error double-x',
      'specs/a.md:10:1 warning no-todo',
      'specs/a.md:14:1 warning no-todo',
      'specs/a.md:18:12 error double-x',
      'specs/a.md:19:1 warning disable-directive',
    ]);
  });

  it('never silences a crash', async () => {
    const ws = await workspace({ 'specs/a.md': '<!-- specwright-disable -->\nBOOM\n' });
    expect(summary(lint(ws, [crashRule]))).toEqual(['specs/a.md:1:1 error internal']);
  });

  it('lets the disable-directive pseudo-rule be turned off', async () => {
    const ws = await workspace({ 'specs/a.md': '<!-- specwright-disable nope -->\n' });
    expect(summary(lint(ws, [todoRule]))).toEqual(['specs/a.md:1:1 warning disable-directive']);
    expect(summary(lint(ws, [todoRule], { rules: { 'disable-directive': 'off' } }))).toEqual([]);
  });
});

describe('files', () => {
  it('reports a binary or mis-encoded file as one error and checks the others', async () => {
    const ws = await workspace({
      'specs/a.md': '# A\n\nTODO\n',
      'specs/b.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]),
      'specs/c.md': new Uint8Array([0x23, 0x20, 0xe9, 0x0a]),
      'specs/d.md': '# D\n\nBOOM TODO\n',
    });
    const run = lint(ws, TEST_RULES);
    expect(
      run.files.map((f) => [f.path, f.error?.message ?? f.diagnostics.map((d) => d.ruleId).join(',')]),
    ).toEqual([
      ['specs/a.md', 'no-todo'],
      ['specs/b.md', 'binary file, not Markdown'],
      ['specs/c.md', expect.stringMatching(/^file is not valid UTF-8: byte 0xE9 at line 1/)],
      ['specs/d.md', 'internal,no-todo'],
    ]);
    expect([run.errorCount, run.warningCount]).toEqual([3, 2]);
  });

  it('expands folders, takes named files, skips ignored ones, and rejects missing paths', async () => {
    const dir = workspaceDir({
      'specwright.config.yaml': 'ignore: ["specs/skip/**"]\n',
      'specs/a.md': '# A\n',
      'specs/skip/b.md': '# B\n',
      'notes/n.md': '# N\n',
      'notes/deep/m.md': '# M\n',
      'notes/n.txt': 'TODO\n',
    });
    const ws = await loadWorkspace(dir);
    expect(lint(ws).files.map((f) => f.path)).toEqual(['specs/a.md']);
    const run = lintPaths(ws, [join(dir, 'notes'), join(dir, 'notes/n.txt'), join(dir, 'specs/skip/b.md')], {
      ruleSet: [todoRule],
      cache: false,
    });
    expect(run.files.map((f) => f.path)).toEqual(['notes/deep/m.md', 'notes/n.md', 'notes/n.txt']);
    expect(run.ignored).toEqual(['specs/skip/b.md']);
    expect(() => lintPaths(ws, [join(dir, 'nope.md')], { ruleSet: [] })).toThrow(/no such file or folder/);
  });
});

describe('--fix', () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

  it('applies safe fixes over several passes and keeps CRLF and the BOM byte for byte', async () => {
    const original = Buffer.concat([
      BOM,
      Buffer.from('# T\r\n\r\nxxxx and xx\r\nmaybe TODO\n\r\nlast xx', 'utf8'),
    ]);
    const dir = workspaceDir({ 'specs/a.md': original });
    const ws = await loadWorkspace(dir);
    const run = lintPaths(ws, undefined, { ruleSet: TEST_RULES, cache: false, fix: true });
    const after = readFileSync(join(dir, 'specs/a.md'));
    expect(after).toEqual(
      Buffer.concat([BOM, Buffer.from('# T\r\n\r\nx and x\r\nmaybe TODO\n\r\nlast x', 'utf8')]),
    );
    const file = run.files[0];
    // Pass 1 fixes four pairs ("xxxx" holds two), pass 2 the pair pass 1 left.
    expect(file?.fix).toMatchObject({ applied: 5, byRule: { 'double-x': 5 }, written: true });
    expect(summary(run)).toEqual(['specs/a.md:4:1 info no-maybe', 'specs/a.md:4:7 warning no-todo']);
    expect(run.fixedCount).toBe(5);
  });

  it('applies unsafe fixes only when asked', async () => {
    const dir = workspaceDir({ 'specs/a.md': '# T\n\nmaybe\n' });
    const ws = await loadWorkspace(dir);
    lintPaths(ws, undefined, { ruleSet: [maybeRule], cache: false, fix: true });
    expect(readFileSync(join(dir, 'specs/a.md'), 'utf8')).toBe('# T\n\nmaybe\n');
    lintPaths(ws, undefined, { ruleSet: [maybeRule], cache: false, fix: true, unsafe: true });
    expect(readFileSync(join(dir, 'specs/a.md'), 'utf8')).toBe('# T\n\nsurely\n');
  });

  it('dry run: a unified diff, diagnostics of the fixed text, nothing written', async () => {
    const text = '# T\r\n\r\nxx\r\nkeep\r\n';
    const dir = workspaceDir({ 'specs/a.md': text });
    const ws = await loadWorkspace(dir);
    const run = lintPaths(ws, undefined, { ruleSet: [doubleXRule], fixDryRun: true });
    expect(readFileSync(join(dir, 'specs/a.md'), 'utf8')).toBe(text);
    expect(run.files[0]?.fix?.diff).toBe(
      '--- a/specs/a.md\n+++ b/specs/a.md\n@@ -1,4 +1,4 @@\n # T\r\n \r\n-xx\r\n+x\r\n keep\r\n',
    );
    expect(run.files[0]?.fix?.written).toBe(false);
    expect(run.errorCount).toBe(0);
    // The dry run's output is not on disk, so it is not cached: a real run still sees the problem.
    expect(lintPaths(ws, undefined, { ruleSet: [doubleXRule] }).errorCount).toBe(1);
  });

  it('does not fix warnings under --quiet', async () => {
    const fixableWarning: Rule = { ...doubleXRule, meta: { ...doubleXRule.meta, severity: 'warning' } };
    const dir = workspaceDir({ 'specs/a.md': 'xx\n' });
    const ws = await loadWorkspace(dir);
    lintPaths(ws, undefined, { ruleSet: [fixableWarning], cache: false, fix: true, quiet: true });
    expect(readFileSync(join(dir, 'specs/a.md'), 'utf8')).toBe('xx\n');
  });
});

describe('cache', () => {
  it('serves unchanged files from the cache and recomputes a changed one', async () => {
    const dir = workspaceDir({ 'specs/a.md': '# A\n\nTODO\n', 'specs/b.md': '# B\n' });
    const ws = await loadWorkspace(dir);
    const opts = { ruleSet: [todoRule] };
    const cold = lintPaths(ws, undefined, opts);
    expect(cold.cacheHits).toBe(0);
    const warm = lintPaths(ws, undefined, opts);
    expect(warm.cacheHits).toBe(2);
    expect(summary(warm)).toEqual(summary(cold));
    writeFileSync(join(dir, 'specs/a.md'), '# A\n\nTODO TODO\n');
    const changed = lintPaths(ws, undefined, opts);
    expect(changed.cacheHits).toBe(1);
    expect(summary(changed)).toEqual(['specs/a.md:3:1 warning no-todo', 'specs/a.md:3:6 warning no-todo']);
  });

  it('trusts a file whose size and times are unchanged without reading it, and nothing else', async () => {
    const dir = workspaceDir({ 'specs/a.md': '# A\n\nTODO\n', 'specs/b.md': '# B\n' });
    const file = join(dir, 'specs/a.md');
    const old = new Date(Date.now() - 3600_000);
    utimesSync(file, old, old);
    utimesSync(join(dir, 'specs/b.md'), old, old);
    const ws = await loadWorkspace(dir);
    const opts = { ruleSet: [todoRule] };
    // utimes just set the files' ctime: run as if a few seconds later, past the racy-stamp slack.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 5000);
      expect(lintPaths(ws, undefined, opts).filesRead).toBe(2);
      const warm = lintPaths(ws, undefined, opts);
      expect([warm.filesRead, warm.cacheHits, summary(warm)]).toEqual([
        0,
        2,
        ['specs/a.md:3:1 warning no-todo'],
      ]);
      // Same size, mtime put back: the ctime still tells, so the file is read again.
      writeFileSync(file, '# A\n\nDONE\n');
      utimesSync(file, old, old);
      const changed = lintPaths(ws, undefined, opts);
      expect([changed.filesRead, summary(changed)]).toEqual([1, []]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not trust the size and times of a file written just before they were recorded', async () => {
    const dir = workspaceDir({ 'specs/a.md': '# A\n' });
    const ws = await loadWorkspace(dir);
    lintPaths(ws, undefined, { ruleSet: [todoRule] });
    // Written within the timestamp slack of the first run: a same-tick rewrite would not show.
    expect(lintPaths(ws, undefined, { ruleSet: [todoRule] }).filesRead).toBe(1);
  });

  it('is salted with the rule configuration', async () => {
    const dir = workspaceDir({ 'specs/a.md': '# A\n\nTODO\n' });
    const ws = await loadWorkspace(dir);
    lintPaths(ws, undefined, { ruleSet: [todoRule] });
    const run = lintPaths(ws, undefined, { ruleSet: [todoRule], rules: { 'no-todo': 'error' } });
    expect(run.cacheHits).toBe(0);
    expect(summary(run)).toEqual(['specs/a.md:3:1 error no-todo']);
  });

  it('recomputes when a probed file appears or disappears', async () => {
    const dir = workspaceDir({ '.git/HEAD': 'ref: x\n', 'specs/a.md': '# A\n\nSee `src/app.ts`.\n' });
    const ws = await loadWorkspace(dir);
    const opts = { ruleSet: [missingPathRule] };
    expect(summary(lintPaths(ws, undefined, opts))).toEqual(['specs/a.md:3:5 error missing-path']);
    writeFileSync(join(dir, 'src-app-placeholder'), '');
    expect(lintPaths(ws, undefined, opts).cacheHits).toBe(1);
    workspaceDirInto(dir, { 'src/app.ts': 'export {};\n' });
    const appeared = lintPaths(ws, undefined, opts);
    expect([appeared.cacheHits, summary(appeared)]).toEqual([0, []]);
    rmSync(join(dir, 'src/app.ts'));
    const gone = lintPaths(ws, undefined, opts);
    expect([gone.cacheHits, summary(gone)]).toEqual([0, ['specs/a.md:3:5 error missing-path']]);
  });

  it('recomputes when a task number a file asked about appears, also for a partial run', async () => {
    const dir = workspaceDir({ 'specs/a.md': '# A\n\nDepends on #12.\n' });
    const ws = await loadWorkspace(dir);
    const opts = { ruleSet: [issueRule] };
    expect(summary(lintPaths(ws, undefined, opts))).toEqual(['specs/a.md:3:12 error unknown-issue']);
    workspaceDirInto(dir, { 'specs/tasks/issue-12.md': TASK_12 });
    expect(summary(lintPaths(ws, undefined, opts))).toEqual([]);
    // A partial run still knows every task of the workspace.
    const partial = lintPaths(ws, [join(dir, 'specs/a.md')], opts);
    expect([partial.files.length, summary(partial)]).toEqual([1, []]);
    rmSync(join(dir, 'specs/tasks/issue-12.md'));
    expect(summary(lintPaths(ws, [join(dir, 'specs/a.md')], opts))).toEqual([
      'specs/a.md:3:12 error unknown-issue',
    ]);
  });

  it('knows tasks linted later in the same run and config issues', async () => {
    const ws = await workspace({
      'specwright.config.yaml': 'issues: [40]\n',
      'specs/a.md': '# A\n\n#12 and #40 and #41\n',
      'specs/tasks/issue-12.md': TASK_12,
    });
    expect(summary(lintPaths(ws, undefined, { ruleSet: [issueRule], cache: false }))).toEqual([
      'specs/a.md:3:17 error unknown-issue',
    ]);
  });

  it('lints against a guess at the issue set and re-lints only where the guess was wrong', async () => {
    // notes.md names issue 12 in its front matter but is a PRD, not a task; issue 30's number lies
    // past the bytes the guess reads. The results are those of a run that knew every number from the start.
    const longTask = TASK_12.replace(
      'status: open',
      `description: "${'x'.repeat(5000)}"\nissue: 30\nstatus: open`,
    );
    const ws = await workspace({
      'specs/a.md': '# A\n\n#12 and #30\n',
      'specs/b.md': '# B\n\nNothing to look up.\n',
      'specs/notes.md': '---\nissue: 12\n---\n# PRD: Notes\n\n**Status**: Draft\n',
      'specs/tasks/pool.md': longTask,
    });
    expect(summary(lintPaths(ws, undefined, { ruleSet: [issueRule], cache: false }))).toEqual([
      'specs/a.md:3:1 error unknown-issue',
    ]);
  });

  it('never caches a crash', async () => {
    const dir = workspaceDir({ 'specs/a.md': 'BOOM\n' });
    const ws = await loadWorkspace(dir);
    lintPaths(ws, undefined, { ruleSet: [crashRule] });
    expect(lintPaths(ws, undefined, { ruleSet: [crashRule] }).cacheHits).toBe(0);
  });
});

function workspaceDirInto(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(join(abs, '..'), { recursive: true });
    writeFileSync(abs, content);
  }
}
