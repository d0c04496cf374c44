/**
 * `specwright check` end to end: the built CLI in temp workspaces, with the real rules. The
 * documents below are chosen so that what they trip is unambiguous (an unfilled `{placeholder}`,
 * an empty section, mojibake), and assertions name rule ids and exit codes, not prose.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { checkTempDir, cleanupDirs } from '../rules/engine-fixtures.js';

afterAll(cleanupDirs);

function ws(files: Record<string, string | Uint8Array>): string {
  const dir = checkTempDir();
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

const CLEAN = '# Notes\n\nSome text here.\n';
const ERROR = '# Feature: {Feature Name}\n\nSome text here.\n';
const WARNING = '# Notes\n\n## Empty\n\n## Next\n\nText.\n';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** "Done ✅ ok" with the emoji's UTF-8 bytes mis-decoded as Windows-1252 ("âœ…"), CRLF, BOM. */
const MOJIBAKE_CRLF_BOM = Buffer.concat([
  BOM,
  Buffer.from('# Notes\r\n\r\nDone âœ… ok\r\nnext line\n', 'utf8'),
]);
const FIXED_CRLF_BOM = Buffer.concat([BOM, Buffer.from('# Notes\r\n\r\nDone ✅ ok\r\nnext line\n', 'utf8')]);

interface Json {
  schemaVersion: number;
  summary: { files: number; errors: number; warnings: number; fixed: number };
  files: Array<{ path: string; diagnostics: Array<{ ruleId: string; severity: string }>; error: unknown }>;
}
const json = (stdout: string) => JSON.parse(stdout) as Json;
const ruleIds = (j: Json) =>
  j.files.flatMap((f) => f.diagnostics.map((d) => `${f.path} ${d.ruleId} ${d.severity}`));

