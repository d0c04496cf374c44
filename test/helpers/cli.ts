import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

const BIN = join(repoRoot, 'bin', 'specwright.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI (npm test builds dist/ first) as a user would. */
export function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      NO_COLOR: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_SYSTEM: '/dev/null',
      ...env,
    },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function runJson<T = Record<string, unknown>>(args: string[], cwd: string): T {
  const r = run([...args, '--json'], cwd);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export function tempDir(): string {
  // The run id (test/global-setup.ts) lets the suite's teardown remove exactly its own directories.
  return mkdtempSync(join(tmpdir(), `specwright-test-${process.env.SPECWRIGHT_TEST_RUN ?? 'adhoc'}-`));
}

/**
 * Run git in `cwd` as a test user, isolated from the machine's git config (no signing, no hooks
 * from a global config); its stdout. Throws when git fails.
 */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null' },
    },
  );
}
