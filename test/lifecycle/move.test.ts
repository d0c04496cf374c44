/** Safe moves: never over an existing target, git mv for tracked files, and an interruption leaves complete copies only. */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSpecwrightError } from '../../src/errors.js';
import { moveSafely } from '../../src/lifecycle/move.js';
import { git } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { thrown } from './helpers.js';

const dirs: string[] = [];
function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'specwright-move-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder spec: prd.md, tasks.md, research/notes.md, a lock file. */
function folderSpec(root: string, rel = 'specs/active/sync'): string {
  const dir = join(root, rel);
  mkdirSync(join(dir, 'research'), { recursive: true });
  writeFileSync(join(dir, 'prd.md'), '# PRD: Sync\r\n\r\n**Status**: Complete\r\n');
  writeFileSync(join(dir, 'tasks.md'), '- [x] 1.1 done\n');
  writeFileSync(join(dir, 'research', 'notes.md'), 'notes 🚀\n');
  chmodSync(join(dir, 'tasks.md'), 0o600);
  return dir;
}

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = readFileSync(p, 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

describe('moveSafely without git', () => {
  it('renames a file into a folder it creates', () => {
    const root = sandbox();
    mkdirSync(join(root, 'specs'));
    writeFileSync(join(root, 'specs/limiter.md'), 'x\n');
    const method = moveSafely(join(root, 'specs/limiter.md'), join(root, 'specs/implemented/limiter.md'), {
      git: false,
    });
    expect(method).toBe('rename');
    expect(existsSync(join(root, 'specs/limiter.md'))).toBe(false);
    expect(readFileSync(join(root, 'specs/implemented/limiter.md'), 'utf8')).toBe('x\n');
  });

  it('renames a whole folder, contents and modes included', () => {
    const root = sandbox();
    const src = folderSpec(root);
    const before = tree(src);
    const dst = join(root, 'specs/archive/sync');
    expect(moveSafely(src, dst, { git: false })).toBe('rename');
    expect(existsSync(src)).toBe(false);
    expect(tree(dst)).toEqual(before);
    expect(statSync(join(dst, 'tasks.md')).mode & 0o777).toBe(0o600);
  });

  it('never overwrites: an existing file, or a folder that holds anything, is refused and nothing moves', () => {
    const root = sandbox();
    writeFileSync(join(root, 'a.md'), 'a\n');
    writeFileSync(join(root, 'b.md'), 'b\n');
    const err = thrown(() => moveSafely(join(root, 'a.md'), join(root, 'b.md'), { git: false }));
    expect(isSpecwrightError(err) && err.code).toBe('exists');
    expect(readFileSync(join(root, 'b.md'), 'utf8')).toBe('b\n');
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe('a\n');

    const src = folderSpec(root);
    mkdirSync(join(root, 'specs/archive/sync'), { recursive: true });
    writeFileSync(join(root, 'specs/archive/sync/keep.md'), 'keep\n');
    for (const copy of [false, true]) {
      const e = thrown(() => moveSafely(src, join(root, 'specs/archive/sync'), { git: false, copy }));
      expect(isSpecwrightError(e) && e.code).toBe('exists');
    }
    expect(tree(join(root, 'specs/archive/sync'))).toEqual({ 'keep.md': 'keep\n' });
    expect(existsSync(join(src, 'prd.md'))).toBe(true);
  });

  it('moves a folder onto an empty folder of the same name (nothing there to lose)', () => {
    const root = sandbox();
    const src = folderSpec(root);
    mkdirSync(join(root, 'specs/archive/sync'), { recursive: true });
    expect(moveSafely(src, join(root, 'specs/archive/sync'), { git: false })).toBe('rename');
    expect(Object.keys(tree(join(root, 'specs/archive/sync')))).toEqual([
      'prd.md',
      'research/notes.md',
      'tasks.md',
    ]);
  });

  it('copies across filesystems: same bytes and modes, lock files left behind, no temporary leftovers', () => {
    const root = sandbox();
    const src = folderSpec(root);
    writeFileSync(join(src, '.prd.md.specwright-lock'), '{}');
    const before = tree(src);
    delete before['.prd.md.specwright-lock'];
    const dst = join(root, 'specs/archive/sync');
    expect(moveSafely(src, dst, { git: false, copy: true })).toBe('copy');
    expect(existsSync(src)).toBe(false);
    expect(tree(dst)).toEqual(before);
    expect(statSync(join(dst, 'tasks.md')).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(root, 'specs/archive'))).toEqual(['sync']);

    writeFileSync(join(root, 'one.md'), 'one\n');
    expect(moveSafely(join(root, 'one.md'), join(root, 'done/one.md'), { git: false, copy: true })).toBe(
      'copy',
    );
    expect(readdirSync(join(root, 'done'))).toEqual(['one.md']);
    expect(existsSync(join(root, 'one.md'))).toBe(false);
  });
});

