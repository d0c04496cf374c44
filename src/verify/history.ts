/**
 * Past runs of a spec, and the one-line verdict `show` and `list` report: the
 * last run's outcome and whether it still speaks for HEAD. Cheap by design:
 * the last run is one directory read and one file read, and the caller asks git
 * for HEAD once for all specs.
 */
import { readRun, runFiles } from './evidence.js';
import type { RunRecord } from './types.js';

export interface RunEntry {
  path: string;
  run: RunRecord;
}

/** Every readable run of a slug, newest first. */
export function runHistory(root: string, slug: string): RunEntry[] {
  const out: RunEntry[] = [];
  for (const path of runFiles(root, slug)) {
    const run = readRun(path);
    if (run) out.push({ path, run });
  }
  return out;
}

/** The newest readable run of a slug, or null. Reads one file unless the newest is damaged. */
export function lastRun(root: string, slug: string): RunEntry | null {
  for (const path of runFiles(root, slug)) {
    const run = readRun(path);
    if (run) return { path, run };
  }
  return null;
}

/** What `show --json` and `list --json` print as `lastRun` (docs/json-schema.md). */
export interface LastRunJson {
  /** When the run started (ISO-8601). */
  at: string;
  passed: boolean;
  /** Whether every level of the spec ran (not a `--level` subset). */
  complete: boolean;
  commit: string | null;
  dirty: boolean | null;
  /** True when the run was made at the current HEAD. */
  current: boolean;
}

export function lastRunJson(run: RunRecord, head: string | null): LastRunJson {
  return {
    at: run.startedAt,
    passed: run.passed,
    complete: run.complete,
    commit: run.commit,
    dirty: run.dirty,
    current: run.commit !== null && head !== null && run.commit === head,
  };
}
