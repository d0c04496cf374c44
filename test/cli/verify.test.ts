/** `specwright verify` end to end: the built CLI on fixture PRPs whose loops run small real commands. */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/verify/types.js';
import { git, run } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { isGone, readPid, tempDir, waitUntil } from '../verify/process-helpers.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/verify');

/** A workspace in a temp folder (not a git repository: commands run in its root) holding one fixture PRP. */
function workspace(fixture: string, config = 'version: 1\n'): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'specwright.config.yaml'), config);
  mkdirSync(join(dir, 'specs', 'prps'), { recursive: true });
  copyFileSync(join(FIXTURES, fixture), join(dir, 'specs', 'prps', fixture));
  return dir;
}

type VerifyJson = RunRecord & { evidence: string; recorded: unknown };

function verifyJson(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { code: number; json: VerifyJson } {
  const r = run(['verify', ...args, '--json'], dir, env);
  if (!r.stdout.trim()) throw new Error(`exit ${r.code}, no JSON: ${r.stderr}`);
  return { code: r.code, json: JSON.parse(r.stdout) as VerifyJson };
}

const runsOf = (dir: string, slug: string) => {
  const d = join(dir, '.specwright', 'runs', slug);
  return existsSync(d) ? readdirSync(d) : [];
};

describe('verify: running the loops', () => {
  it('runs every level, streams each command under a header, and prints a summary', () => {
    const dir = workspace('passing.md');
    const r = run(['verify', 'passing', '--yes', '--timeout', '5'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('── [1.1 · 1/3] $ echo "level one" && echo "joined"\nlevel one\njoined\n');
    expect(r.stdout).toContain(`── [2.1 · 2/3] $ node -e "process.stdout.write('unit ok\\n')"\nunit ok\n`);
    expect(r.stdout).toMatch(/✔ Level 1 passed: 1\/1 commands in [\d.]+ s/);
    expect(r.stdout).toMatch(/✔ Level 2 passed: 2\/2 commands in [\d.]+ s/);
    expect(r.stdout).toMatch(
      /LEVEL {2}COMMAND +EXIT +DURATION\n1 {6}echo "level one" && echo "joined" +0 +[\d.]+ s\n/,
    );
    expect(r.stdout).toContain('Passed: 2 levels, 3 commands');
    expect(r.stdout).toMatch(
      /Evidence: \.specwright\/runs\/passing\/\d{4}-\d\d-\d\dT[\d-]+\.\d{3}Z\.json \(no git commit\)/,
    );
    expect(existsSync(join(dir, 'level2.marker'))).toBe(true);
  });

  it('prints the structured result with --json and keeps the same record as evidence', () => {
    const dir = workspace('passing.md');
    const { code, json } = verifyJson(dir, ['passing', '--yes']);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      schemaVersion: 1,
      spec: 'specs/prps/passing.md',
      slug: 'passing',
      passed: true,
      complete: true,
      interrupted: false,
      commit: null,
      dirty: null,
      specLevels: [1, 2],
      levels: [1, 2],
      timeoutMs: 600_000,
      recorded: null,
    });
    expect(json.results.map((l) => [l.level, l.title, l.status])).toEqual([
      [1, 'Syntax & Style', 'passed'],
      [2, 'Unit Tests', 'passed'],
    ]);
    const first = json.results[0]?.commands[0];
    expect(first).toMatchObject({
      command: 'echo "level one" && echo "joined"',
      line: 16,
      expect: 'prints level one',
      status: 'passed',
      exitCode: 0,
      outputBytes: 17,
      outputSha256: createHash('sha256').update('level one\njoined\n').digest('hex'),
      tail: 'level one\njoined\n',
    });
    const { evidence, recorded, ...record } = json;
    expect(recorded).toBeNull();
    expect(JSON.parse(readFileSync(join(dir, evidence), 'utf8'))).toEqual(record);
  });

  it('stops at the first failing level, exits 1, and shows what did not run', () => {
    const dir = workspace('failing.md');
    const r = run(['verify', 'failing', '--yes'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('about to fail');
    expect(r.stdout).toMatch(/✖ Level 2 failed: command 2 of 3 exited 3/);
    expect(r.stdout).toMatch(
      /2 +exit 3 +3 +[\d.]+ s\n2 +touch level2-after\.marker +not run +-\n3 +touch level3\.marker +not run +-/,
    );
    expect(r.stdout).toContain('Failed: 1 of 5 commands failed, 2 not run');
    expect(existsSync(join(dir, 'level1.marker'))).toBe(true);
    expect(existsSync(join(dir, 'level2-after.marker'))).toBe(false);
    expect(existsSync(join(dir, 'level3.marker'))).toBe(false);
  });

  it('runs everything with --continue and still exits 1', () => {
    const dir = workspace('failing.md');
    const { code, json } = verifyJson(dir, ['failing', '--yes', '--continue']);
    expect(code).toBe(1);
    expect(json.passed).toBe(false);
    expect(json.results.map((l) => l.status)).toEqual(['passed', 'failed', 'passed']);
    expect(existsSync(join(dir, 'level2-after.marker'))).toBe(true);
    expect(existsSync(join(dir, 'level3.marker'))).toBe(true);
  });

  it('stops a hanging command at the timeout, with every process it started', () => {
    const dir = workspace('hanging.md');
    // The status and the pids prove the kill; how long it took belongs in bench/, not here.
    const { code, json } = verifyJson(dir, ['hanging', '--yes', '--timeout', '1']);
    expect(code).toBe(1);
    expect(json.results[0]?.commands[0]).toMatchObject({ status: 'timeout', timedOut: true, exitCode: null });
    expect(json.results[1]?.status).toBe('skipped');
    for (const file of ['child.pid', 'grandchild.pid'])
      expect(isGone(readPid(join(dir, file))), file).toBe(true);
    expect(existsSync(join(dir, 'after-hang.marker'))).toBe(false);
  });

  it('keeps the hash and the tail of a command that writes a lot', () => {
    const dir = workspace('noisy.md');
    const { code, json } = verifyJson(dir, ['noisy', '--yes']);
    expect(code).toBe(0);
    let all = '';
    for (let i = 0; i < 100_000; i++) all += `line ${i}\n`;
    const c = json.results[0]?.commands[0];
    expect(c?.outputBytes).toBe(Buffer.byteLength(all));
    expect(c?.outputSha256).toBe(createHash('sha256').update(all).digest('hex'));
    expect(c?.tail.endsWith('line 99998\nline 99999\n')).toBe(true);
    expect(c?.tail.length).toBeLessThanOrEqual(4096);
  });
});

describe('verify: consent and refusals', () => {
  it('runs nothing without --yes in CI, and says so', () => {
    const dir = workspace('passing.md');
    const r = run(['verify', 'passing'], dir, { CI: 'true' });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('$ touch level2.marker');
    expect(r.stderr).toContain('not running 3 commands without --yes');
    expect(existsSync(join(dir, 'level2.marker'))).toBe(false);
    expect(runsOf(dir, 'passing')).toEqual([]);
  });

  it('runs nothing without --yes when there is no terminal to ask on', () => {
    const dir = workspace('passing.md');
    const r = run(['verify', 'passing'], dir, { CI: '' });
    expect(r.code, r.stderr).toBe(2);
    expect(existsSync(join(dir, 'level2.marker'))).toBe(false);
  });

  it('shows the plan with --dry-run and runs nothing', () => {
    const dir = workspace('passing.md');
    const r = run(['verify', 'passing', '--dry-run'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Level 2: Unit Tests');
    expect(r.stdout).toContain('  $ touch level2.marker');
    expect(r.stdout).toContain('      expect: prints level one');
    const json = JSON.parse(run(['verify', 'passing', '--dry-run', '--json'], dir).stdout);
    expect(json).toMatchObject({ schemaVersion: 1, slug: 'passing', source: 'levels' });
    expect(json.levels.map((l: { level: number }) => l.level)).toEqual([1, 2]);
    expect(existsSync(join(dir, 'level2.marker'))).toBe(false);
  });

  it('refuses commands the allowlist does not allow, even with --yes, listing them', () => {
    const dir = workspace('passing.md', 'version: 1\nverify:\n  allow: ["echo *", "node *"]\n');
    const r = run(['verify', 'passing', '--yes'], dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('specs/prps/passing.md:24 level 2: $ touch level2.marker');
    expect(r.stderr).toContain('no pattern matches `touch level2.marker`');
    expect(r.stderr).toMatch(
      /1 command is not allowed by verify\.allow in specwright\.config\.yaml; nothing was run/,
    );
    expect(existsSync(join(dir, 'level2.marker'))).toBe(false);
    // Level 1 alone is allowed.
    expect(run(['verify', 'passing', '--yes', '--level', '1'], dir)).toMatchObject({ code: 0 });
  });

  it('refuses a spec without validation commands, an unknown level and a command not in the spec', () => {
    const dir = workspace('no-commands.md');
    const none = run(['verify', 'no-commands', '--yes'], dir);
    expect(none.code, none.stderr).toBe(2);
    expect(none.stderr).toMatch(/^specwright: specs\/prps\/no-commands\.md: no validation commands/);
    copyFileSync(join(FIXTURES, 'passing.md'), join(dir, 'specs', 'prps', 'passing.md'));
    const level = run(['verify', 'passing', '--yes', '--level', '3'], dir);
    expect(level.code, level.stderr).toBe(2);
    expect(level.stderr).toContain('no level 3 to run; levels: 1, 2');
    const cmd = run(['verify', 'passing', '--yes', '--command', 'touch elsewhere'], dir);
    expect(cmd.code, cmd.stderr).toBe(2);
    expect(cmd.stderr).toContain('not a command of this spec: `touch elsewhere`');
    expect(run(['verify', 'passing', '--yes', '--timeout', '0'], dir)).toMatchObject({ code: 2 });
    expect(runsOf(dir, 'passing')).toEqual([]);
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  });
});

describe('verify --record', () => {
  const TODAY = { SPECWRIGHT_TODAY: '2026-02-03' };

  for (const fixture of ['passing.md', 'passing-crlf-bom.md']) {
    it(`ticks the item and appends a dated note, byte for byte (${fixture})`, () => {
      const dir = workspace(fixture);
      const file = join(dir, 'specs', 'prps', fixture);
      const before = readFileSync(file);
      const slug = fixture.replace(/\.md$/, '');
      const { code, json } = verifyJson(dir, [slug, '--yes', '--record'], TODAY);
      expect(code).toBe(0);
      const crlf = fixture.includes('crlf');
      const eol = crlf ? '\r\n' : '\n';
      const text = before.toString('utf8');
      const note = `Verification passed: all 2 levels (3 commands); evidence \`${json.evidence}\``;
      const expected = `${text
        .replace('- [ ] All validation loops pass', '- [x] All validation loops pass')
        .slice(0, -eol.length)}${eol}${eol}## Changelog${eol}${eol}### 2026-02-03${eol}- ${note}${eol}`;
      const after = readFileSync(file);
      expect(after.toString('utf8')).toBe(expected);
      if (crlf) expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(json.recorded).toMatchObject({
        ticked: [{ line: 30, text: 'All validation loops pass' }],
        note: { line: 36, section: 'Changelog', text: note },
        changed: true,
      });
    });
  }

  it('adds a failure note without ticking, then a second note under the same date', () => {
    const dir = workspace('failing.md');
    const file = join(dir, 'specs', 'prps', 'failing.md');
    const before = readFileSync(file, 'utf8');
    const first = verifyJson(dir, ['failing', '--yes', '--record'], TODAY);
    expect(first.code).toBe(1);
    const note1 = `Verification failed: level 2 \`exit 3\` exited 3 (2 of 5 commands passed, all 3 levels); evidence \`${first.json.evidence}\``;
    expect(readFileSync(file, 'utf8')).toBe(
      `${before.slice(0, -1)}\n\n## Changelog\n\n### 2026-02-03\n- ${note1}\n`,
    );
    const second = verifyJson(dir, ['failing', '--yes', '--record', '--level', '1'], TODAY);
    expect(second.code).toBe(0);
    expect(second.json.recorded).toMatchObject({
      ticked: [],
      untickedReason: expect.stringMatching(/only some commands ran/),
    });
    const note2 = `Verification passed: level 1 of 3 (1 command); evidence \`${second.json.evidence}\``;
    expect(readFileSync(file, 'utf8')).toBe(
      `${before.slice(0, -1)}\n\n## Changelog\n\n### 2026-02-03\n- ${note1}\n- ${note2}\n`,
    );
    expect(readFileSync(file, 'utf8')).toContain('- [ ] All validation loops pass');
  });
});

describe('verify --history, and lastRun in show and list', () => {
  it('lists runs newest first and says whether the last one is for HEAD', () => {
    const dir = workspace('failing.md');
    copyFileSync(join(FIXTURES, 'passing.md'), join(dir, 'specs', 'prps', 'passing.md'));
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'specs');
    const head = git(dir, 'rev-parse', 'HEAD').trim();

    const empty = JSON.parse(run(['verify', 'failing', '--history', '--json'], dir).stdout);
    expect(empty).toEqual({
      schemaVersion: 1,
      spec: 'specs/prps/failing.md',
      slug: 'failing',
      head: null,
      runs: [],
    });

    expect(run(['verify', 'failing', '--yes', '--level', '1'], dir)).toMatchObject({ code: 0 });
    expect(run(['verify', 'failing', '--yes'], dir)).toMatchObject({ code: 1 });
    const history = JSON.parse(run(['verify', 'failing', '--history', '--json'], dir).stdout);
    expect(history.head).toBe(head);
    expect(history.runs.map((r: { passed: boolean; complete: boolean }) => [r.passed, r.complete])).toEqual([
      [false, true],
      [true, false],
    ]);
    // The first run left level1.marker behind, untracked: the second ran on a dirty tree.
    expect(history.runs[0]).toMatchObject({
      commit: head,
      dirty: true,
      current: true,
      levels: [1, 2, 3],
      failed: [{ level: 2, command: 'exit 3', line: 15, status: 'failed', exitCode: 3 }],
    });
    const text = run(['verify', 'failing', '--history'], dir);
    expect(text.stdout).toMatch(/STARTED \(UTC\) +COMMIT +RESULT +LEVELS +DURATION +FIRST FAILURE/);
    expect(text.stdout).toContain(`${head.slice(0, 10)}+ (HEAD)  failed  all`);
    expect(text.stdout).toContain('2 runs');

    const show = JSON.parse(run(['show', 'failing', '--json'], dir).stdout);
    expect(show.lastRun).toEqual({
      at: history.runs[0].at,
      passed: false,
      complete: true,
      commit: head,
      dirty: true,
      current: true,
    });
    const list = JSON.parse(run(['list', '--json'], dir).stdout);
    const bySlug = Object.fromEntries(
      list.specs.map((s: { slug: string; lastRun: unknown }) => [s.slug, s.lastRun]),
    );
    expect(bySlug.failing).toEqual(show.lastRun);
    expect(bySlug.passing).toBeNull();

    // A new commit: the last run no longer speaks for HEAD.
    writeFileSync(join(dir, 'README.md'), 'more\n');
    git(dir, 'add', 'README.md');
    git(dir, 'commit', '-q', '-m', 'more');
    expect(JSON.parse(run(['show', 'failing', '--json'], dir).stdout).lastRun.current).toBe(false);
  });
});

describe('verify: interrupted', () => {
  it('stops the running command and its children on Ctrl-C, keeps the evidence, exits 130', async () => {
    const dir = workspace('hanging.md');
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin', 'specwright.js'), 'verify', 'hanging', '--yes', '--timeout', '30'],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(await waitUntil(() => existsSync(join(dir, 'grandchild.pid')), 5000)).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(out).toContain('Interrupted');
    for (const file of ['child.pid', 'grandchild.pid'])
      expect(isGone(readPid(join(dir, file))), file).toBe(true);
    const [evidence] = runsOf(dir, 'hanging');
    const record = JSON.parse(
      readFileSync(join(dir, '.specwright', 'runs', 'hanging', evidence as string), 'utf8'),
    );
    expect(record).toMatchObject({ interrupted: true, passed: false });
    expect(record.results[0].commands[0].status).toBe('interrupted');
    expect(existsSync(join(dir, 'after-hang.marker'))).toBe(false);
  });
});

const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!HAS_SCRIPT)('verify on a terminal (through script(1))', () => {
  /** Run verify under a pseudo-terminal, answer the y/N question, return the output and exit code. */
  async function onTerminal(dir: string, answer: string): Promise<{ code: number | null; out: string }> {
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(repoRoot, 'bin', 'specwright.js'))} verify passing; echo "EXIT=$?"`;
    const child = spawn('script', ['-qec', cmd, '/dev/null'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', CI: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    expect(await waitUntil(() => out.includes('[y/N]'), 10_000)).toBe(true);
    child.stdin.write(answer);
    await exited;
    const code = /EXIT=(\d+)/.exec(out)?.[1];
    return { code: code === undefined ? null : Number(code), out };
  }

  it('shows the commands, asks, and runs them only after yes', async () => {
    const dir = workspace('passing.md');
    const no = await onTerminal(dir, 'n\n');
    expect(no.out).toContain('$ touch level2.marker');
    expect(no.out).toContain('Run these 3 commands? [y/N]');
    expect(no.out).toContain('not confirmed; nothing was run');
    expect(no.code).toBe(2);
    expect(existsSync(join(dir, 'level2.marker'))).toBe(false);
    const yes = await onTerminal(dir, 'y\n');
    expect(yes.code).toBe(0);
    expect(yes.out).toContain('Passed: 2 levels, 3 commands');
    expect(existsSync(join(dir, 'level2.marker'))).toBe(true);
  });
});

describe('verify: settings', () => {
  it('takes the time limit from verify.timeout unless --timeout says otherwise', () => {
    const dir = workspace('passing.md', 'version: 1\nverify:\n  timeout: 42\n');
    expect(JSON.parse(run(['verify', 'passing', '--dry-run', '--json'], dir).stdout).timeoutMs).toBe(42_000);
    const flag = run(['verify', 'passing', '--dry-run', '--json', '--timeout', '1.5'], dir);
    expect(JSON.parse(flag.stdout).timeoutMs).toBe(1500);
  });
});
