/**
 * The lifecycle: lossless edits that move specs through their life (start, tick, set, complete,
 * archive, changelog). Edit builders take a parsed document and return range replacements;
 * the spec-level operations lock, verify, apply and write through the one commit path.
 */

export {
  type CommitOptions,
  type CommittedFile,
  commitEdits,
  commitFiles,
  encodeText,
  readForEdit,
} from '../edit/commit.js';
export { addChangelogEntry, type ChangelogEntryOptions } from './add-changelog-entry.js';
export { type ArchiveOptions, archiveSpec } from './archive.js';
export {
  type ChangelogOptions,
  changelogEdits,
  contentEnd,
  findChangelogSection,
  hasChangelog,
} from './changelog.js';
export { type CheckErrors, checkErrors } from './check-errors.js';
export { type CompleteOptions, completeSpec } from './complete.js';
export { isDoneCriterion, openDoneCriteria } from './done-criteria.js';
export {
  findField,
  keepWrapper,
  metadataBlock,
  replaceValueEdit,
  setFieldEdits,
  setFieldsEdits,
  statusField,
  yamlScalar,
} from './fields.js';
export { checkMark, findItem, findItems, tickEdits, tickItemEdits } from './items.js';
export { type MoveMethod, type MoveOptions, moveSafely } from './move.js';
export { formatReason, isRefusal, type Reason, RefusalError } from './refusal.js';
export type {
  FieldChange,
  FileChange,
  ItemChange,
  LifecycleCommand,
  LifecycleResult,
  MoveRecord,
  StatusChange,
} from './result.js';
export { setSpecField } from './set.js';
export { hasOwnStatus, specStatusEdits } from './spec-status.js';
export {
  type OpenOptions,
  openSpec,
  requireTemplate,
  type SpecTarget,
  workspaceCommitOptions,
} from './spec-target.js';
export { type StartOptions, startSpec } from './start.js';
export {
  currentStatusValue,
  resolveStatusValue,
  type StatusTarget,
  statusEdits,
  statusText,
  valueForState,
} from './status.js';
export { type RunOptions, type TickOptions, tickSpec } from './tick.js';
export { isIsoDate, TODAY_ENV, today } from './today.js';
