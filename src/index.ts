/** specwright's public library API: the same functions the CLI and other faces call. */
export { applyEdits, contentHash } from './edit/apply.js';
export {
  type CommitOptions,
  type CommittedFile,
  commitEdits,
  commitFiles,
  readForEdit,
} from './edit/commit.js';
export { unifiedDiff } from './edit/diff.js';
export { acquireLock, type FileLock, type LockOptions } from './edit/lock.js';
export { isSpecwrightError, SpecwrightError } from './errors.js';
export { type ClientOptions, GitHubClient, GitHubError } from './github/client.js';
export { type Issue, type IssueFields, IssuesApi, parseRepo, type Repo } from './github/issues.js';
export {
  addChangelogEntry,
  archiveSpec,
  changelogEdits,
  completeSpec,
  findItems,
  type LifecycleResult,
  openSpec,
  RefusalError,
  type SpecTarget,
  setFieldEdits,
  setFieldsEdits,
  setSpecField,
  startSpec,
  statusEdits,
  TODAY_ENV,
  tickEdits,
  tickSpec,
  today,
} from './lifecycle/index.js';
export { decodeSpec } from './model/encoding.js';
export { findMojibake, repairMojibake } from './model/mojibake.js';
export { type ParseOptions, parseSpec, plainHeading } from './model/parse.js';
export { canonicalStatus, folderStatus } from './model/status.js';
export type * from './model/types.js';
export { renderDot } from './report/dot.js';
export { formatGithub, githubChunks } from './report/github.js';
export { lintJson, lintJsonChunks } from './report/lint-json.js';
export { renderMermaid } from './report/mermaid.js';
export { formatSarif, sarifChunks } from './report/sarif.js';
export { listJson, SCHEMA_VERSION, showJson } from './report/spec-json.js';
export { formatStylish, type StylishOptions, stylishChunks } from './report/stylish.js';
export {
  type FileFix,
  type FileLintResult,
  type LintOptions,
  type LintRun,
  lintDocument,
  lintPaths,
} from './rules/engine.js';
export { docsUrl } from './rules/meta.js';
export type { Finding, Fix, LintDiagnostic, Rule, RuleContext, RuleMeta } from './rules/types.js';
export * from './tasks/index.js';
export {
  type LoadedTemplate,
  loadTemplates,
  type RenderResult,
  type RenderVars,
  renderTemplate,
  slugify,
  type TemplateSchema,
  type TemplateSet,
} from './templates/index.js';
export {
  Allowlist,
  extractValidation,
  type LastRunJson,
  lastRun,
  lastRunsFor,
  planForSpec,
  recordRun,
  runHistory,
  selectLevels,
  type VerifyOptions,
  type VerifyOutcome,
  verifySpec,
} from './verify/index.js';
export type {
  CommandResult,
  LevelResult,
  RunRecord,
  VerifyCommand,
  VerifyLevel,
  VerifyPlan,
} from './verify/types.js';
export { type Config, loadConfig } from './workspace/config.js';
export { configSchema } from './workspace/config-schema.js';
export { type CreateOptions, type CreateResult, createSpec } from './workspace/create.js';
export { type InitResult, initWorkspace } from './workspace/init.js';
export { type WorkspaceStatus, workspaceStatus } from './workspace/status-report.js';
export { type SpecSummary, summarize } from './workspace/summary.js';
export {
  type FileError,
  findRoot,
  listSpecs,
  loadWorkspace,
  readSpec,
  resolveSpec,
  type SpecEntry,
  type SpecList,
  slugOf,
  type Workspace,
} from './workspace/workspace.js';
