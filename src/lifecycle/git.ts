/** The little of git that moving a spec needs: is a path tracked, and `git mv`. */
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { SpecwrightError } from '../errors.js';

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The work tree holding `dir`, or undefined outside git (or without git installed). */
export function gitTopLevel(dir: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Whether git tracks the file, or any file under the folder. */
export function isTracked(top: string, absPath: string): boolean {
  try {
    return git(top, ['ls-files', '-z', '--', relative(top, absPath)]).length > 0;
  } catch {
    return false;
  }
}

export function gitMv(top: string, src: string, dst: string): void {
  try {
    git(top, ['mv', '--', relative(top, src), relative(top, dst)]);
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n')[0];
    throw new SpecwrightError(`git mv failed: ${stderr || String(err)}`, src, undefined, 'io');
  }
}
