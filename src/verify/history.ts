/**
 * Past runs of a spec, and the one-line verdict `show` and `list` report: the
 * last run's outcome and whether it still speaks for HEAD. Cheap by design:
 * the last run is one directory read and one file read, and the caller asks git
 * for HEAD once for all specs.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RUNS_DIR, readRun, runFiles, runsDirName } from './evidence.js';
import { findRepoRoot, headCommit } from './repo.js';
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

/**
 * `lastRun` for many specs at once (`list --json`): one directory listing of
 * `.specwright/runs/`, one file read per spec that has runs, and one
 * `git rev-parse HEAD` in all, only when some spec has runs.
 */
export function lastRunsFor(root: string, slugs: readonly string[]): Map<string, LastRunJson | null> {
  let dirs: Set<string>;
  try {
    dirs = new Set(readdirSync(join(root, RUNS_DIR)));
  } catch {
    dirs = new Set();
  }
  const found = new Map<string, RunRecord>();
  for (const slug of slugs) {
    if (!dirs.has(runsDirName(slug))) continue;
    const last = lastRun(root, slug);
    if (last) found.set(slug, last.run);
  }
  const head = found.size ? headCommit(findRepoRoot(root)) : null;
  const out = new Map<string, LastRunJson | null>();
  for (const slug of slugs) {
    const run = found.get(slug);
    out.set(slug, run ? lastRunJson(run, head) : null);
  }
  return out;
}
