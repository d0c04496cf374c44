import { readFileSync, type Stats, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSpecwrightError, SpecwrightError } from '../errors.js';
import { decodeSpec } from '../model/encoding.js';
import { parseSpec } from '../model/parse.js';
import type { KindOrUnknown, SpecDocument } from '../model/types.js';
import { inParallel, workerCount } from '../parallel/shares.js';
import { readFileBytes } from '../read-file.js';
import { loadTemplates, type TemplateSet } from '../templates/registry.js';
import { ContentCache } from './cache.js';
import { CONFIG_FILE, type Config, loadConfig } from './config.js';
import { discoverSpecFiles } from './discover.js';
import { type SpecSummary, type SummaryRow, summarize, summaryFromRow, summaryRow } from './summary.js';

export interface Workspace {
  root: string;
  config: Config;
  configPath?: string;
  templates: TemplateSet;
}

/** Bump when the summary shape or the parser's results change, so old cache entries are dropped. */
const CACHE_VERSION = 'list-3';

/** The workspace holding `cwd`: the nearest folder upwards with specwright.config.yaml, else `cwd` itself. */
export function findRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    try {
      if (statSync(join(dir, CONFIG_FILE)).isFile()) return dir;
    } catch {
      // keep looking upwards
    }
    const up = dirname(dir);
    if (up === dir) return resolve(cwd);
    dir = up;
  }
}

export async function loadWorkspace(cwd = process.cwd()): Promise<Workspace> {
  try {
    if (!statSync(cwd).isDirectory()) throw new Error();
  } catch {
    throw new SpecwrightError('not a directory', cwd, undefined, 'usage');
  }
  const root = findRoot(cwd);
  const { config, path } = await loadConfig(root);
  // Only a configured workspace gets a cache folder for its validated inputs: `show` of a loose
  // file must not leave one behind in whatever folder it ran from.
  const templates = await loadTemplates(root, path ? { cacheRoot: root } : {});
  return { root, config, configPath: path, templates };
}

/** Parse one file of the workspace (path absolute or relative to the root). Throws SpecwrightError for unreadable input. */
export function readSpec(ws: Workspace, path: string): SpecDocument {
  const abs = isAbsolute(path) ? path : join(ws.root, path);
  return parseBytes(ws, readFileBytes(abs, path), displayPath(ws, abs));
}

/** Parse the bytes of a workspace file (`path` as shown to users). Throws SpecwrightError for undecodable input. */
export function parseBytes(ws: Workspace, bytes: Uint8Array, path: string): SpecDocument {
  const decoded = decodeSpec(bytes, path);
  return parseSpec(decoded.text, path, {
    bom: decoded.bom,
    templateLines: (kind) => (kind === 'unknown' ? undefined : ws.templates.get(kind)?.templateLines),
  });
}

/** Paths shown to users: relative to the root when inside it, with forward slashes. */
export function displayPath(ws: Workspace, abs: string): string {
  const rel = relative(ws.root, abs);
  if (rel.startsWith('..') || isAbsolute(rel)) return abs;
  return rel.split(sep).join('/');
}

/** Files that are parts of a folder workspace; the folder's name is the spec's slug. */
const PART_FILES = /^(?:prd|tasks|recovery|spec|readme|plan|design)\.md$/i;
const MAIN_ORDER = ['prd.md', 'spec.md', 'readme.md', 'plan.md', 'design.md', 'tasks.md', 'recovery.md'];

export function slugOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const file = path.slice(slash + 1);
  if (slash >= 0 && PART_FILES.test(file)) return path.slice(path.lastIndexOf('/', slash - 1) + 1, slash);
  return file.replace(/\.md$/i, '');
}

export interface SpecEntry extends SpecSummary {
  slug: string;
  /** The other files of a folder workspace (tasks.md, recovery.md), whose checklists count towards progress. */
  parts: string[];
  /** ISO-8601 modification time of the newest file of the spec. */
  updated: string;
  mtimeMs: number;
}

export interface FileError {
  path: string;
  line?: number;
  message: string;
}

export interface SpecList {
  specs: SpecEntry[];
  errors: FileError[];
}

