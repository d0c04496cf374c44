/** The `--json` contracts of `tasks`, `next` and `graph --format json` (docs/tasks.md). */
import { SCHEMA_VERSION } from '../report/spec-json.js';
import type { Edge, ResolvedTask, TaskGraph } from './types.js';

interface DepJson {
  id: string;
  via: Edge['via'];
  inferred: boolean;
  file: string;
  line: number;
  checked: boolean | null;
  known: boolean;
  done: boolean | null;
}

/** Edges by the task that waits, built once per graph: rendering a task must not scan every edge. */
const edgeIndex = new WeakMap<TaskGraph, Map<string, Edge[]>>();
function edgesInto(graph: TaskGraph): Map<string, Edge[]> {
  let index = edgeIndex.get(graph);
  if (!index) {
    index = new Map();
    for (const e of graph.edges) {
      const list = index.get(e.to);
      if (list) list.push(e);
      else index.set(e.to, [e]);
    }
    edgeIndex.set(graph, index);
  }
  return index;
}

const phaseIndex = new WeakMap<TaskGraph, Map<string, TaskGraph['phases'][number]>>();
function phaseOf(graph: TaskGraph, key: string) {
  let index = phaseIndex.get(graph);
  if (!index) {
    index = new Map(graph.phases.map((p) => [p.key, p]));
    phaseIndex.set(graph, index);
  }
  return index.get(key);
}

export function taskJson(t: ResolvedTask, graph: TaskGraph) {
  const previousPhase = t.phase ? phaseOf(graph, t.phase.key)?.after : undefined;
  const deps: DepJson[] = t.deps.map((d) => {
    const target = graph.byId.get(d.target);
    return {
      id: d.target,
      via: d.via,
      inferred: d.inferred,
      file: d.file,
      line: d.line,
      checked: d.checked ?? null,
      known: target !== undefined,
      done: target ? target.done.done : null,
    };
  });
  // What others say this task waits for ("Blocks: #2" written in #1), and the inferred phase order.
  for (const e of edgesInto(graph).get(t.id) ?? []) {
    if (e.via !== 'blocks' || deps.some((d) => d.id === e.from)) continue;
    deps.push({
      id: e.from,
      via: 'blocks',
      inferred: false,
      file: e.file,
      line: e.line,
      checked: null,
      known: true,
      done: graph.byId.get(e.from)?.done.done ?? null,
    });
  }
  if (previousPhase) {
    const p = phaseOf(graph, previousPhase);
    deps.push({
      id: previousPhase,
      via: 'phase-order',
      inferred: true,
      file: t.file,
      line: t.phase?.line ?? t.line,
      checked: null,
      known: true,
      done: p?.done ?? null,
    });
  }
  return {
    id: t.id,
    key: t.key,
    spec: t.spec,
    title: t.title,
    source: t.source,
    idSource: t.idSource,
    file: t.file,
    line: t.line,
    number: t.number ?? null,
    state: t.state,
    done: t.done.done,
    decidedBy: { rule: t.done.rule, detail: t.done.detail, file: t.done.file, line: t.done.line },
    status: t.status ?? null,
    inProgress: t.inProgress,
    phase: t.phase
      ? { key: t.phase.key, number: t.phase.number, title: t.phase.title, line: t.phase.line }
      : null,
    priority: t.priority !== undefined ? { rank: t.priority, label: t.priorityLabel ?? null } : null,
    labels: t.labels,
    assignees: t.assignees,
    progress: t.progress,
    deps,
    waitingOn: t.waitingOn,
    dependents: t.dependents,
    issue: t.issue ? { number: t.issue.number, url: t.issue.url, closed: t.issue.closed === true } : null,
    alsoAt: t.alsoAt,
    steps: t.steps,
  };
}

function summary(tasks: readonly ResolvedTask[]) {
  const count = (s: string) => tasks.filter((t) => t.state === s).length;
  return { total: tasks.length, done: count('done'), ready: count('ready'), blocked: count('blocked') };
}

function problemsJson(graph: TaskGraph) {
  return graph.problems.map((p) => ({
    severity: p.severity,
    code: p.code,
    message: p.message,
    file: p.file,
    line: p.line,
    ...(p.cycle ? { cycle: p.cycle, edges: p.edges } : {}),
  }));
}

/** `tasks --json`. */
export function tasksJson(graph: TaskGraph, tasks: readonly ResolvedTask[]) {
  const specs = new Set(tasks.map((t) => t.spec));
  return {
    schemaVersion: SCHEMA_VERSION,
    summary: summary(tasks),
    tasks: tasks.map((t) => taskJson(t, graph)),
    phases: graph.phases
      .filter((p) => specs.has(p.spec))
      .map((p) => ({
        key: p.key,
        spec: p.spec,
        number: p.number,
        title: p.title,
        file: p.file,
        line: p.line,
        done: p.done,
        after: p.after ?? null,
        tasks: p.tasks,
      })),
    problems: problemsJson(graph),
    errors: graph.errors,
  };
}

/** `next --json`. */
export function nextJson(graph: TaskGraph, next: readonly ResolvedTask[], scope: readonly ResolvedTask[]) {
  return {
    schemaVersion: SCHEMA_VERSION,
    summary: summary(scope),
    next: next.map((t) => taskJson(t, graph)),
    problems: problemsJson(graph),
    errors: graph.errors,
  };
}

/** `graph --format json`: nodes, phase groups and edges (`from` must be done before `to`). */
export function graphJson(graph: TaskGraph, tasks: readonly ResolvedTask[]) {
  const ids = new Set(tasks.map((t) => t.id));
  const specs = new Set(tasks.map((t) => t.spec));
  const phases = graph.phases.filter((p) => specs.has(p.spec));
  const phaseKeys = new Set(phases.map((p) => p.key));
  const edges = graph.edges.filter(
    (e) => ids.has(e.to) || ids.has(e.from) || (phaseKeys.has(e.from) && phaseKeys.has(e.to)),
  );
  const unknown = [...new Set(edges.filter((e) => e.unknown).map((e) => e.from))];
  return {
    schemaVersion: SCHEMA_VERSION,
    nodes: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      state: t.state,
      done: t.done.done,
      spec: t.spec,
      source: t.source,
      phase: t.phase?.key ?? null,
      file: t.file,
      line: t.line,
    })),
    unknown,
    phases: phases.map((p) => ({
      key: p.key,
      spec: p.spec,
      number: p.number,
      title: p.title,
      done: p.done,
      tasks: p.tasks,
    })),
    edges: edges.map((e) => ({
      from: e.from,
      to: e.to,
      via: e.via,
      inferred: e.inferred,
      file: e.file,
      line: e.line,
      unknown: e.unknown === true,
    })),
    problems: problemsJson(graph),
  };
}

export type GraphView = ReturnType<typeof graphJson>;
