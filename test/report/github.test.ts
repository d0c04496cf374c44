import { afterAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { lintPaths } from '../../src/rules/engine.js';
import {
  cleanupDirs,
  doubleXRule,
  echoRule,
  maybeRule,
  todoRule,
  workspace,
} from '../rules/engine-fixtures.js';

afterAll(cleanupDirs);

describe('check --format github', () => {
  it('escapes data and property values the way the runner unescapes them', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a,b:c%d\ne')).toBe('a%2Cb%3Ac%25d%0Ae');
  });

  it('prints one workflow command per problem, with severity, position and rule id', async () => {
    const ws = await workspace({
      'specs/odd, name: x.md': '# A\n\nTODO xx maybe\nSAY 50%: one\\r\\ntwo, three\n',
      'specs/bin.md': new Uint8Array([0, 1]),
    });
    const run = lintPaths(ws, undefined, {
      ruleSet: [todoRule, doubleXRule, maybeRule, echoRule],
      cache: false,
    });
    expect(formatGithub(run).split('\n')).toEqual([
      '::error file=specs/bin.md,title=unreadable-file::binary file, not Markdown',
      '::warning file=specs/odd%2C name%3A x.md,line=3,endLine=3,col=1,endColumn=5,title=no-todo::TODO left in "A"',
      '::error file=specs/odd%2C name%3A x.md,line=3,endLine=3,col=6,endColumn=8,title=double-x::doubled x',
      '::notice file=specs/odd%2C name%3A x.md,line=3,endLine=3,col=9,endColumn=14,title=no-maybe::maybe',
      '::warning file=specs/odd%2C name%3A x.md,line=4,endLine=4,col=1,endColumn=27,title=echo::50%25: one%0D%0Atwo, three%0Aa note',
      'specwright: 5 problems (2 errors, 2 warnings, 1 info) in 2 files',
      '',
    ]);
  });
});
