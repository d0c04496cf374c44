/**
 * One graph from every task of the workspace: merge the copies of a task, resolve
 * dependencies (unknown ones are reported, never dropped), infer phase order, find
 * cycles, and decide for each task whether it is done, ready or blocked.
 */
import { findCycles } from './cycles.js';
import { sortById } from './ids.js';
import type {
  DoneDecision,
  Edge,
  FileLine,
  Phase,
  ResolvedTask,
  Task,
  TaskGraph,
  TaskProblem,
} from './types.js';

/** Rules that are the task's own word about its state; a tick elsewhere never overrides them. */
const STATED = new Set([
  'front-matter',
  'status-line',
  'folder',
  'github-closed',
  'checkbox',
  'phase-status',
]);
/** Which copy of a task wins when two files describe it: the issue document, then tasks.md, then the rest. */
const SOURCE_RANK = { issue: 0, phase: 1, blueprint: 2 } as const;

export function buildGraph(input: readonly Task[], errors: TaskGraph['errors'] = []): TaskGraph {
  const problems: TaskProblem[] = [];
  const byId = new Map<string, ResolvedTask>();
  const rank = (t: Task) => SOURCE_RANK[t.source] * 2 + fileRank(t.file);
  const ordered = input
    .map((t) => ({ t, r: rank(t) }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.t);
  for (const t of ordered) {
    const existing = byId.get(t.id);
    if (!existing) {
      byId.set(t.id, resolved(t));
      continue;
    }
    mergeCopy(existing, t, problems);
  }
  const tasks = sortById([...byId.values()]);
  // `#45`, the number a pushed task document's issue got, refers to it too (unless a task has that id).
  const lookup = new Map(byId);
  for (const t of tasks) for (const alias of t.aliases ?? []) if (!lookup.has(alias)) lookup.set(alias, t);
  const canonical = (id: string) => lookup.get(id)?.id ?? id;
  for (const t of tasks) {
    for (const d of t.deps) d.target = canonical(d.target);
    for (const b of t.blocks) b.target = canonical(b.target);
  }

  // Explicit edges: each task's dependencies, and what other tasks say they block.
  const edges: Edge[] = [];
  const edgeKeys = new Set<string>();
  const prereqs = new Map<string, string[]>(tasks.map((t) => [t.id, []]));
  const tickedBy = new Map<string, FileLine & { by: string }>();
  const addEdge = (e: Edge) => {
    const k = `${e.from}\u0000${e.to}`;
    if (edgeKeys.has(k)) return;
    edgeKeys.add(k);
    edges.push(e);
    if (!e.unknown) (prereqs.get(e.to) as string[]).push(e.from);
  };
  for (const t of tasks) {
    for (const d of t.deps) {
      if (d.target === t.id) {
        problems.push(problem('error', 'self-dependency', `${t.id} depends on itself`, d));
        continue;
      }
      const known = byId.has(d.target);
      if (!known) problems.push(unknownDependency(t.id, d.target, d, d.checked === true));
      addEdge({
        from: d.target,
        to: t.id,
        via: d.via,
        inferred: d.inferred,
        file: d.file,
        line: d.line,
        ...(known ? {} : { unknown: true }),
      });
      if (known && d.via === 'depends-on' && d.checked && !tickedBy.has(d.target))
        tickedBy.set(d.target, { by: t.id, file: d.file, line: d.line });
    }
  }
  // "Blocks" lists second: when both tasks state the edge, it is cited where the dependent states it.
  for (const t of tasks) {
    for (const b of t.blocks) {
      if (b.target === t.id) continue;
      const target = byId.get(b.target);
      if (!target) {
        problems.push(
          problem(
            'warning',
            'unknown-dependency',
            `${t.id} blocks ${b.target}, which is not a known task`,
            b,
          ),
        );
        continue;
      }
      addEdge({ from: t.id, to: b.target, via: 'blocks', inferred: false, file: b.file, line: b.line });
    }
  }

  // Done: the task's own rules, then a ticked dependency box in a task that depends on it.
  for (const t of tasks) {
    t.done = t.doneOwn;
    const tick = tickedBy.get(t.id);
    if (!tick || t.doneOwn.done) continue;
    if (STATED.has(t.doneOwn.rule)) {
      problems.push(
        problem(
          'warning',
          'inconsistent-state',
          `${tick.by} ticks ${t.id} as done, but ${t.id} says otherwise (${t.doneOwn.detail})`,
          tick,
        ),
      );
      continue;
    }
    t.done = {
      done: true,
      rule: 'dependency-checkbox',
      detail: `ticked as done in ${tick.by}`,
      file: tick.file,
      line: tick.line,
    };
  }

  const phases = buildPhases(tasks, edges);
  const phaseByKey = new Map(phases.map((p) => [p.key, p]));

  // Readiness.
  for (const t of tasks) {
    if (t.done.done) {
      t.state = 'done';
      continue;
    }
    const waiting: string[] = [];
    for (const d of t.deps) {
      const target = byId.get(d.target);
      if (target ? !target.done.done : !d.checked) waiting.push(d.target);
    }
    for (const from of prereqs.get(t.id) as string[])
      if (!waiting.includes(from) && !(byId.get(from) as ResolvedTask).done.done) waiting.push(from);
    const previous = t.phase ? phaseByKey.get(t.phase.key)?.after : undefined;
    if (previous && !(phaseByKey.get(previous) as Phase).done) waiting.push(previous);
    if (t.statusBlocked) waiting.push(`status: ${t.status ?? 'blocked'}`);
    t.waitingOn = waiting;
    t.state = waiting.length ? 'blocked' : 'ready';
  }
  for (const e of edges) if (!e.unknown && byId.has(e.from)) byId.get(e.from)?.dependents.push(e.to);

  problems.push(...cycleProblems(tasks, byId, prereqs, phases, edges));
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { tasks, byId, phases, edges, problems, errors };
}

function resolved(t: Task): ResolvedTask {
  return { ...t, done: t.doneOwn, state: 'ready', waitingOn: [], dependents: [] };
}

/** tasks.md is a feature's task list; its phase items win over the PRD's copy of the plan. */
function fileRank(file: string): number {
  return /(?:^|\/)tasks\.md$/i.test(file) ? 0 : 1;
}

/** A second description of the same task: keep the first, note where the other is, report disagreements. */
function mergeCopy(kept: ResolvedTask, copy: Task, problems: TaskProblem[]): void {
  if (kept.source === 'issue' && copy.source === 'issue') {
    problems.push(
      problem(
        'error',
        'duplicate-task',
        `${copy.id} is also defined in ${kept.file}:${kept.line}; ids must be unique`,
        copy,
      ),
    );
    return;
  }
  if (copy.file === kept.file) {
    problems.push(
      problem(
        'warning',
        'duplicate-task',
        `${copy.id} appears twice in ${copy.file} (first at line ${kept.line})`,
        copy,
      ),
    );
    return;
  }
  kept.alsoAt.push({ file: copy.file, line: copy.line });
  if (!kept.phase && copy.phase) kept.phase = copy.phase;
  for (const d of copy.deps) if (!kept.deps.some((k) => k.target === d.target)) kept.deps.push(d);
  if (copy.doneOwn.done !== kept.doneOwn.done)
    problems.push(
      problem(
        'warning',
        'inconsistent-state',
        `${copy.id} is ${copy.doneOwn.done ? 'done' : 'not done'} here but ${kept.doneOwn.done ? 'done' : 'not done'} in ${kept.file}:${kept.doneOwn.line}`,
        copy.doneOwn,
      ),
    );
}

/** Phases per spec, ordered by number; each follows the one numbered before it (inferred). */
function buildPhases(tasks: ResolvedTask[], edges: Edge[]): Phase[] {
  const byKey = new Map<string, Phase>();
  for (const t of tasks) {
    if (!t.phase) continue;
    let p = byKey.get(t.phase.key);
    if (!p) {
      p = {
        key: t.phase.key,
        spec: t.spec,
        number: t.phase.number,
        title: t.phase.title,
        file: t.file,
        line: t.phase.line,
        tasks: [],
        done: true,
      };
      byKey.set(p.key, p);
    }
    p.tasks.push(t.id);
    if (!t.done.done) p.done = false;
  }
  const phases = [...byKey.values()].sort((a, b) => a.spec.localeCompare(b.spec) || a.number - b.number);
  for (let i = 1; i < phases.length; i++) {
    const prev = phases[i - 1] as Phase;
    const p = phases[i] as Phase;
    if (prev.spec !== p.spec) continue;
    p.after = prev.key;
    edges.push({
      from: prev.key,
      to: p.key,
      via: 'phase-order',
      inferred: true,
      file: p.file,
      line: p.line,
    });
  }
  return phases;
}

/** Cycles over tasks and phases: a phase waits for its tasks, a phased task waits for the phase before. */
function cycleProblems(
  tasks: ResolvedTask[],
  byId: Map<string, ResolvedTask>,
  prereqs: Map<string, string[]>,
  phases: Phase[],
  edges: Edge[],
): TaskProblem[] {
  const phaseByKey = new Map(phases.map((p) => [p.key, p]));
  // What each node waits for, built once: the search visits every edge and must not allocate per visit.
  const adjacency = new Map<string, readonly string[]>();
  for (const p of phases) adjacency.set(p.key, p.tasks);
  for (const t of tasks) {
    const list = prereqs.get(t.id) as string[];
    const after = t.phase ? phaseByKey.get(t.phase.key)?.after : undefined;
    adjacency.set(t.id, after ? [...list, after] : list);
  }
  const waitsFor = (v: string): readonly string[] => adjacency.get(v) ?? [];
  const edgeAt = new Map(edges.map((e) => [`${e.from}\u0000${e.to}`, e]));
  const where = (from: string, to: string) => {
    // `from` waits for `to`.
    const explicit = edgeAt.get(`${to}\u0000${from}`);
    if (explicit) return { file: explicit.file, line: explicit.line, inferred: explicit.inferred };
    const phase = phaseByKey.get(from);
    if (phase) {
      const t = byId.get(to) as ResolvedTask;
      return { file: t.file, line: t.line, inferred: true };
    }
    const t = byId.get(from) as ResolvedTask;
    return { file: t.file, line: t.phase?.line ?? t.line, inferred: true };
  };
  const nodes = [...tasks.map((t) => t.id), ...phases.map((p) => p.key)];
  return findCycles(nodes, waitsFor).map((cycle) => {
    const cycleEdges = cycle
      .slice(0, -1)
      .map((from, i) => ({ from, to: cycle[i + 1] as string, ...where(from, cycle[i + 1] as string) }));
    const first = cycleEdges[0] as (typeof cycleEdges)[number];
    const detail = cycleEdges
      .map((e) => `${e.from} -> ${e.to} (${e.file}:${e.line}${e.inferred ? ', inferred' : ''})`)
      .join('; ');
    for (const id of cycle) {
      const t = byId.get(id);
      if (t && !t.done.done && !t.waitingOn.includes('cycle')) t.waitingOn.push('cycle');
      if (t && !t.done.done) t.state = 'blocked';
    }
    return {
      severity: 'error' as const,
      code: 'cycle' as const,
      message: `dependency cycle ${cycle.join(' -> ')}: ${detail}`,
      file: first.file,
      line: first.line,
      cycle,
      edges: cycleEdges,
    };
  });
}

function unknownDependency(from: string, target: string, at: FileLine, ticked: boolean): TaskProblem {
  return problem(
    'warning',
    'unknown-dependency',
    `${from} depends on ${target}, which is not a known task${ticked ? ' (ticked, so counted as done)' : '; it counts as not done'}`,
    at,
  );
}

function problem(
  severity: TaskProblem['severity'],
  code: TaskProblem['code'],
  message: string,
  at: FileLine | DoneDecision,
): TaskProblem {
  return { severity, code, message, file: at.file, line: at.line };
}
