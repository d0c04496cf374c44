import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A process is gone when it no longer exists or is only a zombie waiting for its parent to reap it. */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    const state = readFileSync(stat, 'utf8').replace(/^.*\)\s+/, '')[0];
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}

export async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

export function readPid(path: string): number {
  return Number(readFileSync(path, 'utf8').trim());
}

const made: string[] = [];

/**
 * A temp folder of our own: the suite teardown of a concurrent run removes `specwright-test-*`
 * folders made after it started, ours included. Removed when the test file is done.
 */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'specwright-verify-'));
  made.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
