import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../edit/atomic.js';
import { type FileStamp, settledBefore } from './stamp.js';

export const CACHE_DIR = join('.specwright', 'cache');

export type { FileStamp } from './stamp.js';

/**
 * One entry: the content hash and the value, then, when the file's stamp was recorded with them,
 * its size, mtime and ctime and when that was (ms since the epoch). A tuple, not an object: a
 * cache of 10,000 entries parses in half the time and leaves the collector less to do.
 */
type Entry<T> = [hash: string, value: T] | [hash: string, value: T, ...stamp: Stamped];
type Stamped = [size: number, mtimeMs: number, ctimeMs: number, seenAt: number];

/** Bump when the file's layout changes; an old file then reads as empty. */
const FORMAT = 2;

/**
 * A derived, disposable cache of per-file results keyed by the file's content
 * hash: a hit needs the exact bytes it was computed from, so a changed file is
 * never served stale. Safe to delete at any time.
 */
export class ContentCache<T> {
  private entries: Record<string, Entry<T>> = {};
  private dirty = false;
  private readonly file: string;
  /** Every read of this run happens after this instant. */
  private readonly startedAt = Date.now();

  constructor(
    root: string,
    name: string,
    /** Changes when anything besides the file's bytes feeds the value (templates, code version). */
    private readonly salt: string,
  ) {
    this.file = join(root, CACHE_DIR, `${name}.json`);
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as {
        format: number;
        salt: string;
        entries: Record<string, Entry<T>>;
      };
      if (data.format === FORMAT && data.salt === salt && data.entries && typeof data.entries === 'object')
        this.entries = data.entries;
    } catch {
      // Missing or unreadable cache: start empty.
    }
  }

  static hash(bytes: Uint8Array): string {
    return createHash('sha1').update(bytes).digest('base64url');
  }

  get(key: string, hash: string): T | undefined {
    const e = this.entries[key];
    return e && e[0] === hash ? e[1] : undefined;
  }

  /** The content hash recorded for a key. */
  hashOf(key: string): string | undefined {
    return this.entries[key]?.[0];
  }

  /** Keys of every entry, so that a partial run can keep the entries it did not look at. */
  keys(): string[] {
    return Object.keys(this.entries);
  }

  /**
   * The value without reading the file, when its size, mtime and ctime are those recorded
   * with the hash (git's index check). ctime catches a `touch -d` that resets mtime. A stamp
   * recorded just after the file changed is not trusted (settledBefore).
   */
  getByStamp(key: string, stamp: FileStamp): T | undefined {
    const e = this.entries[key];
    if (e?.length !== 6) return undefined;
    const [, value, size, mtimeMs, ctimeMs, seenAt] = e;
    if (size !== stamp.size || mtimeMs !== stamp.mtimeMs || ctimeMs !== stamp.ctimeMs) return undefined;
    if (!settledBefore(mtimeMs, ctimeMs, seenAt)) return undefined;
    return value;
  }

  set(key: string, hash: string, value: T, stamp?: FileStamp): void {
    this.entries[key] = stamp
      ? [hash, value, stamp.size, stamp.mtimeMs, stamp.ctimeMs, this.startedAt]
      : [hash, value];
    this.dirty = true;
  }

  /** Drop entries for files that no longer exist, then write if anything changed. Never throws. */
  save(keep: ReadonlySet<string>): void {
    for (const key of Object.keys(this.entries)) {
      if (!keep.has(key)) {
        delete this.entries[key];
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileAtomic(this.file, JSON.stringify({ format: FORMAT, salt: this.salt, entries: this.entries }));
      this.dirty = false;
    } catch {
      // A read-only checkout still works, just without a warm cache.
    }
  }
}
