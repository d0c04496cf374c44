/** Task numbers: what a document says, and the engine's guess from a file's first bytes. */
import { describe, expect, it } from 'vitest';
import { guessTaskNumber } from '../../src/tasks/number.js';

describe('guessTaskNumber', () => {
  it('reads the number from flat front matter or the file name, as taskNumberOf would', () => {
    expect(guessTaskNumber('specs/tasks/pool.md', '---\nname: x\nissue: "7"\n---\n# Pool\n')).toBe(7);
    expect(guessTaskNumber('specs/tasks/issue-3.md', '# Three\n')).toBe(3);
    expect(
      guessTaskNumber('specs/tasks/pool.md', '---\r\nurl: https://github.com/o/r/issues/41\r\n---\r\n'),
    ).toBe(41);
    expect(guessTaskNumber('specs/tasks/issue-3.md', '---\nnumber: 41\n---\n')).toBe(3);
    expect(guessTaskNumber('specs/tasks/pool.md', '# Pool\n\nissue: 9\n')).toBeUndefined();
  });
});
