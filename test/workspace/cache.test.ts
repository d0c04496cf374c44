import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentCache } from '../../src/workspace/cache.js';
import { tempDir } from '../helpers/cli.js';

const HOUR_AGO = (Date.now() - 3_600_000) / 1000;

function fresh(root: string): ContentCache<string> {
  return new ContentCache<string>(root, 'test', 'salt');
}

describe('ContentCache stamps', () => {
  afterEach(() => vi.useRealTimers());

  it('serves an unchanged old file from its stamp without reading it', () => {
    const root = tempDir();
    const file = join(root, 'a.md');
    writeFileSync(file, 'one');
    utimesSync(file, HOUR_AGO, HOUR_AGO); // (this sets ctime to now)
    // A run that starts a few seconds after the last change (ctime) may trust the stamp.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3000);
    const first = fresh(root);
    first.set('a.md', ContentCache.hash(Buffer.from('one')), 'parsed one', statSync(file));
    first.save(new Set(['a.md']));
    expect(fresh(root).getByStamp('a.md', statSync(file))).toBe('parsed one');
  });

  it('never trusts a stamp once the file changed, even with its size and mtime restored', () => {
    const root = tempDir();
    const file = join(root, 'a.md');
    writeFileSync(file, 'one');
    utimesSync(file, HOUR_AGO, HOUR_AGO);
    const first = fresh(root);
    first.set('a.md', ContentCache.hash(Buffer.from('one')), 'parsed one', statSync(file));
    first.save(new Set(['a.md']));
    writeFileSync(file, 'two'); // same size
    utimesSync(file, HOUR_AGO, HOUR_AGO); // same mtime: only ctime tells
    const stamp = statSync(file);
    const cache = fresh(root);
    expect(cache.getByStamp('a.md', stamp)).toBeUndefined();
    expect(cache.get('a.md', ContentCache.hash(Buffer.from('two')))).toBeUndefined();
  });

  it('does not trust a stamp taken in the same timestamp tick as the last write (racy file)', () => {
    const root = tempDir();
    const file = join(root, 'a.md');
    writeFileSync(file, 'one'); // mtime: now
    const first = fresh(root);
    first.set('a.md', ContentCache.hash(Buffer.from('one')), 'parsed one', statSync(file));
    first.save(new Set(['a.md']));
    expect(fresh(root).getByStamp('a.md', statSync(file))).toBeUndefined();
    // The hash still answers, so a racy file costs a read, never a parse.
    expect(fresh(root).get('a.md', ContentCache.hash(Buffer.from('one')))).toBe('parsed one');
  });
});
