/**
 * Read every spec of the workspace once and extract its tasks: task documents,
 * phase checklists, PRP blueprints. Files are read spec by spec and let go once
 * their tasks are out (10,000 parsed documents held at once cost more in garbage
 * collection than the graph itself). One bad file never stops the others; it is
 * listed in `errors`.
 */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SpecDocument } from '../model/types.js';
import { readFileBytes } from '../read-file.js';
import { ContentCache } from '../workspace/cache.js';
import { discoverSpecFiles } from '../workspace/discover.js';
import {
  parseBytes,
  readSpec,
  slugOf,
  templatesSalt,
  toFileError,
  type Workspace,
} from '../workspace/workspace.js';
import { DONE_STATES, frontMatterValue } from './doc-facts.js';
import { blueprintTasks } from './extract-blueprint.js';
import { assignOwner, type IssueDraft, issueDraft, type OwnerHints, ownIdOf } from './extract-issue.js';
import { phaseTasks } from './extract-phases.js';
import { buildGraph } from './graph.js';
import type { DoneDecision, Task, TaskGraph } from './types.js';

export function loadTaskGraph(ws: Workspace): TaskGraph {
  const errors: TaskGraph['errors'] = [];
  const files = discoverSpecFiles(ws.root, ws.config.specs, ws.config.ignore);
  const cache = new ContentCache<CachedTasks>(ws.root, 'tasks', `${CACHE_VERSION}:${templatesSalt(ws)}`);
  const tasks = collectFromFiles(files, (rel) => {
    try {
      return cachedTaskFile(ws, rel, cache);
    } catch (err) {
      errors.push(toFileError(err, rel));
      return undefined;
    }
  });
  cache.save(new Set(files));
  return buildGraph(tasks, errors);
}

/** The graph and the documents it came from (by workspace-relative path), for export and push. */
export function loadTasks(ws: Workspace): { graph: TaskGraph; docs: Map<string, SpecDocument> } {
  const errors: TaskGraph['errors'] = [];
  const docs = new Map<string, SpecDocument>();
  const files = discoverSpecFiles(ws.root, ws.config.specs, ws.config.ignore);
  const tasks = collectTasks(files, (rel) => {
    try {
      const doc = readSpec(ws, rel);
      docs.set(rel, doc);
      return doc;
    } catch (err) {
      errors.push(toFileError(err, rel));
      return undefined;
    }
  });
  return { graph: buildGraph(tasks, errors), docs };
}

/** The tasks of a set of parsed documents (paths relative to one root). */
export function extractTasks(docs: readonly SpecDocument[]): Task[] {
  const byPath = new Map(docs.map((d) => [d.path, d]));
  return collectTasks(
    docs.map((d) => d.path),
    (p) => byPath.get(p),
  );
}

/**
 * Read the files spec by spec (a folder workspace's files together), extract the
 * tasks of each, and settle the spec of each task document once every spec is known.
 */
export function collectTasks(
  paths: readonly string[],
  read: (path: string) => SpecDocument | undefined,
): Task[] {
  return collectFromFiles(paths, (path) => {
    const doc = read(path);
    return doc && documentTaskFile(doc);
  });
}

function collectFromFiles(paths: readonly string[], read: (path: string) => TaskFile | undefined): Task[] {
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const slug = slugOf(p);
    const list = groups.get(slug);
    if (list) list.push(p);
    else groups.set(slug, [p]);
  }
  const specs = new Map<string, SpecInfo>();
  const drafts: IssueDraft[] = [];
  const tasks: Task[] = [];
  for (const [slug, group] of groups) {
    const files = group.map(read).filter((f): f is TaskFile => f !== undefined);
    let main: TaskFile | undefined;
    for (const file of files) {
      if (file.isTask) {
        drafts.push(file.draft(slug));
        continue;
      }
      let info = specs.get(slug);
      if (!info) {
        info = { slug, dir: dirname(file.path), files: new Set() };
        specs.set(slug, info);
      }
      info.files.add(file.path);
      if (!main || rank(file.path) < rank(main.path)) main = file;
    }
    const info = specs.get(slug);
    if (info && main) info.dir = dirname(main.path);
    for (const file of files) {
      // A phase list or blueprint is done with its spec: its own status, else its main document's.
      if (!file.isTask) tasks.push(...file.tasks(slug, file.ownDone ?? main?.ownDone));
    }
  }
  for (const draft of drafts) tasks.push(assignOwner(draft, ownerOf(draft.hints, draft.slug, specs)));
  return tasks;
}

/** One file as task extraction sees it: a parsed document, or what the cache kept of one. */
interface TaskFile {
  path: string;
  isTask: boolean;
  /** What the document says of its own state as a spec. */
  ownDone: DoneDecision | undefined;
  draft(slug: string): IssueDraft;
  /** Its phase and blueprint tasks, for the spec `slug` whose state is `specDone`. */
  tasks(slug: string, specDone: DoneDecision | undefined): Task[];
}

function documentTaskFile(doc: SpecDocument): TaskFile {
  const isTask = isTaskDocument(doc);
  return {
    path: doc.path,
    isTask,
    ownDone: isTask ? undefined : ownDoneOf(doc),
    draft: (slug) => issueDraft(doc, slug),
    tasks(slug, specDone) {
      const taskList = /(?:^|\/)tasks\.md$/i.test(doc.path);
      const done = optional('specDone', specDone);
      return [
        ...phaseTasks({ doc, spec: slug, taskList, ...done }),
        ...blueprintTasks({ doc, spec: slug, ...done }),
      ];
    },
  };
}

