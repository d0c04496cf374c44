/**
 * The lint cache: per file, the diagnostics computed from exactly these bytes under exactly
 * this rule configuration, plus what the rules asked beyond the bytes (paths probed, issue
 * numbers looked up). A hit is served only when the content hash matches, the salt (build,
 * rules, config, templates) matches, and every recorded answer is still the same.
 *
 * `.specwright/cache/lint.jsonl` holds a header line, then one line per file:
 * `"<path>"\t<content hash>\t<meta JSON>\t<packed diagnostics JSON>`. A warm run parses only the
 * small meta part (counts, dependencies); the diagnostics stay a string until a report reads
 * them, and a run that changes a few files rewrites the other lines as they were read.
 * Derived and disposable, like every cache here: delete it at any time.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { SlabWriter, writeFully } from '../slab-writer.js';
import { CACHE_DIR, ContentCache, type FileStamp } from '../workspace/cache.js';
import { settledBefore } from '../workspace/stamp.js';
import type { Dependencies } from './context.js';
import type { Counts, Packed } from './packed.js';

/** What a cache line says about a file besides its diagnostics. */
interface StoredMeta {
  /** The document's kind. */
  k: string;
  /** Counts of the packed diagnostics (see Counts). */
  c: Counts;
  /** Task number, when the document is a task. */
  n?: number;
  /** Probed paths (relative to the workspace root) -> existed (1/0). */
  p?: Record<string, 0 | 1>;
  /** Issue numbers asked -> known (1/0), or 'all' with `h` the hash of the whole set. */
  i?: Record<string, 0 | 1> | 'all';
  h?: string;
  /** The file's size, mtime and ctime when the hash was confirmed, and when that was. */
  t?: [number, number, number, number];
}

export interface CachedResult {
  packed: Packed;
  kind: string;
  taskNumber?: number;
  deps: Dependencies;
  issuesHash?: string;
}

const FILE = 'lint.jsonl';
const FORMAT = 'specwright-lint-cache-2';

export class LintCache {
  /** key -> [hash, meta JSON, packed diagnostics], as read or as set in this run. */
  private readonly lines = new Map<string, [string, string, Buffer]>();
  private dirty = false;
  private readonly file: string;
  /** Every read of this run happens after this instant. */
  private readonly startedAt = Date.now();

  constructor(
    private readonly root: string,
    private readonly salt: string,
  ) {
    this.file = join(root, CACHE_DIR, FILE);
    // Read as bytes: the packed diagnostics stay slices of this buffer, never decoded unless reported.
    let buf: Buffer;
    try {
      buf = readFileSync(this.file);
    } catch {
      return; // no cache yet
    }
    let at = buf.indexOf(NL);
    if (at < 0 || buf.toString('utf8', 0, at) !== JSON.stringify({ format: FORMAT, salt })) return; // another build or config
    while (at < buf.length) {
      const start = at + 1;
      const found = buf.indexOf(NL, start);
      const end = found < 0 ? buf.length : found;
      at = end;
      const t1 = buf.indexOf(TAB, start);
      const t2 = t1 < 0 ? -1 : buf.indexOf(TAB, t1 + 1);
      const t3 = t2 < 0 ? -1 : buf.indexOf(TAB, t2 + 1);
      if (t3 < 0 || t3 > end) continue;
      try {
        const key = JSON.parse(buf.toString('utf8', start, t1)) as string;
        this.lines.set(key, [
          buf.toString('latin1', t1 + 1, t2),
          buf.toString('utf8', t2 + 1, t3),
          buf.subarray(t3 + 1, end),
        ]);
      } catch {
        // a damaged line is a miss
      }
    }
  }

  /** The entry for these bytes; its diagnostics stay packed (bytes) until a report reads them. */
  get(key: string, hash: string): CachedResult | undefined {
    const line = this.lines.get(key);
    if (!line || line[0] !== hash) return undefined;
    return this.decode(line);
  }

  /**
   * The entry without reading the file, when its size, mtime and ctime are those recorded with the
   * hash (git's index check; ctime catches a tool that restores an old mtime). A stamp taken just
   * after the file changed is not trusted (settledBefore). Returns the recorded hash too.
   */
  getByStamp(key: string, stamp: FileStamp): (CachedResult & { hash: string }) | undefined {
    const line = this.lines.get(key);
    if (!line) return undefined;
    const entry = this.decode(line);
    const t = entry?.stamp;
    if (!entry || !t) return undefined;
    if (t[0] !== stamp.size || t[1] !== stamp.mtimeMs || t[2] !== stamp.ctimeMs) return undefined;
    if (!settledBefore(t[1], t[2], t[3])) return undefined;
    return { ...entry, hash: line[0] };
  }

