/**
 * The repository around a workspace: where commands run (its root) and which
 * commit a run verified. Git is optional: without it, or outside a repository,
 * commands run in the workspace root and runs record no commit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** The nearest folder at or above `start` holding `.git` (a folder, or a file in worktrees), else null. */
export function findRepoRoot(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

function git(cwd: string, args: string[]): string | null {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    // A read-only look must not take index.lock from under someone committing.
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 10_000,
  });
  return r.status === 0 ? r.stdout : null;
}

/** HEAD's full SHA, or null (no git, not a repository, no commit yet). */
export function headCommit(repoRoot: string | null): string | null {
  if (!repoRoot) return null;
  const out = git(repoRoot, ['rev-parse', '--verify', '--quiet', 'HEAD']);
  const sha = out?.trim();
  return sha && /^[0-9a-f]{40,64}$/.test(sha) ? sha : null;
}

/**
 * Whether the work tree differs from HEAD (untracked files included), leaving out
 * `ignoreDir` (the workspace's `.specwright/`, where runs themselves are written).
 */
export function isDirty(repoRoot: string | null, ignoreDir?: string): boolean | null {
  if (!repoRoot) return null;
  const args = ['status', '--porcelain', '--untracked-files=normal', '--', '.'];
  if (ignoreDir) {
    const rel = relative(repoRoot, ignoreDir).split(sep).join('/');
    if (rel && !rel.startsWith('..')) args.push(`:(top,exclude)${rel}`);
  }
  const out = git(repoRoot, args);
  return out === null ? null : out.trim().length > 0;
}

export interface RepoState {
  /** Where commands run: the repository root, else the workspace root. */
  cwd: string;
  commit: string | null;
  dirty: boolean | null;
}

export function repoState(workspaceRoot: string): RepoState {
  const root = findRepoRoot(workspaceRoot);
  const commit = headCommit(root);
  return {
    cwd: root ?? workspaceRoot,
    commit,
    dirty: commit ? isDirty(root, join(workspaceRoot, '.specwright')) : null,
  };
}
