import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ask, confirmMode, isCI } from '../../src/cli/verify-confirm.js';

describe('confirmMode', () => {
  it('runs with --yes, asks only on a terminal outside CI, refuses otherwise', () => {
    expect(confirmMode(true, false, { CI: 'true' })).toBe('run');
    expect(confirmMode(false, true, {})).toBe('ask');
    expect(confirmMode(false, true, { CI: 'true' })).toBe('refuse');
    expect(confirmMode(false, true, { CI: '1' })).toBe('refuse');
    expect(confirmMode(false, false, {})).toBe('refuse');
    expect(confirmMode(false, true, { CI: 'false' })).toBe('ask');
  });

  it('reads CI the way CI services set it', () => {
    expect(isCI({ CI: 'true' })).toBe(true);
    expect(isCI({ CI: 'woodpecker' })).toBe(true);
    expect(isCI({ CI: '0' })).toBe(false);
    expect(isCI({ CI: '' })).toBe(false);
    expect(isCI({})).toBe(false);
  });
});

describe('ask', () => {
  const answer = async (typed: string | null) => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (d) => {
      shown += d;
    });
    const result = ask('Run these 3 commands? [y/N] ', input, output);
    if (typed === null) input.end();
    else input.write(typed);
    return { yes: await result, shown };
  };

  it('takes y or yes as consent, anything else (or no answer) as no', async () => {
    expect(await answer('y\n')).toEqual({ yes: true, shown: 'Run these 3 commands? [y/N] ' });
    expect((await answer('YES\n')).yes).toBe(true);
    expect((await answer('\n')).yes).toBe(false);
    expect((await answer('n\n')).yes).toBe(false);
    expect((await answer('yolo\n')).yes).toBe(false);
    expect((await answer(null)).yes).toBe(false);
  });
});
