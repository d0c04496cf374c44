/** Worker shares with real worker threads (the fixtures load the built dist/). */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inParallel } from '../../src/parallel/shares.js';

const fixture = (name: string) => new URL(`../fixtures/parallel/${name}`, import.meta.url);
const built = existsSync(new URL('../../dist/parallel/shares.js', import.meta.url));

describe.skipIf(!built)(`inParallel ${built ? '' : '(skipped: run npm run build first)'}`, () => {
  const items: Array<[number, number]> = Array.from({ length: 40 }, (_, i) => [i, i + 1]);

  it('collects every item once, from the workers and from this thread', () => {
    const got = new Map<number, number>();
    let here = 0;
    inParallel(
      fixture('double.mjs'),
      { factor: 2 },
      items,
      2,
      (n) => {
        here++;
        return n * 2;
      },
      (i, out) => {
        expect(got.has(i)).toBe(false);
        got.set(i, out);
      },
    );
    expect([...got].sort((a, b) => a[0] - b[0])).toEqual(items.map(([i, n]) => [i, n * 2]));
    expect(here).toBeLessThan(items.length); // the workers did their shares
  });

  it('does the share of a worker that died while loading here, without waiting for the stall limit', () => {
    const got = new Map<number, number>();
    // With the stall limit at ten minutes, only the start limit can end this before the test times out.
    inParallel(
      fixture('broken.mjs'),
      {},
      items,
      1,
      (n) => n * 2,
      (i, out) => got.set(i, out),
      { startMs: 500, stallMs: 600_000 },
    );
    expect([...got.values()].sort((a, b) => a - b)).toEqual(items.map(([, n]) => n * 2));
  });
});
