/**
 * The lint engine: runs the rules over documents, resolves severities from config,
 * applies disable comments, isolates crashing rules, applies fixes, and caches results
 * by content hash. Rules only report findings; everything else happens here.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertUnchanged, contentHash } from '../edit/apply.js';
import { writeFileAtomic } from '../edit/atomic.js';
import { decodeSpec } from '../model/encoding.js';
import { withComputed } from '../model/lazy.js';
import { parseSpec } from '../model/parse.js';
import type { KindOrUnknown } from '../model/types.js';
import { guessTaskNumber, taskNumberOf } from '../tasks/number.js';
import { ContentCache, type FileStamp } from '../workspace/cache.js';
import { type FileError, toFileError, type Workspace } from '../workspace/workspace.js';
import { RULES } from './all.js';
import { Analyser, type Analysis, type FileOutcome, plainStamp, readError } from './analyser.js';
import { LintCache, shortHash, TaskNumberCache } from './cache.js';
import { dependenciesHold } from './context.js';
import { fixLoop, unifiedDiff } from './fix.js';
import { ENGINE_RULES } from './meta.js';
import { type Counts, EMPTY_PACKED, unpack } from './packed.js';
import { lintInParallel, lintWorkerCount } from './parallel.js';
import type { SeverityName } from './severity.js';
import { expandTargets, type Target, workspaceFiles } from './targets.js';
import type { LintDiagnostic, Rule, RuleMeta } from './types.js';

export { lintDocument, sortDiagnostics } from './lint-document.js';

export interface LintOptions {
  /** Severity overrides by rule id (the CLI's `--rule`); they win over config. Unknown ids throw. */
  rules?: Record<string, SeverityName>;
  /** Read and write `.specwright/cache/lint.jsonl` (default true). */
  cache?: boolean;
  /** Report errors only: warnings and infos are dropped (and their fixes not applied). */
  quiet?: boolean;
  /** Apply the safe fixes and write the files. */
  fix?: boolean;
  /** Compute the fixes and their diff; write nothing. */
  fixDryRun?: boolean;
  /** With fix/fixDryRun: apply unsafe fixes too. */
  unsafe?: boolean;
  /** The rules to run (default: every built-in rule). */
  ruleSet?: readonly Rule[];
}

export interface FileFix {
  /** Fixes applied (over all passes). */
  applied: number;
  byRule: Record<string, number>;
  /** True when the file was rewritten. */
  written: boolean;
  /** `fixDryRun`: the unified diff of the change. */
  diff?: string;
  /** `fixDryRun`: the text the diagnostics describe (the file on disk is unchanged). */
  output?: string;
}

export interface FileLintResult {
  /** Display path: relative to the workspace root with `/`, absolute outside it. */
  path: string;
  absPath: string;
  kind?: KindOrUnknown;
  /**
   * Sorted by position. Results are kept packed (one string per file) and unpacked on each read
   * of this property, so that a run over many files stays small: read it once per use.
   */
  readonly diagnostics: LintDiagnostic[];
  /** Counts of `diagnostics` by severity, without unpacking them. */
  counts: { error: number; warning: number; info: number };
  /**
   * The same diagnostics as packed.ts keeps them (all severities; `errorsOnly` under --quiet), for
   * a report that copies them out without unpacking (PackedRows).
   */
  packed?: { data: Uint8Array; errorsOnly: boolean };
  /** The file could not be read or decoded: one error, no diagnostics. */
  error?: FileError;
  fix?: FileFix;
}

export interface LintRun {
  files: FileLintResult[];
  /** Error diagnostics plus files that could not be read. */
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** Reported diagnostics that `--fix` would fix. */
  fixableCount: number;
  /** Fixes applied (or, for a dry run, that would be applied). */
  fixedCount: number;
  /** Files named explicitly but excluded by `ignore`. */
  ignored: string[];
  root: string;
  repoRoot: string;
  /** Every rule that could have reported, the engine's pseudo-rules included (for SARIF and docs links). */
  rules: readonly RuleMeta[];
  /** Files served from the cache. */
  cacheHits: number;
  /** Files whose bytes were read (the others were trusted by size and times, see docs/check.md). */
  filesRead: number;
}

