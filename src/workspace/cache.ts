import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../edit/atomic.js';

export const CACHE_DIR = join('.specwright', 'cache');

/**
 * A derived, disposable cache of per-file results keyed by the file's content
 * hash: a hit needs the exact bytes it was computed from, so a changed file is
 * never served stale. Safe to delete at any time.
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

interface Entry<T> {
  hash: string;
  value: T;
  /** The file's stamp when `hash` was last confirmed, and when that was (ms since the epoch). */
  stamp?: FileStamp;
  seenAt?: number;
}

/** Timestamps coarser than this (FAT, some network file systems) must not make a same-tick change look old. */
const TIMESTAMP_SLACK_MS = 2000;

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
        salt: string;
        entries: Record<string, Entry<T>>;
      };
      if (data.salt === salt && data.entries && typeof data.entries === 'object') this.entries = data.entries;
    } catch {
      // Missing or unreadable cache: start empty.
    }
  }

  static hash(bytes: Uint8Array): string {
    return createHash('sha1').update(bytes).digest('base64url');
  }

  get(key: string, hash: string): T | undefined {
    const e = this.entries[key];
    return e && e.hash === hash ? e.value : undefined;
  }

  /** The content hash recorded for a key. */
  hashOf(key: string): string | undefined {
    return this.entries[key]?.hash;
  }

  /** Keys of every entry, so that a partial run can keep the entries it did not look at. */
  keys(): string[] {
    return Object.keys(this.entries);
  }

  /**
   * The value without reading the file, when its size, mtime and ctime are those recorded
   * with the hash (git's index check). ctime catches a `touch -d` that resets mtime. A stamp
   * recorded less than TIMESTAMP_SLACK_MS after the file's mtime is not trusted: a second
   * write in the same timestamp tick would leave the stamp unchanged ("racy git").
   */
  getByStamp(key: string, stamp: FileStamp): T | undefined {
    const e = this.entries[key];
    const s = e?.stamp;
    if (!e || !s || e.seenAt === undefined) return undefined;
    if (s.size !== stamp.size || s.mtimeMs !== stamp.mtimeMs || s.ctimeMs !== stamp.ctimeMs) return undefined;
    if (Math.max(s.mtimeMs, s.ctimeMs) + TIMESTAMP_SLACK_MS > e.seenAt) return undefined;
    return e.value;
  }

  set(key: string, hash: string, value: T, stamp?: FileStamp): void {
    const e: Entry<T> = { hash, value };
    if (stamp) {
      e.stamp = { size: stamp.size, mtimeMs: stamp.mtimeMs, ctimeMs: stamp.ctimeMs };
      e.seenAt = this.startedAt;
    }
    this.entries[key] = e;
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
      writeFileAtomic(this.file, JSON.stringify({ salt: this.salt, entries: this.entries }));
      this.dirty = false;
    } catch {
      // A read-only checkout still works, just without a warm cache.
    }
  }
}
