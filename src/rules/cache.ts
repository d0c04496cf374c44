/**
 * The lint cache: per file, the diagnostics computed from exactly these bytes under exactly
 * this rule configuration, plus what the rules asked beyond the bytes (paths probed, issue
 * numbers looked up). A hit is served only when the content hash matches, the salt (build,
 * rules, config, templates) matches, and every recorded answer is still the same.
 *
 * `.specwright/cache/lint.jsonl` holds a header line, then one line per file:
 * `"<path>"\t<content hash>\t<entry JSON>`. A warm run decodes only the entries whose hash
 * matches, and a run that changes a few files rewrites the other lines as they were read.
 * Derived and disposable, like every cache here: delete it at any time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { writeFileAtomic } from '../edit/atomic.js';
import type { Severity } from '../model/types.js';
import { CACHE_DIR, ContentCache } from '../workspace/cache.js';
import type { Dependencies } from './context.js';
import type { Fix, LintDiagnostic } from './types.js';

/** [start, end, text] */
type StoredEdit = [number, number, string];
/**
 * [rule, messageId, severity, message, so, sl, sc, eo, el, ec, note, fix]: rule, messageId and
 * note are indexes into the entry's string table (`s`), note -1 when absent.
 */
type StoredDiagnostic = [
  number,
  number,
  0 | 1 | 2,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  { e: StoredEdit[]; s: boolean; d: string }?,
];

interface StoredEntry {
  /** Strings the diagnostics share (rule ids, message ids, notes). */
  s: string[];
  d: StoredDiagnostic[];
  /** The document's kind. */
  k: string;
  /** Task number, when the document is a task. */
  n?: number;
  /** Probed paths (relative to the workspace root) -> existed (1/0). */
  p?: Record<string, 0 | 1>;
  /** Issue numbers asked -> known (1/0), or 'all' with `h` the hash of the whole set. */
  i?: Record<string, 0 | 1> | 'all';
  h?: string;
}

export interface CachedResult {
  diagnostics: LintDiagnostic[];
  kind: string;
  taskNumber?: number;
  deps: Dependencies;
  issuesHash?: string;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const FILE = 'lint.jsonl';
const FORMAT = 'specwright-lint-cache-1';

export class LintCache {
  /** key -> [hash, entry JSON] as read or as set in this run. */
  private readonly lines = new Map<string, [string, string]>();
  private dirty = false;
  private readonly file: string;

  constructor(
    private readonly root: string,
    private readonly salt: string,
  ) {
    this.file = join(root, CACHE_DIR, FILE);
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return; // no cache yet
    }
    let at = text.indexOf('\n');
    if (at < 0 || text.slice(0, at) !== JSON.stringify({ format: FORMAT, salt })) return; // another build or config
    while (at < text.length) {
      const end = text.indexOf('\n', at + 1);
      const line = text.slice(at + 1, end < 0 ? text.length : end);
      at = end < 0 ? text.length : end;
      const tab1 = line.indexOf('\t');
      const tab2 = line.indexOf('\t', tab1 + 1);
      if (tab1 < 0 || tab2 < 0) continue;
      try {
        this.lines.set(JSON.parse(line.slice(0, tab1)) as string, [
          line.slice(tab1 + 1, tab2),
          line.slice(tab2 + 1),
        ]);
      } catch {
        // a damaged line is a miss
      }
    }
  }

  get(key: string, hash: string): CachedResult | undefined {
    const line = this.lines.get(key);
    if (!line || line[0] !== hash) return undefined;
    try {
      return this.decode(JSON.parse(line[1]) as StoredEntry);
    } catch {
      return undefined; // a damaged entry is a miss
    }
  }

  set(key: string, hash: string, result: CachedResult): void {
    this.lines.set(key, [hash, JSON.stringify(this.encode(result))]);
    this.dirty = true;
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
    const parts = [JSON.stringify({ format: FORMAT, salt: this.salt })];
    for (const [key, [hash, json]] of this.lines) parts.push(`${JSON.stringify(key)}\t${hash}\t${json}`);
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileAtomic(this.file, `${parts.join('\n')}\n`);
      this.dirty = false;
    } catch {
      // A read-only checkout still works, just without a warm cache.
    }
  }

  private encode(r: CachedResult): StoredEntry {
    const strings: string[] = [];
    const index = new Map<string, number>();
    const ref = (s: string): number => {
      let i = index.get(s);
      if (i === undefined) {
        i = strings.push(s) - 1;
        index.set(s, i);
      }
      return i;
    };
    const d = r.diagnostics.map((x): StoredDiagnostic => {
      const { start: s, end: e } = x.range;
      const row: StoredDiagnostic = [
        ref(x.ruleId),
        ref(x.messageId),
        SEVERITIES.indexOf(x.severity) as 0 | 1 | 2,
        x.message,
        s.offset,
        s.line,
        s.column,
        e.offset,
        e.line,
        e.column,
        x.note === undefined ? -1 : ref(x.note),
      ];
      if (x.fix)
        row.push({
          e: x.fix.edits.map((y) => [y.start, y.end, y.text]),
          s: x.fix.safe,
          d: x.fix.description,
        });
      return row;
    });
    const entry: StoredEntry = { s: strings, d, k: r.kind };
    if (r.taskNumber !== undefined) entry.n = r.taskNumber;
    if (r.deps.probes.size) {
      const p: Record<string, 0 | 1> = {};
      for (const [abs, existed] of r.deps.probes) p[this.rel(abs)] = existed ? 1 : 0;
      entry.p = p;
    }
    if (r.deps.issues === 'all') {
      entry.i = 'all';
      if (r.issuesHash) entry.h = r.issuesHash;
    } else if (r.deps.issues.size) {
      const i: Record<string, 0 | 1> = {};
      for (const [n, known] of r.deps.issues) i[n] = known ? 1 : 0;
      entry.i = i;
    }
    return entry;
  }

  private decode(e: StoredEntry): CachedResult {
    const str = e.s;
    const diagnostics = e.d.map((t): LintDiagnostic => {
      const [rule, messageId, sev, message, so, sl, sc, eo, el, ec, note, fix] = t;
      const d: LintDiagnostic = {
        ruleId: str[rule] as string,
        messageId: str[messageId] as string,
        severity: SEVERITIES[sev] as Severity,
        message,
        range: { start: { offset: so, line: sl, column: sc }, end: { offset: eo, line: el, column: ec } },
      };
      if (note >= 0) d.note = str[note] as string;
      if (fix) {
        const f: Fix = {
          edits: fix.e.map(([start, end, text]) => ({ start, end, text })),
          safe: fix.s,
          description: fix.d,
        };
        d.fix = f;
      }
      return d;
    });
    const probes = new Map<string, boolean>();
    for (const [rel, existed] of Object.entries(e.p ?? {})) probes.set(this.abs(rel), existed === 1);
    const issues: Dependencies['issues'] =
      e.i === 'all' ? 'all' : new Map(Object.entries(e.i ?? {}).map(([n, k]) => [Number(n), k === 1]));
    const out: CachedResult = { diagnostics, kind: e.k, deps: { probes, issues } };
    if (typeof e.n === 'number') out.taskNumber = e.n;
    if (e.h) out.issuesHash = e.h;
    return out;
  }

  private rel(abs: string): string {
    const r = relative(this.root, abs);
    return isAbsolute(r) ? abs : r.split(sep).join('/');
  }

  private abs(rel: string): string {
    return isAbsolute(rel) ? rel : join(this.root, rel);
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
