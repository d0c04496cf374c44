/**
 * Read every spec of the workspace once and extract its tasks: task documents,
 * phase checklists, PRP blueprints. One bad file never stops the others; it is
 * listed in `errors`.
 */
import { dirname, posix } from 'node:path';
import type { SpecDocument } from '../model/types.js';
import { discoverSpecFiles } from '../workspace/discover.js';
import { readSpec, slugOf, toFileError, type Workspace } from '../workspace/workspace.js';
import { DONE_STATES, fieldValue, frontMatterValue, listOf } from './doc-facts.js';
import { blueprintTasks } from './extract-blueprint.js';
import { issueTask, ownIdOf } from './extract-issue.js';
import { phaseTasks } from './extract-phases.js';
import { buildGraph } from './graph.js';
import type { DoneDecision, Task, TaskGraph } from './types.js';

export interface LoadedDocs {
  docs: SpecDocument[];
  errors: TaskGraph['errors'];
}

/** Parse every Markdown file under the spec folders (each once). */
export function readWorkspaceDocs(ws: Workspace): LoadedDocs {
  const files = discoverSpecFiles(ws.root, ws.config.specs, ws.config.ignore);
  const docs: SpecDocument[] = [];
  const errors: TaskGraph['errors'] = [];
  for (const rel of files) {
    try {
      docs.push(readSpec(ws, rel));
    } catch (err) {
      errors.push(toFileError(err, rel));
    }
  }
  return { docs, errors };
}

export function loadTaskGraph(ws: Workspace): TaskGraph {
  return loadTasks(ws).graph;
}

/** The graph and the documents it came from (by workspace-relative path), for export and push. */
export function loadTasks(ws: Workspace): { graph: TaskGraph; docs: Map<string, SpecDocument> } {
  const { docs, errors } = readWorkspaceDocs(ws);
  return { graph: buildGraph(extractTasks(docs), errors), docs: new Map(docs.map((d) => [d.path, d])) };
}

/** Each spec's main document (prd.md, spec.md, the PRP itself), by slug; task documents are not specs. */
export function specDocuments(docs: Iterable<SpecDocument>): Map<string, SpecDocument> {
  const out = new Map<string, SpecDocument>();
  for (const [slug, info] of specIndex([...docs])) if (info.main) out.set(slug, info.main);
  return out;
}

/** The tasks of a set of parsed documents (paths relative to one root). */
export function extractTasks(docs: readonly SpecDocument[]): Task[] {
  const specs = specIndex(docs);
  const tasks: Task[] = [];
  for (const doc of docs) {
    const slug = slugOf(doc.path);
    if (isTaskDocument(doc)) {
      tasks.push(issueTask({ doc, slug, ...optional('owner', ownerOf(doc, slug, specs)) }));
      continue;
    }
    const specDone = specDoneOf(doc, specs.get(slug));
    const taskList = /(?:^|\/)tasks\.md$/i.test(doc.path);
    tasks.push(...phaseTasks({ doc, spec: slug, taskList, ...optional('specDone', specDone) }));
    tasks.push(...blueprintTasks({ doc, spec: slug, ...optional('specDone', specDone) }));
  }
  return tasks;
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
  /** Folder of the spec's files (for a folder workspace), or of its single file. */
  dir: string;
  files: Set<string>;
  /** The spec's main document: prd.md, spec.md, the PRP itself. */
  main?: SpecDocument;
}

const MAIN = ['prd.md', 'spec.md', 'readme.md', 'plan.md', 'design.md', 'tasks.md'];

/** Specs (everything that is not a task document), by slug. */
function specIndex(docs: readonly SpecDocument[]): Map<string, SpecInfo> {
  const specs = new Map<string, SpecInfo>();
  for (const doc of docs) {
    if (isTaskDocument(doc)) continue;
    const slug = slugOf(doc.path);
    let info = specs.get(slug);
    if (!info) {
      info = { slug, dir: dirname(doc.path), files: new Set() };
      specs.set(slug, info);
    }
    info.files.add(doc.path);
    if (!info.main || rank(doc.path) < rank(info.main.path)) info.main = doc;
  }
  return specs;
}

function rank(path: string): number {
  const i = MAIN.indexOf((path.split('/').pop() ?? '').toLowerCase());
  return i < 0 ? MAIN.length : i;
}

/**
 * The spec a task document belongs to: front matter `spec`/`feature`/`epic`/`parent`,
 * the prefix of its own id (`bundle:T1.2`), a `tasks/` folder inside a spec's folder,
 * a label naming a spec, or a link to one of a spec's files.
 */
function ownerOf(doc: SpecDocument, slug: string, specs: Map<string, SpecInfo>): string | undefined {
  const named = fieldValue(doc, 'spec', 'feature', 'epic', 'parent');
  if (named && specs.has(named.trim())) return named.trim();
  const id = ownIdOf(doc);
  if (id?.includes(':')) return id.slice(0, id.indexOf(':'));
  const parts = doc.path.split('/');
  if (parts.length >= 3 && /^(?:tasks|issues|tickets)$/i.test(parts[parts.length - 2] as string)) {
    const dir = parts.slice(0, -2).join('/');
    // Only a folder workspace (`<slug>/spec.md` beside `<slug>/tasks/`) owns a tasks folder.
    const owner = specs.get(parts[parts.length - 3] as string);
    if (owner && owner.dir === dir) return owner.slug;
  }
  for (const label of listOf(frontMatterValue(doc, 'labels') ?? fieldValue(doc, 'labels')))
    if (specs.has(label) && label !== slug) return label;
  const here = dirname(doc.path);
  for (const ref of doc.references) {
    if (ref.kind !== 'link' || /^[a-z]+:/i.test(ref.target)) continue;
    const target = posix.normalize(posix.join(here, ref.target.split('#')[0] as string));
    for (const s of specs.values()) if (s.files.has(target)) return s.slug;
  }
  return undefined;
}

/** Whether the spec a phase list or blueprint belongs to is done: its own status, else its main document's. */
function specDoneOf(doc: SpecDocument, info: SpecInfo | undefined): DoneDecision | undefined {
  for (const d of [doc, info?.main]) {
    const st = d?.status;
    if (!d || !st || st.unset || st.state === null) continue;
    return {
      done: DONE_STATES.has(st.state),
      rule: 'spec-status',
      detail: st.source === 'folder' ? `in a ${st.raw} folder` : `${d.path}: status ${st.raw}`,
      file: d.path,
      line: st.source === 'folder' ? 1 : st.range.start.line,
    };
  }
  return undefined;
}
