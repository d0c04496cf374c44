/**
 * Evidence: every run is kept as `.specwright/runs/<slug>/<timestamp>.json` in
 * the workspace, named so that names sort in time order (the newest run is the
 * last name, read without opening the others).
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../edit/atomic.js';
import type { RunRecord } from './types.js';

export const RUNS_DIR = join('.specwright', 'runs');

/** A slug as a folder name: path separators and odd characters replaced. */
export function runsDirName(slug: string): string {
  const safe = slug
    .replace(/[^A-Za-z0-9._-]+|\.{2,}/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '');
  return safe || 'spec';
}

export function runsDir(root: string, slug: string): string {
  return join(root, RUNS_DIR, runsDirName(slug));
}

/** `2026-03-04T05:06:07.089Z` -> `2026-03-04T05-06-07.089Z`: sortable and valid on every file system. */
export function fileStamp(iso: string): string {
  return iso.replace(/:/g, '-');
}

const RUN_FILE = /^\d{4}-\d{2}-\d{2}T[\d.-]+Z(?:~\d+)?\.json$/;

/** Write the run; returns the file's absolute path. Never overwrites an earlier run. */
export function writeRun(root: string, run: RunRecord): string {
  const dir = runsDir(root, run.slug);
  mkdirSync(dir, { recursive: true });
  const existing = new Set(readdirSync(dir));
  const stamp = fileStamp(run.startedAt);
  let name = `${stamp}.json`;
  // Two runs in the same millisecond: `~n` sorts after `.json`, so order still follows names.
  for (let n = 1; existing.has(name); n++) name = `${stamp}~${n}.json`;
  const path = join(dir, name);
  writeFileAtomic(path, `${JSON.stringify(run, null, 2)}\n`);
  return path;
}

/** Run file names of a slug, newest first (empty when it never ran). */
export function runFiles(root: string, slug: string): string[] {
  let names: string[];
  try {
    names = readdirSync(runsDir(root, slug));
  } catch {
    return [];
  }
  return names
    .filter((n) => RUN_FILE.test(n))
    .sort()
    .reverse()
    .map((n) => join(runsDir(root, slug), n));
}

/** Read one run file; null when it is not a run record (damaged, from a future schema, not JSON). */
export function readRun(path: string): RunRecord | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<RunRecord>;
    if (value.schemaVersion !== 1 || typeof value.startedAt !== 'string' || typeof value.passed !== 'boolean')
      return null;
    if (!Array.isArray(value.results)) return null;
    return value as RunRecord;
  } catch {
    return null;
  }
}
