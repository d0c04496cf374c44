/**
 * A short advisory lock beside a file, so that specwright processes editing the same file take
 * turns instead of overwriting each other. The lock is a file `.<name>.specwright-lock` created
 * with O_EXCL (only one creator can win) holding the owner's pid, host and a random token.
 *
 * A lock left behind by a process that died is stale: its pid is gone (same host), or it is older
 * than `staleMs`. Breaking a stale lock is itself serialized by a second O_EXCL file, and the
 * breaker re-reads the lock under it, so two waiters cannot both break the lock and both win.
 *
 * The lock is advisory: editors and other tools ignore it. The content-hash check in commit.ts is
 * what protects against them.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SpecwrightError } from '../errors.js';

export const LOCK_SUFFIX = '.specwright-lock';

export interface LockOptions {
  /** Give up waiting after this many milliseconds (default 20 s). */
  timeoutMs?: number;
  /** A lock older than this is stale even when its owner looks alive (default 60 s). */
  staleMs?: number;
}

export interface FileLock {
  /** The file the lock protects. */
  target: string;
  /** The lock file itself. */
  lockPath: string;
  token: string;
  /** Remove the lock if it is still ours. Never throws. */
  release(): void;
  /** The folder holding the file and its lock was moved: the lock now lives beside `newTarget`. */
  moved(newTarget: string): void;
}

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  created: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_STALE_MS = 60_000;
/** A breaker holds its break file for microseconds; one this old belongs to a process that died. */
const BREAK_STALE_MS = 5_000;
const MIN_DELAY_MS = 4;
const MAX_DELAY_MS = 100;

/** `.<name>.specwright-lock` in the file's folder: hidden, and never mistaken for a spec. */
export function lockPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}${LOCK_SUFFIX}`);
}

export function isLockFileName(name: string): boolean {
  return name.startsWith('.') && (name.endsWith(LOCK_SUFFIX) || name.endsWith(`${LOCK_SUFFIX}.break`));
}

/** Locks this process holds, removed on exit so that a crash in the middle of a command leaves none behind. */
const held = new Set<FileLock>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const lock of [...held]) lock.release();
  });
}

/** Wait for the lock on `target`, with exponential backoff and jitter, up to `timeoutMs`. */
export async function acquireLock(target: string, options: LockOptions = {}): Promise<FileLock> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const lockPath = lockPathFor(target);
  const token = randomBytes(12).toString('hex');
  const deadline = Date.now() + timeoutMs;
  let attempt = 0;
  for (;;) {
    if (tryCreate(lockPath, target, token)) {
      const lock: FileLock = {
        target,
        lockPath,
        token,
        release: () => {
          held.delete(lock);
          releaseIfOurs(lock.lockPath, token);
        },
        moved: (newTarget: string) => {
          lock.target = newTarget;
          lock.lockPath = lockPathFor(newTarget);
        },
      };
      held.add(lock);
      installExitHook();
      return lock;
    }
    const info = readLock(lockPath);
    if (info !== 'gone' && isStale(lockPath, info, staleMs)) {
      breakStale(lockPath, info, staleMs);
      continue;
    }
    if (Date.now() >= deadline) {
      const owner = info === 'gone' || info === 'unreadable' ? '' : ` by pid ${info.pid} on ${info.host}`;
      throw new SpecwrightError(
        `locked${owner} for more than ${Math.round(timeoutMs / 1000)} s; is another specwright command still running? ` +
          `(if not, delete ${basename(lockPath)})`,
        target,
        undefined,
        'locked',
      );
    }
    attempt++;
    const delay = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** Math.min(attempt, 6));
    await sleep(delay * (0.5 + Math.random()));
  }
}

/** Take the locks of several files in a fixed order (sorted, deduplicated), so two commands cannot deadlock. */
export async function acquireLocks(
  targets: readonly string[],
  options: LockOptions = {},
): Promise<FileLock[]> {
  const locks: FileLock[] = [];
  try {
    for (const t of [...new Set(targets)].sort()) locks.push(await acquireLock(t, options));
  } catch (err) {
    releaseAll(locks);
    throw err;
  }
  return locks;
}

export function releaseAll(locks: readonly FileLock[]): void {
  for (const l of [...locks].reverse()) l.release();
}

function tryCreate(lockPath: string, target: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o644);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT')
      throw new SpecwrightError('no such file (was it moved or deleted?)', target, undefined, 'io');
    throw new SpecwrightError(`cannot create the lock file (${code})`, target, undefined, 'io');
  }
  try {
    const info: LockInfo = { pid: process.pid, host: hostname(), token, created: Date.now() };
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock's owner; 'unreadable' while its creator has not written it yet; 'gone' once it was removed. */
function readLock(lockPath: string): LockInfo | 'unreadable' | 'gone' {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.token === 'string' && typeof v.created === 'number')
      return { pid: v.pid, host: String(v.host ?? ''), token: v.token, created: v.created };
  } catch {
    // half-written: judged by its age below
  }
  return 'unreadable';
}

function ageOf(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function isStale(lockPath: string, info: LockInfo | 'unreadable', staleMs: number): boolean {
  if (info === 'unreadable') return ageOf(lockPath) > staleMs;
  if (Date.now() - info.created > staleMs) return true;
  return info.host === hostname() && info.pid !== process.pid && !isAlive(info.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove a stale lock, but only while holding the break file and only if the lock is still the
 * one judged stale: otherwise a waiter could delete a fresh lock that another waiter just took.
 */
function breakStale(lockPath: string, seen: LockInfo | 'unreadable', staleMs: number): void {
  const breakPath = `${lockPath}.break`;
  let fd: number;
  try {
    fd = openSync(breakPath, 'wx');
  } catch {
    if (ageOf(breakPath) > BREAK_STALE_MS) unlinkQuietly(breakPath);
    return;
  }
  closeSync(fd);
  try {
    const now = readLock(lockPath);
    const same =
      now !== 'gone' &&
      (seen === 'unreadable' ? now === 'unreadable' : now !== 'unreadable' && now.token === seen.token);
    if (same && isStale(lockPath, now, staleMs)) unlinkQuietly(lockPath);
  } finally {
    unlinkQuietly(breakPath);
  }
}

function releaseIfOurs(lockPath: string, token: string): void {
  const info = readLock(lockPath);
  if (info !== 'gone' && info !== 'unreadable' && info.token === token) unlinkQuietly(lockPath);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
