import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** A temp folder of our own (other suites clean up `specwright-test-*` folders while they run). */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'specwright-verify-'));
}
