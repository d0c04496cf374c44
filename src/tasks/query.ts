/** Questions asked of a built graph: which tasks match, and what can be done next. */
import { SpecwrightError } from '../errors.js';
import { compareIds } from './ids.js';
import type { ResolvedTask, TaskGraph } from './types.js';

export type StatusFilter = 'open' | 'done' | 'blocked' | 'ready';
export const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'done', 'blocked', 'ready'];

export interface TaskFilter {
  /** A spec slug, or the workspace-relative path of one of its files. */
  spec?: string;
  status?: StatusFilter;
}

/** The tasks a spec filter selects; throws a user error naming near matches when it selects none. */
export function selectSpec(graph: TaskGraph, spec: string | undefined): ResolvedTask[] {
  if (!spec) return graph.tasks;
  const q = spec.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/$/, '');
  const hits = graph.tasks.filter(
    (t) =>
      t.spec === q ||
      t.file === q ||
      t.file.startsWith(`${q}/`) ||
      t.alsoAt.some((a) => a.file === q) ||
      t.id === q,
  );
  if (hits.length) return hits;
  const specs = [...new Set(graph.tasks.map((t) => t.spec))];
  const near = specs.filter((s) => s.includes(q) || q.includes(s)).slice(0, 3);
  throw new SpecwrightError(
    `no tasks for spec "${spec}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`,
    undefined,
    undefined,
    'usage',
  );
}

export function filterTasks(graph: TaskGraph, filter: TaskFilter): ResolvedTask[] {
  const tasks = selectSpec(graph, filter.spec);
  const status = filter.status;
  if (!status) return tasks;
  return tasks.filter((t) => (status === 'open' ? t.state !== 'done' : t.state === status));
}

/** Unphased tasks come after every numbered phase; unstated priority sits between medium and low. */
const NO_PHASE = Number.POSITIVE_INFINITY;
const NO_PRIORITY = 2.5;

/** Ready tasks (every dependency done), by phase, then priority, then id. */
export function nextTasks(graph: TaskGraph, opts: { spec?: string; limit?: number } = {}): ResolvedTask[] {
  const ready = selectSpec(graph, opts.spec).filter((t) => t.state === 'ready');
  ready.sort(compareForNext);
  return opts.limit !== undefined ? ready.slice(0, opts.limit) : ready;
}

export function compareForNext(a: ResolvedTask, b: ResolvedTask): number {
  return (
    (a.phase?.number ?? NO_PHASE) - (b.phase?.number ?? NO_PHASE) ||
    (a.priority ?? NO_PRIORITY) - (b.priority ?? NO_PRIORITY) ||
    compareIds(a.id, b.id)
  );
}