/**
 * Every spec in the workspace, one entry per spec (a folder workspace's files are
 * one spec). Summaries are cached by content hash; one bad file never stops the rest.
 * Files the cache cannot answer are parsed on worker threads too when there are many.
 */
export function listSpecs(ws: Workspace): SpecList {
  const files = discoverSpecFiles(ws.root, ws.config.specs, ws.config.ignore);
  const cache = new ContentCache<SummaryRow>(ws.root, 'summaries', `${CACHE_VERSION}:${templatesSalt(ws)}`);
  const found: Array<{ summary: SpecSummary } | { error: FileError } | undefined> = new Array(files.length);
  const mtimes = new Float64Array(files.length);
  // Stamps of the files the cache could not answer, to record with their new entries.
  const stamps = new Map<number, Stats>();
  const pending: Array<[number, string]> = [];
  files.forEach((rel, i) => {
    try {
      // Concatenated, not joined: discovery gives clean relative paths, and path.join per file shows in a warm run.
      const stamp = statSync(`${ws.root}/${rel}`);
      mtimes[i] = stamp.mtimeMs;
      const row = cache.getByStamp(rel, stamp);
      if (row) found[i] = { summary: summaryFromRow(rel, row) };
      else {
        pending.push([i, rel]);
        stamps.set(i, stamp);
      }
    } catch (err) {
      found[i] = { error: toFileError(err, rel) };
    }
  });
  const here = (rel: string) => summarizeFile(ws, rel, (hash) => cache.hashOf(rel) === hash);
  const collect = (i: number, outcome: SummaryOutcome) => {
    const rel = files[i] as string;
    if ('error' in outcome) {
      found[i] = outcome;
      return;
    }
    const row = outcome.summary ? undefined : cache.get(rel, outcome.hash);
    const summary = outcome.summary ?? (row && summaryFromRow(rel, row));
    if (!summary) {
      found[i] = { error: { path: rel, message: 'internal error: the cache lost a summary' } };
      return;
    }
    cache.set(rel, outcome.hash, row ?? summaryRow(summary), stamps.get(i));
    found[i] = { summary };
  };
  const workers = workerCount(pending.length, MIN_FILES_PER_THREAD, MIN_CORES);
  if (workers > 0) {
    const known: Record<string, string | undefined> = {};
    for (const [, rel] of pending) known[rel] = cache.hashOf(rel);
    const setup: SummaryWorkerSetup = { root: ws.root, known };
    inParallel(new URL('./summary-worker.js', import.meta.url), setup, pending, workers, here, collect);
  } else for (const [i, rel] of pending) collect(i, here(rel));
  cache.save(new Set(files));

  const errors: FileError[] = [];
  const summaries: Dated[] = [];
  found.forEach((outcome, i) => {
    if (!outcome) return;
    if ('error' in outcome) errors.push(outcome.error);
    else summaries.push({ summary: outcome.summary, mtimeMs: mtimes[i] as number });
  });
  return { specs: groupBySlug(summaries), errors };
}

/**
 * Parsing fewer files than this costs less than starting a worker and loading the workspace
 * again: on 2 cores, 1,000 files took 0.84-1.13 s on one thread and 1.16-1.24 s with a worker.
 */
const MIN_FILES_PER_THREAD = 2000;
/**
 * On two cores a summary worker pays a little since the parser got faster: 10,000 files took
 * 3.0-3.3 s on one thread and 2.8-3.0 s with a worker, at 176-195 MB peak instead of 143-151
 * (each thread runs at about two thirds of its speed alone).
 */
const MIN_CORES = 2;

/**
 * A file's summary, or its content hash alone when the cache holds that hash (the summary is
 * then the cache's), or why it failed.
 */
export type SummaryOutcome = { hash: string; summary?: SpecSummary } | { error: FileError };

/** What a summary worker needs: the workspace, and the content hashes the cache holds for its files. */
export interface SummaryWorkerSetup {
  root: string;
  known: Record<string, string | undefined>;
}

/** Summarize one file the stamp check could not answer: read and hash it, and parse it unless `cached(hash)`. */
export function summarizeFile(ws: Workspace, rel: string, cached: (hash: string) => boolean): SummaryOutcome {
  try {
    const bytes = readFileSync(join(ws.root, rel));
    const hash = ContentCache.hash(bytes);
    return cached(hash) ? { hash } : { hash, summary: summarize(parseBytes(ws, bytes, rel)) };
  } catch (err) {
    return { error: toFileError(err, rel) };
  }
}

