/**
 * Runs once around the whole suite: removes the temp directories that tests made with
 * tempDir() (test/helpers/cli.ts), so a test run leaves nothing behind in /tmp.
 */
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test workers inherit this; tempDir() puts it in every directory name, so teardown removes only this run's. */
const RUN_ID = `${process.pid.toString(36)}${Date.now().toString(36)}`;

export function setup(): void {
  process.env.SPECWRIGHT_TEST_RUN = RUN_ID;
}

export function teardown(): void {
  const prefix = `specwright-test-${RUN_ID}-`;
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith(prefix)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}
