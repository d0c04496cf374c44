import { afterAll, describe, expect, it } from 'vitest';
import { formatStylish } from '../../src/report/stylish.js';
import { lintPaths } from '../../src/rules/engine.js';
import {
  cleanupDirs,
  doubleXRule,
  echoRule,
  maybeRule,
  todoRule,
  workspace,
} from '../rules/engine-fixtures.js';

const rules = [todoRule, doubleXRule, maybeRule, echoRule];

afterAll(cleanupDirs);

describe('check --format stylish', () => {
  it('groups problems by file with a code frame, notes once per file, and a summary', async () => {
    const ws = await workspace({
      'specs/a.md': '# A\n\nTODO xx\r\n\n\n\n\n\n\nSAY one\nSAY two\n',
      'specs/b.md': '# clean\n',
      'specs/c.md': new Uint8Array([0, 1]),
    });
    const run = lintPaths(ws, undefined, { ruleSet: rules, cache: false });
    expect(formatStylish(run)).toBe(
      [
        'specs/a.md',
        '   3:1  warning  TODO left in "A"  no-todo',
        '         3 | TODO xx',
        '           | ^^^^',
        '   3:6  error    doubled x         double-x',
        '         3 | TODO xx',
        '           |      ^^',
        '  10:1  warning  one               echo',
        '        note: a note',
        '        10 | SAY one',
        '           | ^^^^^^^',
        '  11:1  warning  two               echo',
        '        11 | SAY two',
        '           | ^^^^^^^',
        '',
        'specs/c.md',
        '  error  binary file, not Markdown',
        '',
        '✖ 5 problems (2 errors, 3 warnings, 0 infos) in 3 files',
        '  1 problem fixable with --fix',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to report', async () => {
    const ws = await workspace({ 'specs/a.md': '# A\n' });
    expect(formatStylish(lintPaths(ws, undefined, { ruleSet: rules, cache: false }))).toBe(
      '✔ 1 file checked, no problems\n',
    );
  });

  it('colours only when asked', async () => {
    const ws = await workspace({ 'specs/a.md': 'xx\n' });
    const run = lintPaths(ws, undefined, { ruleSet: rules, cache: false });
    expect(formatStylish(run)).not.toContain('\x1b[');
    expect(formatStylish(run, { color: true })).toContain('\x1b[31merror\x1b[0m');
  });

  it('cuts long lines around the problem', async () => {
    const ws = await workspace({ 'specs/a.md': `${'a'.repeat(300)} TODO ${'b'.repeat(300)}\n` });
    const out = formatStylish(lintPaths(ws, undefined, { ruleSet: rules, cache: false }));
    const [, , frame, carets] = out.split('\n');
    expect(frame).toBe(`         1 | …${'a'.repeat(19)} TODO ${'b'.repeat(75)}…`);
    expect(carets).toBe(`           | ${' '.repeat(21)}^^^^`);
  });

  it('prints the diff of a dry run and what was fixed', async () => {
    const ws = await workspace({ 'specs/a.md': 'xx\nTODO\n' });
    const run = lintPaths(ws, undefined, { ruleSet: rules, cache: false, fixDryRun: true });
    expect(formatStylish(run, { frames: false })).toBe(
      [
        '--- a/specs/a.md',
        '+++ b/specs/a.md',
        '@@ -1,2 +1,2 @@',
        '-xx',
        '+x',
        ' TODO',
        '',
        'specs/a.md',
        '  would fix 1 problem (double-x)',
        '  2:1  warning  TODO left in "?"  no-todo',
        '',
        'Would fix 1 problem in 1 file.',
        '✖ 1 problem (0 errors, 1 warning, 0 infos) in 1 file',
        '',
      ].join('\n'),
    );
  });
});
