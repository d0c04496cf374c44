import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/model/parse.js';
import { extractValidation } from '../../src/verify/extract.js';
import { parseLevelList, selectLevels } from '../../src/verify/plan.js';

const fence = '```';
const doc = parseSpec(
  [
    '# PRP',
    '### Level 1: Lint',
    `${fence}bash`,
    'npm run lint',
    fence,
    '### Level 2: Tests',
    `${fence}bash`,
    'npm test',
    'npm run e2e',
    fence,
    '### Level 4: Manual',
    'Look at it.',
  ].join('\n'),
  'specs/x.md',
);
const plan = extractValidation(doc);

describe('parseLevelList', () => {
  it('reads lists and ranges', () => {
    expect(parseLevelList('1,2')).toEqual([1, 2]);
    expect(parseLevelList('3, 1-2')).toEqual([1, 2, 3]);
    expect(parseLevelList('2..3')).toEqual([2, 3]);
  });
  it('refuses what is not a level list', () => {
    expect(() => parseLevelList('one')).toThrow(/not a level number/);
    expect(() => parseLevelList('3-1')).toThrow(/empty range/);
  });
});

describe('selectLevels', () => {
  it('selects levels and single commands', () => {
    expect(selectLevels(doc, plan, { levels: [2] }).map((l) => l.level)).toEqual([2]);
    const only = selectLevels(doc, plan, { commands: ['npm   run e2e'] });
    expect(only.map((l) => [l.level, l.commands.map((c) => c.command)])).toEqual([[2, ['npm run e2e']]]);
  });

  it('refuses an unknown level, naming the levels there are and why one is empty', () => {
    expect(() => selectLevels(doc, plan, { levels: [4] })).toThrow(
      'no level 4 to run (level 4 has no shell code block); levels: 1, 2',
    );
    expect(() => selectLevels(doc, plan, { levels: [9] })).toThrow(/no level 9 to run; levels: 1, 2/);
  });

  it('refuses a command that is not in the spec', () => {
    expect(() => selectLevels(doc, plan, { commands: ['rm -rf /'] })).toThrow(
      'not a command of this spec: `rm -rf /`',
    );
  });

  it('refuses a spec without commands', () => {
    const empty = parseSpec('# Nothing\n\nJust prose.\n', 'specs/empty.md');
    expect(() => selectLevels(empty, extractValidation(empty))).toThrow(/no validation commands/);
  });
});