describe('moveSafely interrupted (the process is killed mid-move)', () => {
  const MOVE = join(repoRoot, 'dist/lifecycle/move.js');
  const killAt = (src: string, dst: string, stage: 'copied' | 'placed') =>
    spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { moveSafely } from ${JSON.stringify(MOVE)};
         moveSafely(${JSON.stringify(src)}, ${JSON.stringify(dst)}, {
           git: false, copy: true,
           onStage: (s) => { if (s === ${JSON.stringify(stage)}) process.kill(process.pid, 'SIGKILL'); },
         });`,
      ],
      { encoding: 'utf8' },
    );

  it.skipIf(!existsSync(MOVE))('before the copy is in place: the source is whole, the target absent', () => {
    const root = sandbox();
    const src = folderSpec(root);
    const before = tree(src);
    const dst = join(root, 'specs/archive/sync');
    expect(killAt(src, dst, 'copied').signal).toBe('SIGKILL');
    expect(tree(src)).toEqual(before);
    expect(existsSync(dst)).toBe(false);
    // What is left is a hidden temporary copy beside the target, safe to delete.
    const left = readdirSync(join(root, 'specs/archive'));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.sync\.specwright-tmp-\d+-[0-9a-f]+$/);
  });

  it.skipIf(!existsSync(MOVE))('after the copy is in place: both copies are whole', () => {
    const root = sandbox();
    const src = folderSpec(root);
    const before = tree(src);
    const dst = join(root, 'specs/archive/sync');
    expect(killAt(src, dst, 'placed').signal).toBe('SIGKILL');
    expect(tree(src)).toEqual(before);
    expect(tree(dst)).toEqual(before);
  });
});

describe('moveSafely in a git repository', () => {
  function repo(): string {
    const root = sandbox();
    git(root, 'init', '-q', '.');
    return root;
  }

  it('uses git mv for a tracked folder, so git records a rename', () => {
    const root = repo();
    const src = folderSpec(root);
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'specs');
    writeFileSync(join(src, 'untracked.md'), 'u\n');
    expect(moveSafely(src, join(root, 'specs/archive/sync'))).toBe('git-mv');
    const status = git(root, 'status', '--porcelain');
    expect(status).toContain('R  specs/active/sync/prd.md -> specs/archive/sync/prd.md');
    expect(status).toContain('?? specs/archive/sync/untracked.md');
    expect(existsSync(src)).toBe(false);
  });

  it('renames an untracked file in a repository without git', () => {
    const root = repo();
    writeFileSync(join(root, 'new.md'), 'n\n');
    expect(moveSafely(join(root, 'new.md'), join(root, 'done/new.md'))).toBe('rename');
  });

  it('refuses an existing target before git is asked', () => {
    const root = repo();
    const src = folderSpec(root);
    git(root, 'add', '.');
    mkdirSync(join(root, 'specs/archive/sync'), { recursive: true });
    writeFileSync(join(root, 'specs/archive/sync/prd.md'), 'other\n');
    const err = thrown(() => moveSafely(src, join(root, 'specs/archive/sync')));
    expect(isSpecwrightError(err) && err.code).toBe('exists');
    expect(readFileSync(join(root, 'specs/archive/sync/prd.md'), 'utf8')).toBe('other\n');
  });
});
