/**
 * Moving a spec (a file, or the folder a folder-kind spec owns) so that an interruption leaves
 * either the old or the new location complete, never a half-written one, and an existing target
 * is never overwritten.
 *
 * - Tracked by git: `git mv` (one rename(2) plus an index update), so history follows the file.
 * - Same filesystem: a single rename(2), which is atomic. To make it refuse an existing target,
 *   a file is hard-linked to its new name (link(2) fails if the name exists) and then unlinked
 *   from the old one; a folder is renamed onto an empty folder reserved with mkdir(2) (rename
 *   replaces an empty directory atomically and fails on a non-empty one).
 * - Across filesystems (EXDEV): copy to a hidden temporary name beside the target, fsync every
 *   file, rename it into place as above, and only then remove the source. An interruption before
 *   the rename leaves the source untouched and a `.<name>.specwright-tmp-*` leftover that can be
 *   deleted; after it, both copies are complete.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { isLockFileName } from '../edit/lock.js';
import { SpecwrightError } from '../errors.js';
import { gitMv, gitTopLevel, isTracked } from './git.js';

export type MoveMethod = 'git-mv' | 'rename' | 'copy';

export interface MoveOptions {
  /** Use `git mv` for tracked files (default true). */
  git?: boolean;
  /** Take the copy path even on one filesystem (tests exercise it this way). */
  copy?: boolean;
  /**
   * Called at the copy path's two points of no return: 'copied' (the temporary copy is complete and
   * synced, the target does not exist yet) and 'placed' (the target is complete, the source not yet
   * removed). Tests kill the process there to prove an interruption leaves complete copies only.
   */
  onStage?: (stage: 'copied' | 'placed') => void;
}

/** Refuse unless `dst` is free: absent, or (for a folder) an empty folder. */
export function assertFree(dst: string, folder: boolean, shown = dst): void {
  let st: import('node:fs').Stats;
  try {
    st = lstatSync(dst);
  } catch {
    return;
  }
  if (folder && st.isDirectory() && readdirSync(dst).length === 0) return;
  throw new SpecwrightError('the target already exists; it is never overwritten', shown, undefined, 'exists');
}

export function moveSafely(src: string, dst: string, options: MoveOptions = {}): MoveMethod {
  const folder = statSync(src).isDirectory();
  assertFree(dst, folder);
  mkdirSync(dirname(dst), { recursive: true });
  if (options.git !== false) {
    const top = gitTopLevel(dirname(src));
    if (top && isTracked(top, src) && !relative(top, dst).startsWith('..')) {
      if (folder && existsSync(dst)) rmdirSync(dst); // git mv wants the name free; the folder is empty
      gitMv(top, src, dst);
      return 'git-mv';
    }
  }
  if (!options.copy) {
    try {
      renameNoReplace(src, dst, folder);
      syncDir(dirname(dst));
      syncDir(dirname(src));
      return 'rename';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw toUserError(err, dst);
    }
  }
  copyThenSwap(src, dst, folder, options.onStage);
  return 'copy';
}

function renameNoReplace(src: string, dst: string, folder: boolean): void {
  if (folder) {
    const reserved = !existsSync(dst);
    if (reserved) mkdirSync(dst);
    try {
      renameSync(src, dst);
    } catch (err) {
      if (reserved) rmdirQuietly(dst);
      throw err;
    }
    return;
  }
  try {
    linkSync(src, dst);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Filesystems without hard links: the name was checked free just before.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EMLINK') {
      assertFree(dst, false);
      renameSync(src, dst);
      return;
    }
    throw err;
  }
  unlinkSync(src);
}

function copyThenSwap(src: string, dst: string, folder: boolean, onStage: MoveOptions['onStage']): void {
  const tmp = join(
    dirname(dst),
    `.${basename(dst)}.specwright-tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    copyTree(src, tmp);
    syncDir(dirname(dst));
    onStage?.('copied');
    renameNoReplace(tmp, dst, folder);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw toUserError(err, dst);
  }
  syncDir(dirname(dst));
  onStage?.('placed');
  rmSync(src, { recursive: true, force: true });
  syncDir(dirname(src));
}

/** Copy a file or folder (symlinks as links, modes kept, lock files left behind), fsyncing what it writes. */
function copyTree(src: string, dst: string): void {
  const st = lstatSync(src);
  if (st.isSymbolicLink()) {
    symlinkSync(readlinkSync(src), dst);
  } else if (st.isDirectory()) {
    mkdirSync(dst, { mode: st.mode & 0o7777 });
    for (const name of readdirSync(src)) {
      if (!isLockFileName(name)) copyTree(join(src, name), join(dst, name));
    }
    syncDir(dst);
  } else {
    copyFileSync(src, dst);
    chmodSync(dst, st.mode & 0o7777);
    const fd = openSync(dst, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** Make a rename durable: fsync the folder that holds the name (not possible on every platform). */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here (Windows); the rename itself is still atomic
  }
}

function rmdirQuietly(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not ours to remove any more
  }
}

function toUserError(err: unknown, dst: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTEMPTY')
    return new SpecwrightError(
      'the target already exists; it is never overwritten',
      dst,
      undefined,
      'exists',
    );
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new SpecwrightError(`cannot move here (${code})`, dst, undefined, 'io');
  return err;
}
