/**
 * `push issues` and `pull issues` from the built CLI, pointed at a local fake GitHub
 * through GITHUB_API_URL (as GitHub Actions sets it). The CLI runs as a child
 * process while this process serves the fake, so it is spawned asynchronously.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';
import { FakeGitHub } from '../tasks/fake-github.js';
import { tasksTempDir } from '../tasks/helpers.js';

const BIN = join(repoRoot, 'bin', 'specwright.js');
const FIXTURE = join(repoRoot, 'test/fixtures/tasks/workspace');

let fake: FakeGitHub;
let dir: string;

beforeEach(async () => {
  fake = new FakeGitHub();
  await fake.start();
  dir = tasksTempDir();
  cpSync(FIXTURE, dir, { recursive: true });
});
afterEach(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: {
        ...process.env,
        NO_COLOR: '1',
        GITHUB_API_URL: fake.url,
        GITHUB_TOKEN: fake.token,
        GH_TOKEN: '',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('push issues (CLI)', () => {
  it('shows the plan in a dry run, applies it with --apply, and then has nothing to change', async () => {
    const plan = await cli(['push', 'issues', '--repo', 'acme/lumen', '--spec', 'loader']);
    expect(plan.code).toBe(0);
    expect(plan.stdout.split('\n').slice(0, 4)).toEqual([
      'Plan for acme/lumen (dry run; --apply makes these changes)',
      '  create     loader:spec  "PRP: Sample Loader"',
      '  create     loader:task-1  "Task 1: Fixture reader"',
      '  create     loader:task-2  "Task 2: Loader command"',
    ]);
    expect(plan.stdout).toContain('  relate     loader:task-2  blocked by loader:task-1\n');
    expect(plan.stdout).toContain('  sub-issue  loader:task-1  under loader:spec\n');
    expect(plan.stdout).toContain('  record     loader:task-1  in specs/prps/loader.md:15\n');
    expect(fake.writes()).toEqual([]);

    const applied = await cli(['push', 'issues', '--repo', 'acme/lumen', '--spec', 'loader', '--apply']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/^Pushed to acme\/lumen\n/);
    expect(fake.issues.map((i) => i.title)).toEqual([
      'PRP: Sample Loader',
      'Task 1: Fixture reader',
      'Task 2: Loader command',
    ]);
    expect(readFileSync(join(dir, 'specs/prps/loader.md'), 'utf8')).toContain(
      'Task 2 - Loader command:  # issue: https://github.com/acme/lumen/issues/3\n',
    );

    const writes = fake.writes().length;
    const again = await cli([
      'push',
      'issues',
      '--repo',
      'acme/lumen',
      '--spec',
      'loader',
      '--apply',
      '--json',
    ]);
    expect(JSON.parse(again.stdout)).toMatchObject({
      schemaVersion: 1,
      repo: 'acme/lumen',
      applied: true,
      actions: [],
    });
    expect(fake.writes()).toHaveLength(writes);
  });

  it('prints a GitHub refusal as one line and exits 2', async () => {
    fake.fail(
      'POST',
      /\/issues$/,
      422,
      {},
      {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', field: 'title', code: 'invalid' }],
      },
    );
    const r = await cli(['push', 'issues', '--repo', 'acme/lumen', '--spec', 'loader', '--apply']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'specwright: GitHub could not process POST /repos/acme/lumen/issues (422 Validation Failed: title invalid)\n',
    );
  });

  it('says what is missing: a token for --apply, a well-formed --repo', async () => {
    const noToken = await cli(['push', 'issues', '--repo', 'acme/lumen', '--apply'], { GITHUB_TOKEN: '' });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toBe('specwright: --apply needs a token: set GITHUB_TOKEN\n');
    const offline = await cli(['push', 'issues', '--repo', 'acme/lumen', '--spec', 'loader'], {
      GITHUB_TOKEN: '',
    });
    expect(offline.stdout.split('\n')[0]).toBe(
      'Plan for acme/lumen (dry run, offline: no GITHUB_TOKEN; --apply makes these changes)',
    );
    expect(fake.requests).toEqual([]);
    const badRepo = await cli(['push', 'issues', '--repo', 'lumen']);
    expect(badRepo.stderr).toBe('specwright: --repo must be OWNER/NAME, not "lumen"\n');
  });
});

describe('pull issues (CLI)', () => {
  it('shows closed issues as a diff, and writes it with --apply', async () => {
    await cli(['push', 'issues', '--repo', 'acme/lumen', '--apply']);
    const issue = fake.issues.find((i) => i.title === '3.1 User guide page');
    if (!issue) throw new Error('not pushed');
    issue.state = 'closed';
    issue.state_reason = 'completed';
    const plan = await cli(['pull', 'issues', '--repo', 'acme/lumen']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(
      '--- a/specs/active/importer/tasks.md\n+++ b/specs/active/importer/tasks.md\n',
    );
    expect(plan.stdout).toContain(`-- [ ] 3.1 User guide page <!-- issue: ${issue.html_url} -->\n`);
    expect(plan.stdout).toContain(`+- [x] 3.1 User guide page <!-- issue: ${issue.html_url} -->\n`);
    expect(plan.stdout).toContain('1 task closed on GitHub would be marked done (--apply writes it)');
    const applied = await cli(['pull', 'issues', '--repo', 'acme/lumen', '--apply']);
    expect(applied.stdout).toContain('1 task closed on GitHub marked done');
    expect(readFileSync(join(dir, 'specs/active/importer/tasks.md'), 'utf8')).toContain(
      '- [x] 3.1 User guide page',
    );
    const after = await cli(['pull', 'issues', '--repo', 'acme/lumen']);
    expect(after.stdout).toBe('nothing to bring back: every closed issue is done here\n');
  });
});