/** Bump when what a file contributes to the graph changes shape. */
const CACHE_VERSION = 'tasks-1';

/**
 * What the cache keeps of one file: enough to answer a TaskFile without parsing it. The draft and
 * the tasks are kept as JSON text, a snapshot each run parses afresh (the graph's builders change
 * the objects they are given). The tasks are those for `tasksFor` (spec slug and state); another
 * state parses the file again.
 */
interface CachedTasks {
  isTask: boolean;
  ownDone?: DoneDecision;
  draft?: string;
  tasks?: string;
  tasksFor?: string;
}

/**
 * A workspace file for the task graph, from `.specwright/cache/tasks.json` when its bytes (or its
 * size and times, see ContentCache) are those the entry was made from; else parsed, and recorded.
 */
function cachedTaskFile(ws: Workspace, rel: string, cache: ContentCache<CachedTasks>): TaskFile {
  const abs = join(ws.root, rel);
  const stamp = statSync(abs);
  let entry = cache.getByStamp(rel, stamp);
  let hash: string | undefined;
  let parsed: TaskFile | undefined;
  const parse = (): TaskFile => {
    if (!parsed) {
      const bytes = readFileBytes(abs, rel);
      hash = ContentCache.hash(bytes);
      parsed = documentTaskFile(parseBytes(ws, bytes, rel));
    }
    return parsed;
  };
  if (!entry) {
    const bytes = readFileBytes(abs, rel);
    hash = ContentCache.hash(bytes);
    entry = cache.get(rel, hash);
    if (!entry) {
      parsed = documentTaskFile(parseBytes(ws, bytes, rel));
      entry = { isTask: parsed.isTask, ...optional('ownDone', parsed.ownDone) };
    }
    cache.set(rel, hash, entry, stamp);
  }
  const known = entry;
  const record = () => cache.set(rel, hash ?? (cache.hashOf(rel) as string), known, stamp);
  return {
    path: rel,
    isTask: known.isTask,
    ownDone: known.ownDone,
    draft(slug) {
      // A draft's slug is its file's, which is the cache key's: it never needs another.
      if (known.draft !== undefined) return JSON.parse(known.draft) as IssueDraft;
      const draft = parse().draft(slug);
      known.draft = JSON.stringify(draft);
      record();
      return draft;
    },
    tasks(slug, specDone) {
      const tasksFor = `${slug}\n${JSON.stringify(specDone ?? null)}`;
      if (known.tasks !== undefined && known.tasksFor === tasksFor) return JSON.parse(known.tasks) as Task[];
      const tasks = parse().tasks(slug, specDone);
      known.tasks = JSON.stringify(tasks);
      known.tasksFor = tasksFor;
      record();
      return tasks;
    },
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A task document: the `task` kind, or a document that names itself with a task id and dependencies. */
export function isTaskDocument(doc: SpecDocument): boolean {
  if (doc.kind.kind === 'task') return true;
  const type = frontMatterValue(doc, 'type');
  return typeof type === 'string' && /^task$/i.test(type) && ownIdOf(doc) !== undefined;
}

interface SpecInfo {
  slug: string;
  /** Folder of the spec's main file. */
  dir: string;
  files: Set<string>;
}

const MAIN = ['prd.md', 'spec.md', 'readme.md', 'plan.md', 'design.md', 'tasks.md'];

function rank(path: string): number {
  const i = MAIN.indexOf((path.split('/').pop() ?? '').toLowerCase());
  return i < 0 ? MAIN.length : i;
}

/** Each spec's main document (prd.md, spec.md, the PRP itself), by slug; task documents are not specs. */
export function specDocuments(docs: Iterable<SpecDocument>): Map<string, SpecDocument> {
  const out = new Map<string, SpecDocument>();
  for (const doc of docs) {
    if (isTaskDocument(doc)) continue;
    const slug = slugOf(doc.path);
    const current = out.get(slug);
    if (!current || rank(doc.path) < rank(current.path)) out.set(slug, doc);
  }
  return out;
}

/**
 * The spec a task document belongs to: front matter `spec`/`feature`/`epic`/`parent`,
 * the prefix of its own id (`bundle:T1.2`), a `tasks/` folder inside a spec's folder,
 * a label naming a spec, or a link to one of a spec's files.
 */
function ownerOf(hints: OwnerHints, slug: string, specs: Map<string, SpecInfo>): string | undefined {
  if (hints.named && specs.has(hints.named)) return hints.named;
  if (hints.idPrefix) return hints.idPrefix;
  // Only a folder workspace (`<slug>/spec.md` beside `<slug>/tasks/`) owns a tasks folder.
  const folder = hints.folder ? specs.get(hints.folder.slug) : undefined;
  if (folder && folder.dir === hints.folder?.dir) return folder.slug;
  for (const label of hints.labels) if (label !== slug && specs.has(label)) return label;
  for (const target of hints.links) for (const s of specs.values()) if (s.files.has(target)) return s.slug;
  return undefined;
}

/** What a document's own status says of the spec it belongs to, when it states one. */
function ownDoneOf(doc: SpecDocument): DoneDecision | undefined {
  const st = doc.status;
  if (!st || st.unset || st.state === null) return undefined;
  return {
    done: DONE_STATES.has(st.state),
    rule: 'spec-status',
    detail: st.source === 'folder' ? `in a ${st.raw} folder` : `${doc.path}: status ${st.raw}`,
    file: doc.path,
    line: st.source === 'folder' ? 1 : st.range.start.line,
  };
}