/** Per-file state through the run. */
interface Work {
  target: Target;
  /** Hash of the bytes on disk that `result` describes (undefined: not on disk, e.g. a dry-run output). */
  hash?: string;
  result?: Analysis;
  /** Computed in this run (cache it), as opposed to served from the cache. */
  fresh: boolean;
  /** The file's size and times when it was read (so a later run may skip reading it). */
  stamp?: FileStamp;
  /** Served from the cache by content, but the stamp changed: record the new stamp. */
  restamp?: boolean;
  /** The text to re-lint when dependencies changed, when it is not the file on disk. */
  text?: string;
  bom?: boolean;
  error?: FileError;
  fix?: FileFix;
}

/** The build the cache entries came from: a rebuilt engine must not serve old diagnostics. */
const BUILD_STAMP = (() => {
  try {
    return String(statSync(fileURLToPath(import.meta.url)).mtimeMs);
  } catch {
    return 'unknown';
  }
})();

/**
 * Lint files of a workspace (default: every spec file; folders expand to their Markdown files).
 * Config errors and paths that do not exist throw SpecwrightError; a file that cannot be read or
 * decoded is one error in its result and the others go on.
 */
export function lintPaths(ws: Workspace, absPaths?: string[], options: LintOptions = {}): LintRun {
  const rules = options.ruleSet ?? RULES;
  const cli = options.rules ?? {};
  const analyser = new Analyser(ws, rules, cli);
  const { probe, issues, repoRoot } = analyser;
  const { targets, ignored } = expandTargets(ws, absPaths);
  const fixing = Boolean(options.fix || options.fixDryRun);
  const quiet = Boolean(options.quiet);
  const unsafe = Boolean(options.unsafe);
  const reported = (d: LintDiagnostic) => !quiet || d.severity === 'error';
  const fixWanted = (d: LintDiagnostic) => reported(d) && d.fix !== undefined && (d.fix.safe || unsafe);
  /** Whether packed diagnostics hold a fix that `fixWanted` would take. */
  const hasWantedFix = (c: Counts) =>
    [0, 1, 2].some(
      (sev) =>
        (!quiet || sev === 0) && ((c[3 + sev] as number) > 0 || (unsafe && (c[6 + sev] as number) > 0)),
    );

  const useCache = options.cache !== false;
  const templatesKey = templatesFingerprint(ws);
  const cache = useCache
    ? new LintCache(
        ws.root,
        shortHash(
          [
            'lint-1',
            BUILD_STAMP,
            rulesFingerprint(rules),
            analyser.resolver.fingerprint(),
            templatesKey,
            ws.root,
            repoRoot,
          ].join('\n'),
        ),
      )
    : undefined;

  /** The issue numbers this run finds: configured ones, and the numbers of the task documents it lints or reads. */
  const found = new Set<number>(ws.config.issues);
  const noted = new Set<string>();
  const note = (path: string, n: number | undefined) => {
    noted.add(path);
    if (n !== undefined) found.add(n);
  };

  // Pass 1a: every file once, served from the cache or queued for linting.
  let cacheHits = 0;
  let filesRead = 0;
  const works: Work[] = targets.map((target) => ({ target, fresh: false }));
  /** Read, with no usable cache entry: linted on this thread (and fixed, when fixing). */
  const readHere: Array<{ index: number; bytes: Uint8Array; hash: string }> = [];
  /** No usable cache entry and not read yet: linted below, on several threads when many. */
  const pending: Array<[number, Target]> = [];
  works.forEach((w, index) => {
    const { target } = w;
    let bytes: Uint8Array;
    try {
      w.stamp = plainStamp(statSync(target.absPath));
      // Unchanged size and times: served without reading the file (see LintCache.getByStamp).
      const quick = cache?.getByStamp(target.path, w.stamp);
      if (quick && !(fixing && hasWantedFix(quick.packed.counts))) {
        cacheHits++;
        w.result = quick;
        w.hash = quick.hash;
        note(target.path, quick.taskNumber);
        return;
      }
      if (!fixing && !cache?.has(target.path)) {
        pending.push([index, target]);
        return;
      }
      bytes = readFileSync(target.absPath);
      filesRead++;
    } catch (err) {
      w.error = readError(err, target.path);
      return;
    }
    const hash = ContentCache.hash(bytes);
    const hit = cache?.get(target.path, hash);
    if (hit && !(fixing && hasWantedFix(hit.packed.counts))) {
      cacheHits++;
      w.result = hit;
      w.hash = hash;
      w.restamp = true;
      note(target.path, hit.taskNumber);
      return;
    }
    readHere.push({ index, bytes, hash });
  });

  // Pass 1b: rules see one issue set for the whole of pass 1, whichever file comes first and
  // whichever thread lints it: the numbers known so far plus a guess at those of the files still
  // to lint. Pass 2 re-lints only what asked about a number the guess got wrong.
  const guessed = new Set(found);
  for (const { index, bytes } of readHere) addGuess(guessed, (works[index] as Work).target.path, bytes);
  for (const [, target] of pending) addGuess(guessed, target.path, readHead(target.absPath));
  replaceContents(analyser.issues, guessed);

  // Pass 1c: lint.
  for (const { index, bytes, hash } of readHere) {
    const w = works[index] as Work;
    try {
      const decoded = decodeSpec(bytes, w.target.path);
      w.bom = decoded.bom;
      if (fixing) fixFile(w, bytes, decoded.text);
      else {
        w.result = analyser.analyse(w.target, decoded.text, decoded.bom);
        w.hash = hash;
        w.fresh = true;
      }
      note(w.target.path, w.result?.taskNumber);
    } catch (err) {
      w.error = toFileError(err, w.target.path);
    }
  }
  const collect = (index: number, outcome: FileOutcome) => {
    const w = works[index] as Work;
    if ('error' in outcome) {
      w.error = outcome.error;
      return;
    }
    filesRead++;
    w.result = outcome.result;
    w.hash = outcome.hash;
    w.stamp = outcome.stamp;
    w.bom = outcome.bom;
    w.fresh = true;
    note(w.target.path, outcome.result.taskNumber);
  };
  const workers = options.ruleSet ? 0 : lintWorkerCount(pending.length);
  if (workers > 0)
    lintInParallel(
      { root: ws.root, cli, issues: [...guessed] },
      pending,
      workers,
      (target) => analyser.analyseFile(target),
      collect,
    );
  else for (const [index, target] of pending) collect(index, analyser.analyseFile(target));

  function fixFile(w: Work, bytes: Uint8Array, original: string): void {
    const bom = Boolean(w.bom);
    const { outcome, last } = fixLoop(original, (text) => analyser.lintText(w.target, text, bom), fixWanted);
    w.result = analyser.pack(last);
    w.fresh = true;
    if (outcome.applied === 0) {
      w.hash = ContentCache.hash(bytes);
      return;
    }
    w.fix = { applied: outcome.applied, byRule: outcome.byRule, written: false };
    w.text = outcome.output;
    if (options.fixDryRun) {
      w.fix.diff = unifiedDiff(w.target.path, original, outcome.output);
      w.fix.output = outcome.output;
      return; // w.hash stays undefined: the result describes text that is not on disk
    }
    const out = Buffer.from((bom ? '\uFEFF' : '') + outcome.output, 'utf8');
    try {
      assertUnchanged(w.target.path, contentHash(bytes), readFileSync(w.target.absPath));
      writeFileAtomic(w.target.absPath, out);
    } catch (err) {
      // Nothing written: report the file as it is on disk, and why it was not fixed.
      w.error = toFileError(err, w.target.path);
      w.fix = undefined;
      w.text = undefined;
      w.result = analyser.analyse(w.target, original, bom);
      w.hash = ContentCache.hash(bytes);
      return;
    }
    w.fix.written = true;
    w.hash = ContentCache.hash(out);
    w.stamp = undefined; // the stamp of the file before the write
  }

  // Pass 2: answers a result depended on may have changed (a file appeared, a task was added
  // later in this run or since the cache entry was written): re-lint those files.
  const asksIssues = works.some(
    (w) => w.result && (w.result.deps.issues === 'all' || w.result.deps.issues.size > 0),
  );
  if (asksIssues && absPaths) completeIssueNumbers(ws, noted, note, useCache, templatesKey);
  const guessedRight = sameMembers(guessed, found);
  replaceContents(issues, found);
  let setHash: string | undefined;
  const issuesHash = () => {
    setHash ??= shortHash([...issues].sort((a, b) => a - b).join(','));
    return setHash;
  };
  for (const w of works) {
    const r = w.result as Analysis | undefined;
    if (!r) continue;
    const holds =
      w.fresh && r.deps.issues === 'all'
        ? guessedRight
        : dependenciesHold(
            {
              probes: r.deps.probes,
              issues: r.deps.issues,
              ...(r.issuesHash ? { issuesHash: r.issuesHash } : {}),
            },
            probe,
            issues,
            issuesHash,
          );
    if (holds) continue;
    try {
      let text = w.text;
      let bom = Boolean(w.bom);
      if (text === undefined) {
        const bytes = readFileSync(w.target.absPath);
        const decoded = decodeSpec(bytes, w.target.path);
        text = decoded.text;
        bom = decoded.bom;
        w.hash = ContentCache.hash(bytes);
      }
      if (!w.fresh) cacheHits--;
      w.result = analyser.analyse(w.target, text, bom);
      w.fresh = true;
    } catch (err) {
      w.error = toFileError(err, w.target.path);
      w.result = undefined;
    }
  }

  if (cache) {
    for (const w of works) {
      const r = w.result;
      if (!(w.fresh || w.restamp) || !r || w.hash === undefined || w.error) continue;
      if (r.packed.crashed) continue; // a crash may be transient
      cache.set(
        w.target.path,
        w.hash,
        r.deps.issues === 'all' ? { ...r, issuesHash: issuesHash() } : r,
        w.stamp,
      );
    }
    cache.save(
      absPaths
        ? new Set([...cache.keys(), ...targets.map((t) => t.path)])
        : new Set(targets.map((t) => t.path)),
    );
  }

  return summarize(works, {
    ignored,
    root: ws.root,
    repoRoot,
    rules: [...rules.map((r) => r.meta), ...ENGINE_RULES],
    cacheHits,
    filesRead,
    quiet,
    unsafe,
  });
}

