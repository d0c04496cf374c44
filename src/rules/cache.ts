/**
 * The lint cache: per file, the diagnostics computed from exactly these bytes under exactly
 * this rule configuration, plus what the rules asked beyond the bytes (paths probed, issue
 * numbers looked up). A hit is served only when the content hash matches, the salt (build,
 * rules, config, templates) matches, and every recorded answer is still the same.
 *
 * Entries are stored compactly (tuples), since a warm run reads the whole file.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Severity } from '../model/types.js';
import { ContentCache } from '../workspace/cache.js';
import type { Dependencies } from './context.js';
import type { Fix, LintDiagnostic } from './types.js';

/** [start, end, text] */
type StoredEdit = [number, number, string];
/** ruleId, messageId, severity, message, [so, sl, sc, eo, el, ec], note, fix */
type StoredDiagnostic = [
  string,
  string,
  0 | 1 | 2,
  string,
  [number, number, number, number, number, number],
  (string | null)?,
  ({ e: StoredEdit[]; s: boolean; d: string } | null)?,
];

export interface StoredEntry {
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

export class LintCache {
  private readonly store: ContentCache<StoredEntry>;

  constructor(
    private readonly root: string,
    salt: string,
  ) {
    this.store = new ContentCache<StoredEntry>(root, 'lint', salt);
  }

  get(key: string, hash: string): CachedResult | undefined {
    const e = this.store.get(key, hash);
    if (!e || !Array.isArray(e.d)) return undefined;
    try {
      return this.decode(e);
    } catch {
      return undefined; // a damaged entry is a miss
    }
  }

  set(key: string, hash: string, result: CachedResult): void {
    this.store.set(key, hash, this.encode(result));
  }

  /** Keys of every entry, so that a partial run keeps the entries of files it did not look at. */
  keys(): string[] {
    return this.store.keys();
  }

  save(keep: ReadonlySet<string>): void {
    this.store.save(keep);
  }

  private encode(r: CachedResult): StoredEntry {
    const entry: StoredEntry = { d: r.diagnostics.map(encodeDiagnostic), k: r.kind };
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
    const probes = new Map<string, boolean>();
    for (const [rel, existed] of Object.entries(e.p ?? {})) probes.set(this.abs(rel), existed === 1);
    const issues: Dependencies['issues'] =
      e.i === 'all' ? 'all' : new Map(Object.entries(e.i ?? {}).map(([n, k]) => [Number(n), k === 1]));
    const out: CachedResult = { diagnostics: e.d.map(decodeDiagnostic), kind: e.k, deps: { probes, issues } };
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

function encodeDiagnostic(d: LintDiagnostic): StoredDiagnostic {
  const { start: s, end: e } = d.range;
  const out: StoredDiagnostic = [
    d.ruleId,
    d.messageId,
    SEVERITIES.indexOf(d.severity) as 0 | 1 | 2,
    d.message,
    [s.offset, s.line, s.column, e.offset, e.line, e.column],
  ];
  if (d.note !== undefined || d.fix) out.push(d.note ?? null);
  if (d.fix)
    out.push({ e: d.fix.edits.map((x) => [x.start, x.end, x.text]), s: d.fix.safe, d: d.fix.description });
  return out;
}

function decodeDiagnostic(t: StoredDiagnostic): LintDiagnostic {
  const [ruleId, messageId, sev, message, [so, sl, sc, eo, el, ec], note, fix] = t;
  const d: LintDiagnostic = {
    ruleId,
    messageId,
    severity: SEVERITIES[sev] as Severity,
    message,
    range: { start: { offset: so, line: sl, column: sc }, end: { offset: eo, line: el, column: ec } },
  };
  if (typeof note === 'string') d.note = note;
  if (fix) {
    const f: Fix = {
      edits: fix.e.map(([start, end, text]) => ({ start, end, text })),
      safe: fix.s,
      description: fix.d,
    };
    d.fix = f;
  }
  return d;
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

  get(key: string, hash: string): number | undefined | null {
    const v = this.store.get(key, hash);
    if (v === undefined) return null; // not cached
    return v === 0 ? undefined : v;
  }

  set(key: string, hash: string, n: number | undefined): void {
    this.store.set(key, hash, n ?? 0);
  }

  save(keep: ReadonlySet<string>): void {
    this.store.save(keep);
  }
}
