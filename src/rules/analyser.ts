/**
 * What a run needs to lint one file, set up once per run (and once per worker thread): the
 * rules, the resolved settings, the repository root, the run's existence probe and issue set.
 */
import { readFileSync, statSync } from 'node:fs';
import { decodeSpec } from '../model/encoding.js';
import { parseSpec } from '../model/parse.js';
import type { KindOrUnknown } from '../model/types.js';
import { readFailure } from '../read-file.js';
import { taskNumberOf } from '../tasks/number.js';
import { ContentCache, type FileStamp } from '../workspace/cache.js';
import { type FileError, toFileError, type Workspace } from '../workspace/workspace.js';
import type { CachedResult } from './cache.js';
import { FileProbe, findRepoRoot, newDependencies, RecordingIssueSet, recordingExists } from './context.js';
import { DIRECTIVE_RULE, lintDocument } from './lint-document.js';
import { pack } from './packed.js';
import { parseRuleFlags, type SeverityName, SeverityResolver, validateRuleConfig } from './severity.js';
import type { Target } from './targets.js';
import type { LintDiagnostic, Rule, RuleContext } from './types.js';

/** What one document's lint produced (packed), and what it depended on beyond its bytes. */
export type Analysis = CachedResult;

/** One file read, hashed and linted; or why it could not be. */
export type FileOutcome =
  | { result: Analysis; hash: string; stamp: FileStamp; bom: boolean }
  | { error: FileError; stamp?: FileStamp };

export class Analyser {
  readonly allRules: readonly Rule[];
  readonly resolver: SeverityResolver;
  readonly repoRoot: string;
  readonly probe = new FileProbe();
  /** Issue numbers known so far: config `issues` plus the tasks seen in this run. */
  readonly issues: Set<number>;

  /** Throws SpecwrightError for config that names unknown rules or kinds, and for bad `cli` settings. */
  constructor(
    readonly ws: Workspace,
    readonly rules: readonly Rule[],
    cli: Readonly<Record<string, SeverityName>> = {},
  ) {
    this.allRules = [...rules, DIRECTIVE_RULE];
    const known = new Set(this.allRules.map((r) => r.meta.id));
    validateRuleConfig(ws.config, ws.configPath, known, ws.templates.kinds());
    const flags = parseRuleFlags(
      Object.entries(cli).map(([k, v]) => `${k}=${v}`),
      known,
    );
    this.resolver = new SeverityResolver(ws.config, this.allRules, flags);
    this.repoRoot = findRepoRoot(ws.root);
    this.issues = new Set(ws.config.issues);
  }

  /** Parse and lint one text; the diagnostics as objects (the fix loop needs them). */
  lintText(target: Target, text: string, bom: boolean) {
    const { ws } = this;
    const doc = parseSpec(text, target.path, {
      bom,
      templateLines: (kind) => (kind === 'unknown' ? undefined : ws.templates.get(kind)?.templateLines),
    });
    const kind = doc.kind.kind;
    const deps = newDependencies();
    const ctx: Omit<RuleContext, 'options'> = {
      root: ws.root,
      repoRoot: this.repoRoot,
      absPath: target.absPath,
      template: kind === 'unknown' ? undefined : ws.templates.get(kind),
      templates: ws.templates,
      exists: recordingExists(this.probe, deps),
      issueNumbers: new RecordingIssueSet(this.issues, deps),
    };
    const diagnostics: LintDiagnostic[] = lintDocument(
      doc,
      ctx,
      this.resolver.forFile(target.path, kind),
      this.allRules,
    );
    const taskNumber = kind === 'task' ? taskNumberOf(doc) : undefined;
    return { diagnostics, kind: kind as KindOrUnknown, deps, taskNumber };
  }

  pack(r: ReturnType<Analyser['lintText']>): Analysis {
    const result: Analysis = { packed: pack(r.diagnostics), kind: r.kind, deps: r.deps };
    if (r.taskNumber !== undefined) result.taskNumber = r.taskNumber;
    return result;
  }

  analyse(target: Target, text: string, bom: boolean): Analysis {
    return this.pack(this.lintText(target, text, bom));
  }

  /** Stat, read, hash, decode and lint a file. */
  analyseFile(target: Target): FileOutcome {
    let stamp: FileStamp | undefined;
    let bytes: Uint8Array;
    try {
      stamp = statSync(target.absPath);
      bytes = readFileSync(target.absPath);
    } catch (err) {
      return { error: readError(err, target.path) };
    }
    try {
      const decoded = decodeSpec(bytes, target.path);
      const result = this.analyse(target, decoded.text, decoded.bom);
      return { result, hash: ContentCache.hash(bytes), stamp: plainStamp(stamp), bom: decoded.bom };
    } catch (err) {
      return { error: toFileError(err, target.path), stamp: plainStamp(stamp) };
    }
  }
}

export function readError(err: unknown, path: string): FileError {
  return { path, message: readFailure(err) };
}

/** Size and times only (a Stats object does not cross to another thread). */
export function plainStamp(s: FileStamp): FileStamp {
  return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs };
}