  private decode(line: [string, string, Buffer]): (CachedResult & { stamp?: StoredMeta['t'] }) | undefined {
    try {
      const meta = JSON.parse(line[1]) as StoredMeta;
      if (!Array.isArray(meta.c) || meta.c.length !== 9) return undefined;
      const probes = new Map<string, boolean>();
      for (const [rel, existed] of Object.entries(meta.p ?? {})) probes.set(this.abs(rel), existed === 1);
      const issues: Dependencies['issues'] =
        meta.i === 'all'
          ? 'all'
          : new Map(Object.entries(meta.i ?? {}).map(([n, k]) => [Number(n), k === 1]));
      const out: CachedResult = {
        packed: { data: line[2], counts: meta.c, crashed: false },
        kind: meta.k,
        deps: { probes, issues },
      };
      if (typeof meta.n === 'number') out.taskNumber = meta.n;
      if (meta.h) out.issuesHash = meta.h;
      return meta.t ? { ...out, stamp: meta.t } : out;
    } catch {
      return undefined; // a damaged entry is a miss
    }
  }

  /** Record a result for these bytes; with `stamp`, a later run may trust the file unread (getByStamp). */
  set(key: string, hash: string, r: CachedResult, stamp?: FileStamp): void {
    const meta: StoredMeta = { k: r.kind, c: r.packed.counts };
    if (stamp) meta.t = [stamp.size, stamp.mtimeMs, stamp.ctimeMs, this.startedAt];
    if (r.taskNumber !== undefined) meta.n = r.taskNumber;
    if (r.deps.probes.size) {
      const p: Record<string, 0 | 1> = {};
      for (const [abs, existed] of r.deps.probes) p[this.rel(abs)] = existed ? 1 : 0;
      meta.p = p;
    }
    if (r.deps.issues === 'all') {
      meta.i = 'all';
      if (r.issuesHash) meta.h = r.issuesHash;
    } else if (r.deps.issues.size) {
      const i: Record<string, 0 | 1> = {};
      for (const [n, known] of r.deps.issues) i[n] = known ? 1 : 0;
      meta.i = i;
    }
    this.lines.set(key, [hash, JSON.stringify(meta), r.packed.data]);
    this.dirty = true;
  }

  /** Whether there is an entry for this file at all (else a run need not read it before linting it). */
  has(key: string): boolean {
    return this.lines.has(key);
  }

  /** Keys of every entry, so that a partial run keeps the entries of files it did not look at. */
  keys(): string[] {
    return [...this.lines.keys()];
  }

  /** Drop entries not in `keep`, then write if anything changed. Never throws. */
  save(keep: ReadonlySet<string>): void {
    for (const key of this.lines.keys()) {
      if (!keep.has(key)) {
        this.lines.delete(key);
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    const lines = this.lines;
    const salt = this.salt;
    function* pieces(): Generator<string | Uint8Array> {
      yield `${JSON.stringify({ format: FORMAT, salt })}\n`;
      for (const [key, [hash, meta, data]] of lines) {
        yield `${JSON.stringify(key)}\t${hash}\t${meta}\t`;
        yield data;
        yield '\n';
      }
    }
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writePiecesAtomic(this.file, pieces());
      this.dirty = false;
    } catch {
      // A read-only checkout still works, just without a warm cache.
    }
  }

  private rel(abs: string): string {
    const r = relative(this.root, abs);
    return isAbsolute(r) ? abs : r.split(sep).join('/');
  }

  private abs(rel: string): string {
    return isAbsolute(rel) ? rel : join(this.root, rel);
  }
}

const NL = 0x0a;
const TAB = 0x09;

/**
 * Like writeFileAtomic (temp file in the same folder, fsync, rename), but from pieces written in
 * batches, so that a cache of tens of megabytes is never one string in memory.
 */
function writePiecesAtomic(path: string, pieces: Iterable<string | Uint8Array>): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    // One reused megabyte: a new buffer per batch left tens of megabytes for the collector.
    const out = new SlabWriter();
    for (const piece of pieces) {
      if (typeof piece === 'string') out.text(piece);
      else out.bytes(piece);
      if (out.pending >= 1 << 20) {
        writeFully(fd, out.take());
        out.rewind();
      }
    }
    writeFully(fd, out.take());
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** A short stable hash, for salts and for the issue-number set. */
export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 16);
}

/**
 * Task numbers of workspace files that a run did not lint itself (a partial run still needs every
 * task's number to tell a dangling `#12`), keyed by content hash like everything else.
 */
export class TaskNumberCache {
  private readonly store: ContentCache<number | 0>;

  constructor(root: string, salt: string) {
    this.store = new ContentCache<number | 0>(root, 'task-numbers', salt);
  }

  /** The cached number, undefined when the file is known not to be a task, null when not cached. */
  get(key: string, hash: string): number | undefined | null {
    const v = this.store.get(key, hash);
    if (v === undefined) return null;
    return v === 0 ? undefined : v;
  }

  set(key: string, hash: string, n: number | undefined): void {
    this.store.set(key, hash, n ?? 0);
  }

  save(keep: ReadonlySet<string>): void {
    this.store.save(keep);
  }
}
