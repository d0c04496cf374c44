/**
 * The task graph's shapes. One Task per unit of work, whatever the file it came
 * from: an implementation-task issue document, a numbered phase checklist item,
 * or a task of a PRP's Implementation Blueprint.
 */

/** Where a task is written down. */
export type TaskSource = 'issue' | 'phase' | 'blueprint';

/**
 * The rule that decided whether a task is done, strongest first. `tasks --json`
 * reports it so that a surprising state can be traced to the line that caused it.
 */
export type DoneRule =
  | 'front-matter' // front matter `status:` / `state:` (open, in-progress, done, closed ...)
  | 'status-line' // a `**Status**: ...` line or a status heading
  | 'folder' // no status written; the folder says it (archive/, implemented/)
  | 'github-closed' // the issue is closed on GitHub (recorded by `pull issues` or front matter closed_at)
  | 'definition-of-done' // no status: every item of the Definition of Done is ticked (or not)
  | 'checklists' // no status and no Definition of Done: every checklist item is ticked (or not)
  | 'checkbox' // a phase item's own box
  | 'phase-status' // the phase heading says it is complete (✅, a Status line under it)
  | 'spec-status' // the spec the task belongs to is done (complete, implemented, archived)
  | 'dependency-checkbox' // ticked as a dependency in a depending task: `- [x] #4`
  | 'none'; // nothing states it: open

export interface FileLine {
  /** Path relative to the workspace root, with `/` separators. */
  file: string;
  /** 1-based line. */
  line: number;
}

export interface DoneDecision extends FileLine {
  done: boolean;
  rule: DoneRule;
  /** What the rule saw, for people: "status: in-progress", "4 of 4 ticked in Definition of Done". */
  detail: string;
}

/** How a dependency was found. */
export type DependencyVia =
  | 'depends-on' // "Must be completed first" / "Depends on" / "Blocked by" list, or front matter depends_on
  | 'blocks' // written in the other task's "Blocks" list
  | 'mention' // a blueprint step naming another task ("DEPENDENCIES: Import types from Task 1")
  | 'blueprint-order'; // inferred: blueprint tasks run in the order they are numbered

/** One written (or inferred) statement that `task` cannot start before `target` is done. */
export interface Dependency extends FileLine {
  /** The id as written and resolved: `#4`, `opml-import:3.1`; unresolved ids keep their written form. */
  target: string;
  via: DependencyVia;
  inferred: boolean;
  /** For a box in a dependency list: whether it is ticked (`- [x] #4`). */
  checked?: boolean;
  /** The id as written, when it was qualified with the task's spec (`T1.1` -> `bundle:T1.1`). */
  written?: string;
}

export interface PhaseRef {
  /** `<spec-slug>:phase-<n>`. */
  key: string;
  number: number;
  title: string;
  /** Line of the phase heading (or of the field naming the phase) in the task's file. */
  line: number;
}

export interface IssueLink {
  number: number;
  url: string;
  /** Set when `pull issues` recorded that the issue is closed. */
  closed?: boolean;
}

export interface BlueprintStep {
  /** CREATE, MODIFY, DELETE, TEST ... as written. */
  action: string;
  /** The path or subject after the action. */
  target: string;
  line: number;
}

export interface Task extends FileLine {
  /** Stable, readable id: `#12`, `<spec-slug>:3.1`, `<spec-slug>:task-2`, or the document's own id. */
  id: string;
  /** The key `push issues` hides in the issue body: `<spec-slug>:<task-id>`. */
  key: string;
  /** Slug of the spec the task belongs to; for a stand-alone task document, its own slug. */
  spec: string;
  title: string;
  source: TaskSource;
  /** How the id was obtained; `position` ids (unnumbered phase items) move when items are inserted above. */
  idSource: 'number' | 'front-matter' | 'item' | 'position' | 'blueprint' | 'file';
  /** The local issue number of a task document (`#12` refers to it). */
  number?: number;
  /** Other ids that refer to this task: the number of the issue `push` created, when it differs from the id. */
  aliases?: string[];
  phase?: PhaseRef;
  /** 0 (critical/P0) .. 4 (P4); undefined when not stated. */
  priority?: number;
  priorityLabel?: string;
  /** The status as written, when there is one. */
  status?: string;
  /** The status says blocked (the task waits for something outside the graph). */
  statusBlocked: boolean;
  /** The status says work has started. */
  inProgress: boolean;
  labels: string[];
  assignees: string[];
  progress: { checked: number; total: number };
  /** Explicit and inferred dependencies, as written (unresolved ones included). */
  deps: Dependency[];
  /** Tasks this one blocks, as written in its own "Blocks" list: each becomes a dependency of the target. */
  blocks: Dependency[];
  /** Own decision, before dependency checkboxes elsewhere are considered (see graph.ts). */
  doneOwn: DoneDecision;
  /** The GitHub issue `push issues` recorded for this task. */
  issue?: IssueLink;
  /** Blueprint steps (CREATE/MODIFY path) or nested checklist items, for issue bodies. */
  steps: BlueprintStep[];
  subitems: Array<{ checked: boolean; text: string; line: number }>;
  /** Other places that describe the same task (a PRD's copy of a tasks.md phase item). */
  alsoAt: FileLine[];
}

export type ProblemCode =
  | 'cycle'
  | 'unknown-dependency'
  | 'duplicate-task'
  | 'inconsistent-state'
  | 'self-dependency';

export interface TaskProblem {
  severity: 'error' | 'warning';
  code: ProblemCode;
  message: string;
  file: string;
  line: number;
  /** For cycles: the ids around the cycle, first repeated at the end. */
  cycle?: string[];
  /** For cycles: where each edge of the cycle is written. */
  edges?: Array<{ from: string; to: string; file: string; line: number; inferred: boolean }>;
}

/** The graph's verdict on one task: its own rules, then dependency ticks elsewhere, then readiness. */
export type TaskState = 'done' | 'ready' | 'blocked';

export interface ResolvedTask extends Task {
  done: DoneDecision;
  state: TaskState;
  /** Why a task that is not done cannot start: the open dependencies, or its own blocked status. */
  waitingOn: string[];
  /** Ids of tasks that depend on this one. */
  dependents: string[];
}

export interface Phase {
  key: string;
  spec: string;
  number: number;
  title: string;
  file: string;
  line: number;
  tasks: string[];
  done: boolean;
  /** The phase it follows (inferred from the numbering). */
  after?: string;
}

/** An edge of the graph: `from` must be done before `to` can start. */
export interface Edge {
  from: string;
  to: string;
  via: DependencyVia | 'phase-order';
  inferred: boolean;
  file: string;
  line: number;
  /** The target is not a task of the workspace. */
  unknown?: boolean;
}

export interface TaskGraph {
  tasks: ResolvedTask[];
  byId: Map<string, ResolvedTask>;
  phases: Phase[];
  edges: Edge[];
  problems: TaskProblem[];
  /** Files that could not be read or parsed. */
  errors: Array<{ path: string; line?: number; message: string }>;
}
