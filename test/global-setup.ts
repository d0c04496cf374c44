/**
 * Runs once around the whole suite: removes the temp directories that tests made with
 * tempDir() (test/helpers/cli.ts), so a test run leaves nothing behind in /tmp.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEMP_PREFIX = 'specwright-test-';
let startedAt = 0;

export function setup(): void {
  startedAt = Date.now();
}

export function teardown(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    try {
      // Only this run's directories: another run may be going on beside us.
      if (statSync(dir).birthtimeMs >= startedAt - 1000) rmSync(dir, { recursive: true, force: true });
    } catch {
      // already gone
    }
  }
}