/** The build the cache entries came from: a rebuilt parser must not serve old summaries. */
const BUILD_STAMP = (() => {
  try {
    return String(statSync(fileURLToPath(new URL('../model/parse.js', import.meta.url))).mtimeMs);
  } catch {
    return 'src'; // running from TypeScript sources (tests): fall back to the version string alone
  }
})();

/** What besides a file's bytes feeds anything derived from its parse: the parser's build and the templates. */
export function templatesSalt(ws: Workspace): string {
  return (
    `${BUILD_STAMP}:` +
    ws.templates
      .list()
      .map((t) => `${t.kind}:${t.source}:${t.templateLines.size}:${t.requiredSections.length}`)
      .join(',')
  );
}

export function toFileError(err: unknown, path: string): FileError {
  if (isSpecwrightError(err))
    return { path: err.file ?? path, ...(err.line ? { line: err.line } : {}), message: err.message };
  return { path, message: `internal error: ${err instanceof Error ? err.message : String(err)}` };
}

/** A file's summary and its modification time. */
interface Dated {
  summary: SpecSummary;
  mtimeMs: number;
}

function groupBySlug(summaries: Dated[]): SpecEntry[] {
  const groups = new Map<string, Dated[]>();
  for (const s of summaries) {
    const path = s.summary.path;
    const slash = path.lastIndexOf('/');
    // Only folder workspaces group; single-file specs are keyed by their own path.
    const key = PART_FILES.test(path.slice(slash + 1)) ? path.slice(0, slash + 1) : path;
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  const entries: SpecEntry[] = [];
  for (const group of groups.values()) {
    if (group.length > 1) group.sort((a, b) => rank(a.summary.path) - rank(b.summary.path));
    const main = (group[0] as Dated).summary;
    const progress = { checked: 0, total: 0 };
    let placeholders = 0;
    let mtimeMs = 0;
    for (const { summary, mtimeMs: m } of group) {
      progress.checked += summary.progress.checked;
      progress.total += summary.progress.total;
      placeholders += summary.placeholders;
      mtimeMs = Math.max(mtimeMs, m);
    }
    const kind: KindOrUnknown =
      main.kind === 'unknown'
        ? (group.find((s) => s.summary.kind !== 'unknown')?.summary.kind ?? 'unknown')
        : main.kind;
    entries.push({
      path: main.path,
      kind,
      title: main.title,
      status: main.status,
      slug: slugOf(main.path),
      parts: group.slice(1).map((s) => s.summary.path),
      progress,
      placeholders,
      updated: new Date(mtimeMs).toISOString(),
      mtimeMs,
    });
  }
  // Code-unit order: deterministic across locales, and much cheaper than localeCompare over 10,000 paths.
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function rank(path: string): number {
  const i = MAIN_ORDER.indexOf(path.slice(path.lastIndexOf('/') + 1).toLowerCase());
  return i < 0 ? MAIN_ORDER.length : i;
}

/** Resolve what a user typed for `show`: a path to any Markdown file, or a slug in the workspace. */
export function resolveSpec(ws: Workspace, specList: SpecList, query: string, cwd: string): string {
  const asPath = resolve(cwd, query);
  try {
    if (statSync(asPath).isFile()) return asPath;
  } catch {
    // not a path: try slugs
  }
  const bySlug = specList.specs.filter((s) => s.slug === query || s.path === query);
  if (bySlug.length === 1) return join(ws.root, (bySlug[0] as SpecEntry).path);
  if (bySlug.length > 1) {
    throw new SpecwrightError(
      `"${query}" is ambiguous: ${bySlug.map((s) => s.path).join(', ')}`,
      undefined,
      undefined,
      'usage',
    );
  }
  const near = specList.specs.filter((s) => s.slug.includes(query)).map((s) => s.slug);
  const hint = near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : '';
  throw new SpecwrightError(`no spec "${query}" in ${ws.root}${hint}`, undefined, undefined, 'usage');
}
