/** Validation loops: extract a spec's commands, run them safely level by level, keep the evidence. */
export { Allowlist, type Rejection, simpleCommands } from './allow.js';
export { blockCommands } from './block-commands.js';
export { readRun, runFiles, runsDir, writeRun } from './evidence.js';
export { type ExtractOptions, extractValidation, SHELL_LANGS } from './extract.js';
export { type LastRunJson, lastRun, lastRunJson, lastRunsFor, type RunEntry, runHistory } from './history.js';
export { parseLevelList, planForSpec, type Selection, selectLevels, templateCommands } from './plan.js';
export { type RecordResult, recordRun, runNote, validationItems } from './record.js';
export { findRepoRoot, headCommit, isDirty, repoState } from './repo.js';
export { type LevelReporter, runLevels } from './run-levels.js';
export { type CommandOutcome, startCommand } from './runner.js';
export type * from './types.js';
export { type VerifyOptions, type VerifyOutcome, verifySpec } from './verify.js';
