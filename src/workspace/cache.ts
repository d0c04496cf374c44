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
export class ContentCache<T> {
  private entries: Record<string, { hash: string; value: T }> = {};
  private dirty = false;
  private readonly file: string;

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
        entries: ContentCache<T>['entries'];
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

  /** Keys of every entry, so that a partial run can keep the entries it did not look at. */
  keys(): string[] {
    return Object.keys(this.entries);
  }

  set(key: string, hash: string, value: T): void {
    this.entries[key] = { hash, value };
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