/** Task numbers of the workspace files a partial run did not lint, from their own small cache. */
function completeIssueNumbers(
  ws: Workspace,
  noted: ReadonlySet<string>,
  note: (path: string, n: number | undefined) => void,
  useCache: boolean,
  templatesKey: string,
): void {
  const files = workspaceFiles(ws);
  const cache = useCache
    ? new TaskNumberCache(ws.root, shortHash(`tasks-1\n${BUILD_STAMP}\n${templatesKey}`))
    : undefined;
  for (const rel of files) {
    if (noted.has(rel)) continue;
    const abs = join(ws.root, rel);
    try {
      const bytes = readFileSync(abs);
      const hash = ContentCache.hash(bytes);
      const cached = cache ? cache.get(rel, hash) : null;
      if (cached !== null) {
        note(rel, cached); // a number, or undefined: known not to be a task
        continue;
      }
      const decoded = decodeSpec(bytes, rel);
      const doc = parseSpec(decoded.text, rel, {
        bom: decoded.bom,
        templateLines: (kind) => (kind === 'unknown' ? undefined : ws.templates.get(kind)?.templateLines),
      });
      const n = doc.kind.kind === 'task' ? taskNumberOf(doc) : undefined;
      cache?.set(rel, hash, n);
      note(rel, n);
    } catch {
      // An unreadable file holds no task number; linting it reports the problem.
    }
  }
  cache?.save(new Set(files));
}

