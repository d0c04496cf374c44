/**
 * `check --format json` (and `check --json`): the versioned contract documented in docs/check.md.
 * Every checked file is listed, clean ones included, so a consumer knows what was covered.
 */
import type { FileLintResult, LintRun } from '../rules/engine.js';
import { docsUrl } from '../rules/meta.js';
import type { LintDiagnostic } from '../rules/types.js';
import { SCHEMA_VERSION } from './spec-json.js';

export function lintJson(run: LintRun) {
  const files = run.files.map(fileJson);
  return {
    schemaVersion: SCHEMA_VERSION,
    summary: summaryJson(run),
    files,
    ignored: run.ignored,
    rules: rulesJson(run),
  };
}

/**
 * The same document as `JSON.stringify(lintJson(run))`, in pieces, one file at a time: a run with
 * hundreds of thousands of problems is written without ever holding it whole in memory.
 */
export function* lintJsonChunks(run: LintRun): Generator<string> {
  yield `{"schemaVersion":${SCHEMA_VERSION},"summary":${JSON.stringify(summaryJson(run))},"files":[`;
  let first = true;
  for (const f of run.files) {
    yield (first ? '' : ',') + JSON.stringify(fileJson(f));
    first = false;
  }
  yield `],"ignored":${JSON.stringify(run.ignored)},"rules":${JSON.stringify(rulesJson(run))}}\n`;
}

function summaryJson(run: LintRun) {
  return {
    files: run.files.length,
    filesWithProblems: run.files.filter((f) => f.error || f.diagnostics.length).length,
    errors: run.errorCount,
    warnings: run.warningCount,
    infos: run.infoCount,
    fixable: run.fixableCount,
    fixed: run.fixedCount,
  };
}

/** The rules that reported something in this run, with their docs links. */
function rulesJson(run: LintRun) {
  const used = new Set<string>();
  for (const f of run.files) for (const d of f.diagnostics) used.add(d.ruleId);
  const rules: Record<string, { description: string; fixable: boolean; docs: string }> = {};
  for (const meta of run.rules)
    if (used.has(meta.id))
      rules[meta.id] = { description: meta.description, fixable: meta.fixable, docs: docsUrl(meta.id) };
  return rules;
}

function fileJson(f: FileLintResult) {
  const count = (s: LintDiagnostic['severity']) => f.diagnostics.filter((d) => d.severity === s).length;
  return {
    path: f.path,
    kind: f.kind ?? null,
    errors: count('error') + (f.error ? 1 : 0),
    warnings: count('warning'),
    infos: count('info'),
    diagnostics: f.diagnostics.map(diagnosticJson),
    error: f.error ? { message: f.error.message, line: f.error.line ?? null } : null,
    fix: f.fix
      ? {
          applied: f.fix.applied,
          byRule: f.fix.byRule,
          written: f.fix.written,
          ...(f.fix.diff !== undefined ? { diff: f.fix.diff } : {}),
        }
      : null,
  };
}

function diagnosticJson(d: LintDiagnostic) {
  const { start, end } = d.range;
  return {
    ruleId: d.ruleId,
    messageId: d.messageId,
    severity: d.severity,
    message: d.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    offset: start.offset,
    endOffset: end.offset,
    note: d.note ?? null,
    fix: d.fix
      ? {
          safe: d.fix.safe,
          description: d.fix.description,
          edits: d.fix.edits.map((e) => ({ start: e.start, end: e.end, text: e.text })),
        }
      : null,
  };
}
