/** The advisory lock: exclusive, waits its turn, breaks stale locks, never removes another's lock. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, acquireLocks, isLockFileName, lockPathFor, releaseAll } from '../../src/edit/lock.js';
import { isSpecwrightError } from '../../src/errors.js';

const dirs: string[] = [];
function target(): string {
  const dir = mkdtempSync(join(tmpdir(), 'specwright-lock-'));
  dirs.push(dir);
  const file = join(dir, 'spec.md');
  writeFileSync(file, '# Spec\n');
  return file;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('acquireLock', () => {
  it('creates a hidden lock file beside the target naming its owner, and removes it on release', async () => {
    const file = target();
    const lock = await acquireLock(file);
    expect(lock.lockPath).toBe(lockPathFor(file));
    expect(lock.lockPath.endsWith('/.spec.md.specwright-lock')).toBe(true);
    expect(isLockFileName('.spec.md.specwright-lock')).toBe(true);
    expect(isLockFileName('spec.md')).toBe(false);
    const info = JSON.parse(readFileSync(lock.lockPath, 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, host: hostname(), token: lock.token });
    lock.release();
    expect(existsSync(lock.lockPath)).toBe(false);
    lock.release(); // twice is harmless
  });

  it('makes a second taker wait until the first releases', async () => {
    const file = target();
    const first = await acquireLock(file);
    let got = false;
    const second = acquireLock(file).then((l) => {
      got = true;
      return l;
    });
    await new Promise((r) => setTimeout(r, 60));
    expect(got).toBe(false);
    first.release();
    const lock = await second;
    expect(got).toBe(true);
    lock.release();
  });

  it('serialises many concurrent takers: critical sections never overlap', async () => {
    const file = target();
    let inside = 0;
    let maxInside = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const lock = await acquireLock(file);
        inside++;
        maxInside = Math.max(maxInside, inside);
        await new Promise((r) => setTimeout(r, 2));
        inside--;
        done++;
        lock.release();
      }),
    );
    expect(done).toBe(20);
    expect(maxInside).toBe(1);
  });

  it('gives up after the timeout with an error naming the owner and the lock file', async () => {
    const file = target();
    const held = await acquireLock(file);
    const err = await rejection(acquireLock(file, { timeoutMs: 80 }));
    expect(isSpecwrightError(err) && err.code).toBe('locked');
    expect(String((err as Error).message)).toMatch(
      new RegExp(`pid ${process.pid}.*\\.spec\\.md\\.specwright-lock`),
    );
    held.release();
  });

  it('breaks a lock whose owner died', async () => {
    const file = target();
    const pid = deadPid();
    writeFileSync(
      lockPathFor(file),
      JSON.stringify({ pid, host: hostname(), token: 'dead', created: Date.now() }),
    );
    const lock = await acquireLock(file, { timeoutMs: 2000 });
    expect(JSON.parse(readFileSync(lock.lockPath, 'utf8')).token).toBe(lock.token);
    lock.release();
  });

  it('breaks a lock older than staleMs even when its owner looks alive', async () => {
    const file = target();
    writeFileSync(
      lockPathFor(file),
      JSON.stringify({ pid: process.ppid, host: hostname(), token: 'old', created: Date.now() - 10_000 }),
    );
    const lock = await acquireLock(file, { staleMs: 1000, timeoutMs: 2000 });
    lock.release();
  });

  it('waits on a fresh half-written lock but breaks an old one', async () => {
    const file = target();
    writeFileSync(lockPathFor(file), '');
    const err = await rejection(acquireLock(file, { timeoutMs: 60, staleMs: 5000 }));
    expect(isSpecwrightError(err) && err.code).toBe('locked');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(file), old, old);
    const lock = await acquireLock(file, { timeoutMs: 2000, staleMs: 5000 });
    lock.release();
  });

  it('never removes a lock that is not its own (a lock broken as stale and taken by another)', async () => {
    const file = target();
    const lock = await acquireLock(file);
    writeFileSync(
      lock.lockPath,
      JSON.stringify({ pid: process.pid, host: hostname(), token: 'other', created: Date.now() }),
    );
    lock.release();
    expect(existsSync(lock.lockPath)).toBe(true);
  });

  it('reports a target whose folder is gone as an input error', async () => {
    const err = await rejection(acquireLock(join(tmpdir(), 'no-such-dir-specwright', 'x.md')));
    expect(isSpecwrightError(err) && err.code).toBe('io');
  });

  it('acquireLocks takes each file once, in sorted order, and releaseAll frees them', async () => {
    const a = target();
    const b = target();
    const locks = await acquireLocks([b, a, b]);
    expect(locks.map((l) => l.target)).toEqual([a, b].sort());
    releaseAll(locks);
    expect(existsSync(lockPathFor(a)) || existsSync(lockPathFor(b))).toBe(false);
  });
});
