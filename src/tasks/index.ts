/** The task graph: tasks from task issues, phase checklists and PRP blueprints; next; export; GitHub sync. */
export { findCycles } from './cycles.js';
export { type ExportedFile, exportFiles, localNumbers, writeExport } from './export.js';
export { buildGraph } from './graph.js';
export { compareIds, qualifyRef } from './ids.js';
export {
  type IssueUnit,
  issueUnits,
  keyInBody,
  markerOf,
  type RenderedIssue,
  renderIssue,
} from './issue-body.js';
export { type GraphView, graphJson, nextJson, taskJson, tasksJson } from './json.js';
export {
  collectTasks,
  extractTasks,
  isTaskDocument,
  loadTaskGraph,
  loadTasks,
  specDocuments,
} from './load.js';
export { localNumberOf, taskNumberOf } from './number.js';
export { type PullChange, type PullOptions, type PullResult, pullIssues } from './pull.js';
export {
  DEFAULT_LABEL,
  type PushAction,
  type PushActionKind,
  type PushOptions,
  type PushResult,
  pushIssues,
} from './push.js';
export {
  compareForNext,
  filterTasks,
  nextTasks,
  STATUS_FILTERS,
  type StatusFilter,
  selectSpec,
  type TaskFilter,
} from './query.js';
export { closeEdits, type RecordTarget, recordEdits } from './record.js';
export type * from './types.js';