/** Bytes enough for any task document's front matter, in the common case. */
const HEAD_BYTES = 4096;
const headBuffer = Buffer.alloc(HEAD_BYTES);

/** The first HEAD_BYTES of a file ('' when it cannot be read: linting it will report why). */
function readHead(absPath: string): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(absPath, 'r');
    return headBuffer.subarray(0, readSync(fd, headBuffer, 0, HEAD_BYTES, 0));
  } catch {
    return headBuffer.subarray(0, 0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function addGuess(into: Set<number>, path: string, bytes: Uint8Array): void {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, HEAD_BYTES));
  const n = guessTaskNumber(path, head.toString('utf8'));
  if (n !== undefined) into.add(n);
}

function replaceContents(set: Set<number>, members: ReadonlySet<number>): void {
  set.clear();
  for (const n of members) set.add(n);
}

function sameMembers(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  if (a.size !== b.size) return false;
  for (const n of a) if (!b.has(n)) return false;
  return true;
}

function summarize(
  works: Work[],
  extra: Pick<LintRun, 'ignored' | 'root' | 'repoRoot' | 'rules' | 'cacheHits' | 'filesRead'> & {
    quiet: boolean;
    unsafe: boolean;
  },
): LintRun {
  const run: LintRun = {
    files: [],
    errorCount: 0,
    warningCount: 0,
    infoCount: 0,
    fixableCount: 0,
    fixedCount: 0,
    ignored: extra.ignored,
    root: extra.root,
    repoRoot: extra.repoRoot,
    rules: extra.rules,
    cacheHits: extra.cacheHits,
    filesRead: extra.filesRead,
  };
  const reported = extra.quiet ? (d: LintDiagnostic) => d.severity === 'error' : undefined;
  for (const w of works) {
    const packed = w.result?.packed ?? EMPTY_PACKED;
    const c = packed.counts;
    const counts = { error: c[0], warning: extra.quiet ? 0 : c[1], info: extra.quiet ? 0 : c[2] };
    // Unpacked on each read and never kept: a report over 10,000 files holds them packed.
    const file = withComputed(
      {
        path: w.target.path,
        absPath: w.target.absPath,
        counts,
        packed: { data: packed.data, errorsOnly: extra.quiet === true },
      } as Omit<FileLintResult, 'diagnostics'>,
      {
        diagnostics: () => {
          if (packed === EMPTY_PACKED) return [];
          const all = unpack(packed.data);
          return reported ? all.filter(reported) : all;
        },
      },
    ) as FileLintResult;
    if (w.result) file.kind = w.result.kind as KindOrUnknown;
    if (w.error) {
      file.error = w.error;
      run.errorCount++;
    }
    if (w.fix) {
      file.fix = w.fix;
      run.fixedCount += w.fix.applied;
    }
    run.errorCount += counts.error;
    run.warningCount += counts.warning;
    run.infoCount += counts.info;
    for (let sev = 0; sev < 3; sev++) {
      if (extra.quiet && sev > 0) continue;
      run.fixableCount += (c[3 + sev] as number) + (extra.unsafe ? (c[6 + sev] as number) : 0);
    }
    run.files.push(file);
  }
  return run;
}

const ruleFingerprints = new WeakMap<readonly Rule[], string>();

/**
 * Changes when a rule's metadata or its check function changes (a rule edited without a rebuild;
 * helpers of a rule are covered by the build stamp).
 */
function rulesFingerprint(rules: readonly Rule[]): string {
  let fp = ruleFingerprints.get(rules);
  if (!fp) {
    fp = shortHash(rules.map((r) => `${JSON.stringify(r.meta)}\n${r.check.toString()}`).join('\n\n'));
    ruleFingerprints.set(rules, fp);
  }
  return fp;
}

/** Changes when a template (built-in or the user's) changes: rules read their schema and hints. */
function templatesFingerprint(ws: Workspace): string {
  return shortHash(
    ws.templates
      .list()
      .map(
        (t) =>
          `${t.kind}:${t.source}:${t.dir}:${JSON.stringify(t.schema)}:${JSON.stringify(t.requiredSections)}:${[...t.templateLines].join('\u0000')}`,
      )
      .join('\n'),
  );
}
