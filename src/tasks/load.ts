/**
 * Read every spec of the workspace once and extract its tasks: task documents,
 * phase checklists, PRP blueprints. Files are read spec by spec and let go once
 * their tasks are out (10,000 parsed documents held at once cost more in garbage
 * collection than the graph itself). One bad file never stops the others; it is
 * listed in `errors`.
 */
import { dirname } from 'node:path';
import type { SpecDocument } from '../model/types.js';
import { discoverSpecFiles } from '../workspace/discover.js';
import { readSpec, slugOf, toFileError, type Workspace } from '../workspace/workspace.js';
import { DONE_STATES, frontMatterValue } from './doc-facts.js';
import { blueprintTasks } from './extract-blueprint.js';
import { assignOwner, type IssueDraft, issueDraft, type OwnerHints, ownIdOf } from './extract-issue.js';
import { phaseTasks } from './extract-phases.js';
import { buildGraph } from './graph.js';
import type { DoneDecision, Task, TaskGraph } from './types.js';

export function loadTaskGraph(ws: Workspace): TaskGraph {
  const errors: TaskGraph['errors'] = [];
  const files = discoverSpecFiles(ws.root, ws.config.specs, ws.config.ignore);
  const tasks = collectTasks(files, (rel) => {
    try {
      return readSpec(ws, rel);
    } catch (err) {
      errors.push(toFileError(err, rel));
      return undefined;
    }
  });
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
    const docs = group.map(read).filter((d): d is SpecDocument => d !== undefined);
    let main: SpecDocument | undefined;
    for (const doc of docs) {
      if (isTaskDocument(doc)) {
        drafts.push(issueDraft(doc, slug));
        continue;
      }
      let info = specs.get(slug);
      if (!info) {
        info = { slug, dir: dirname(doc.path), files: new Set() };
        specs.set(slug, info);
      }
      info.files.add(doc.path);
      if (!main || rank(doc.path) < rank(main.path)) main = doc;
    }
    const info = specs.get(slug);
    if (info && main) info.dir = dirname(main.path);
    for (const doc of docs) {
      if (isTaskDocument(doc)) continue;
      const specDone = specDoneOf(doc, main);
      const taskList = /(?:^|\/)tasks\.md$/i.test(doc.path);
      tasks.push(...phaseTasks({ doc, spec: slug, taskList, ...optional('specDone', specDone) }));
      tasks.push(...blueprintTasks({ doc, spec: slug, ...optional('specDone', specDone) }));
    }
  }
  for (const draft of drafts) tasks.push(assignOwner(draft, ownerOf(draft.hints, draft.slug, specs)));
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

/** Whether the spec a phase list or blueprint belongs to is done: its own status, else its main document's. */
function specDoneOf(doc: SpecDocument, main: SpecDocument | undefined): DoneDecision | undefined {
  for (const d of [doc, main]) {
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