describe('specwright check', () => {
  it('exits 0 on a clean workspace and says so', () => {
    const dir = ws({ 'specs/a.md': CLEAN });
    const r = run(['check'], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '✔ 1 file checked, no problems\n', '']);
  });

  it('exits 1 on errors, with the problem grouped under its file', () => {
    const dir = ws({ 'specs/a.md': CLEAN, 'specs/b.md': ERROR });
    const r = run(['check'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^specs\/b\.md\n {2}1:12 {2}error {2}.*placeholder\n/);
    expect(r.stdout).toContain('1 | # Feature: {Feature Name}');
    expect(r.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, /);
    expect(r.stdout).not.toContain('\x1b['); // not a TTY: no colour
  });

  it('warnings pass unless --max-warnings is exceeded; --quiet drops them', () => {
    const dir = ws({ 'specs/a.md': WARNING });
    expect(run(['check'], dir).code).toBe(0);
    const strict = run(['check', '--max-warnings', '0'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/too many warnings \(1, maximum 0\)/);
    expect(run(['check', '--max-warnings', '1'], dir).code).toBe(0);
    const quiet = run(['check', '--quiet', '--max-warnings', '0'], dir);
    expect([quiet.code, quiet.stdout]).toEqual([0, '✔ 1 file checked, no problems\n']);
  });

  it('--rule changes a severity for this run; unknown ids and bad values are usage errors', () => {
    const dir = ws({ 'specs/a.md': ERROR, 'specs/b.md': WARNING });
    const off = run(['check', '--rule', 'placeholder=off', '--rule', 'empty-section=error', '--json'], dir);
    expect(off.code).toBe(1);
    expect(ruleIds(json(off.stdout)).filter((l) => /placeholder|empty-section/.test(l))).toEqual([
      'specs/b.md empty-section error',
    ]);
    const unknown = run(['check', '--rule', 'no-such-rule=off'], dir);
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toMatch(/^specwright: --rule: unknown rule "no-such-rule"/);
    expect(run(['check', '--rule', 'placeholder=loud'], dir).code).toBe(2);
    expect(run(['check', '--rule', 'placeholder'], dir).code).toBe(2);
    expect(run(['check', '--max-warnings', 'many'], dir).code).toBe(2);
    expect(run(['check', '--format', 'xml'], dir).code).toBe(2);
    expect(run(['check', 'specs/nope.md'], dir).code).toBe(2);
  });

  it('a config naming an unknown rule is an error naming the file and line (exit 2)', () => {
    const dir = ws({
      'specwright.config.yaml': 'version: 1\nrules:\n  placeholdr: off\n',
      'specs/a.md': CLEAN,
    });
    const r = run(['check'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `specwright: ${join(dir, 'specwright.config.yaml')}:3: "rules": unknown rule "placeholdr" (did you mean "placeholder"?)\n`,
    );
  });

  it('config turns rules off per path and ignores files', () => {
    const dir = ws({
      'specwright.config.yaml': [
        'ignore: ["specs/drafts/**"]',
        'overrides:',
        '  - files: ["specs/legacy/**"]',
        '    rules: { placeholder: off }',
        '',
      ].join('\n'),
      'specs/drafts/a.md': ERROR,
      'specs/legacy/b.md': ERROR,
      'specs/c.md': CLEAN,
    });
    const r = run(['check', '--json'], dir);
    const j = json(r.stdout);
    expect(j.files.map((f) => f.path)).toEqual(['specs/c.md', 'specs/legacy/b.md']);
    expect(ruleIds(j).filter((l) => l.includes('placeholder'))).toEqual([]);
  });

  it('checks named files and folders, and reports a binary file among good ones without stopping', () => {
    const dir = ws({
      'specs/a.md': CLEAN,
      'specs/img.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'specs/z.md': ERROR,
      'other/x.md': WARNING,
    });
    const all = run(['check', '--json'], dir);
    expect(all.code).toBe(1);
    const j = json(all.stdout);
    expect(
      j.files.map((f) => [f.path, f.error ? 'error' : f.diagnostics.length ? 'problems' : 'clean']),
    ).toEqual([
      ['specs/a.md', 'clean'],
      ['specs/img.md', 'error'],
      ['specs/z.md', 'problems'],
    ]);
    const named = run(['check', 'other', 'specs/a.md', '--json'], dir);
    expect(json(named.stdout).files.map((f) => f.path)).toEqual(['other/x.md', 'specs/a.md']);
    const stylish = run(['check'], dir);
    expect(stylish.stdout).toContain('specs/img.md\n  error  binary file, not Markdown\n');
  });

  it('--format json, sarif and github', () => {
    const dir = ws({ 'specs/b.md': ERROR });
    const j = json(run(['check', '--format', 'json'], dir).stdout);
    expect(j.schemaVersion).toBe(1);
    expect(j.summary.files).toBe(1);
    const sarif = JSON.parse(run(['check', '--format', 'sarif'], dir).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: 'placeholder',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'specs/b.md' },
            region: { startLine: 1, startColumn: 12 },
          },
        },
      ],
    });
    const gh = run(['check', '--format', 'github'], dir);
    expect(gh.code).toBe(1);
    expect(gh.stdout).toMatch(
      /^::error file=specs\/b\.md,line=1,endLine=1,col=12,endColumn=26,title=placeholder::/m,
    );
  });

  it('writes a report redirected to a file byte for byte as through a pipe, past a megabyte', () => {
    const unfilled = Array.from({ length: 6000 }, (_, i) => `- {Requirement ${i} — "quoted" \\ note}`);
    const dir = ws({ 'specs/a.md': `# Notes\n\n${unfilled.join('\n')}\n`, 'specs/b.md': ERROR });
    const check = (format: string, stdout: 'pipe' | number) =>
      spawnSync(process.execPath, [join(repoRoot, 'bin', 'specwright.js'), 'check', '--format', format], {
        cwd: dir,
        stdio: ['ignore', stdout, 'ignore'],
        encoding: 'utf8',
        maxBuffer: 1 << 26,
        env: { ...process.env, NO_COLOR: '1' },
      }).stdout;
    for (const format of ['json', 'stylish']) {
      const piped = check(format, 'pipe');
      const file = join(dir, `report.${format}`);
      const fd = openSync(file, 'w');
      try {
        check(format, fd);
      } finally {
        closeSync(fd);
      }
      expect(Buffer.byteLength(piped)).toBeGreaterThan(1 << 20);
      expect(readFileSync(file, 'utf8')).toBe(piped);
    }
  });

  it('--fix rewrites only the fixed bytes, keeping CRLF and the BOM, and reports it', () => {
    const dir = ws({ 'specs/a.md': MOJIBAKE_CRLF_BOM, 'specs/b.md': CLEAN });
    const r = run(['check', '--fix'], dir);
    expect(readFileSync(join(dir, 'specs/a.md'))).toEqual(FIXED_CRLF_BOM);
    expect(readFileSync(join(dir, 'specs/b.md'), 'utf8')).toBe(CLEAN);
    expect(r.stdout).toContain('specs/a.md\n  fixed 1 problem (mojibake)\n');
    expect(r.code).toBe(0);
    const again = run(['check', '--fix', '--json'], dir);
    expect(json(again.stdout).summary.fixed).toBe(0);
  });

  it('--fix-dry-run prints the diff and writes nothing', () => {
    const dir = ws({ 'specs/a.md': MOJIBAKE_CRLF_BOM });
    const r = run(['check', '--fix-dry-run'], dir);
    expect(readFileSync(join(dir, 'specs/a.md'))).toEqual(MOJIBAKE_CRLF_BOM);
    expect(r.stdout).toContain(
      '--- a/specs/a.md\n+++ b/specs/a.md\n@@ -1,4 +1,4 @@\n # Notes\r\n \r\n-Done âœ… ok\r\n+Done ✅ ok\r\n next line\n',
    );
    expect(r.stdout).toContain('would fix 1 problem (mojibake)');
    // Not applied, so a plain check still reports it.
    expect(ruleIds(json(run(['check', '--json'], dir).stdout))).toEqual(['specs/a.md mojibake warning']);
  });

  it('gives the same results on worker threads as on one thread', () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 12; i++) {
      files[`specs/tasks/issue-${i}.md`] = [
        '---',
        'name: Task',
        'about: An implementation task',
        `title: "Task ${i}"`,
        'labels: [task]',
        'assignees: []',
        'status: open',
        '---',
        '',
        `# Task ${i}`,
        '',
        '**Must be completed first:**',
        '',
        `- [ ] #${i + 1} - the next one`,
        `- [ ] #${i + 40} - one that does not exist`,
        '',
      ].join('\n');
      files[`specs/doc-${i}.md`] = i % 2 ? ERROR : WARNING;
    }
    const dir = ws(files);
    const one = run(['check', '--json', '--no-cache'], dir, { SPECWRIGHT_WORKERS: '0' });
    const three = run(['check', '--json', '--no-cache'], dir, { SPECWRIGHT_WORKERS: '3' });
    expect(three.stderr).toBe('');
    expect(three.stdout).toBe(one.stdout);
    // Issue numbers seen by another thread count: #2..#12 exist, #13 and #41.. do not.
    const refs = json(one.stdout).files.flatMap((f) =>
      f.diagnostics.filter((d) => d.ruleId === 'dangling-reference'),
    );
    expect(refs.length).toBe(13);
  });

  it('serves a warm run from the cache, and --no-cache neither reads nor writes it', () => {
    const dir = ws({ 'specs/a.md': ERROR });
    const nocache = run(['check', '--no-cache'], dir);
    expect(nocache.code).toBe(1);
    expect(() => readFileSync(join(dir, '.specwright/cache/lint.jsonl'))).toThrow();
    const cold = run(['check', '--json'], dir);
    expect(readFileSync(join(dir, '.specwright/cache/lint.jsonl'), 'utf8')).toContain('placeholder');
    expect(run(['check', '--json'], dir).stdout).toBe(cold.stdout);
    writeFileSync(join(dir, 'specs/a.md'), CLEAN);
    expect(run(['check'], dir).code).toBe(0);
  });
});
