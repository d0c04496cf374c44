/**
 * `check --format json` (and `check --json`): the versioned contract documented in docs/check.md.
 * Every checked file is listed, clean ones included, so a consumer knows what was covered.
 */
import type { FileLintResult, LintRun } from '../rules/engine.js';
import { docsUrl } from '../rules/meta.js';
import { PackedRows, SEVERITIES } from '../rules/packed.js';
import type { Fix, LintDiagnostic } from '../rules/types.js';
import { SlabWriter } from '../slab-writer.js';
import { SCHEMA_VERSION } from './spec-json.js';

export function lintJson(run: LintRun) {
  const used = new Set<string>();
  const files = run.files.map((f) => fileJson(f, used));
  return {
    schemaVersion: SCHEMA_VERSION,
    summary: summaryJson(run),
    files,
    ignored: run.ignored,
    rules: rulesJson(run, used),
  };
}

/** Pieces are about this big when the caller lets them be reused. */
const REUSED_PIECE_BYTES = 1 << 20;

/**
 * The same document as `JSON.stringify(lintJson(run))` in UTF-8, in pieces: a run with hundreds
 * of thousands of problems is written without ever holding it whole in memory. Each piece is a
 * file's JSON; with `reuse`, pieces are about a megabyte, and each is overwritten once the next
 * is asked for (a caller that writes each one out before asking for more).
 */
export function* lintJsonChunks(run: LintRun, { reuse = false } = {}): Generator<Uint8Array> {
  const out = new SlabWriter();
  out.text(`{"schemaVersion":${SCHEMA_VERSION},"summary":${JSON.stringify(summaryJson(run))},"files":[`);
  const used = new Set<string>();
  let first = true;
  for (const f of run.files) {
    if (!first) out.text(',');
    writeFile(out, f, used);
    first = false;
    if (!reuse) yield out.take();
    else if (out.pending >= REUSED_PIECE_BYTES) {
      yield out.take();
      out.rewind();
    }
  }
  out.text(`],"ignored":${JSON.stringify(run.ignored)},"rules":${JSON.stringify(rulesJson(run, used))}}\n`);
  yield out.take();
}

/**
 * `JSON.stringify(fileJson(f, used))`, written out by hand: a warm run over 10,000 files spends most
 * of its time here, and rule ids, message ids and notes repeat, so their JSON is made once.
 */
function writeFile(out: SlabWriter, f: FileLintResult, used: Set<string>): void {
  const { counts, error } = f;
  out.text(
    `{"path":${JSON.stringify(f.path)},"kind":${f.kind ? quoted(f.kind) : 'null'},"errors":${counts.error + (error ? 1 : 0)},"warnings":${counts.warning},"infos":${counts.info},"diagnostics":[`,
  );
  if (f.packed) writePackedDiagnostics(out, f.packed, used);
  else writeDiagnostics(out, f.diagnostics, used);
  out.text(`],"error":${JSON.stringify(fileErrorJson(f))},"fix":${JSON.stringify(fileFixJson(f))}}`);
}

/** The diagnostics, copied out of their packed form: no objects built, messages copied as bytes. */
function writePackedDiagnostics(
  out: SlabWriter,
  packed: NonNullable<FileLintResult['packed']>,
  used: Set<string>,
): void {
  const rows = new PackedRows(packed.data);
  const { strings, position: p } = rows;
  // One write per row besides the message's bytes: a row's tail goes out with the next row's head.
  let tail = '';
  while (rows.next()) {
    if (packed.errorsOnly && rows.severity !== 0) continue;
    const ruleId = strings[rows.rule] as string;
    used.add(ruleId);
    out.text(
      `${tail ? `${tail},` : ''}{"ruleId":${quoted(ruleId)},"messageId":${quoted(strings[rows.messageId] as string)},"severity":"${SEVERITIES[rows.severity]}","message":`,
    );
    out.bytes(rows.bytes, rows.messageStart, rows.messageEnd);
    tail = `,"line":${p[1]},"column":${p[2]},"endLine":${p[4]},"endColumn":${p[5]},"offset":${p[0]},"endOffset":${p[3]},"note":${rows.note < 0 ? 'null' : quoted(strings[rows.note] as string)},"fix":${rows.fix ? JSON.stringify(fixJson(rows.fix)) : 'null'}}`;
  }
  if (tail) out.text(tail);
}

function writeDiagnostics(out: SlabWriter, diagnostics: readonly LintDiagnostic[], used: Set<string>): void {
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i] as LintDiagnostic;
    used.add(d.ruleId);
    const { start, end } = d.range;
    out.text(
      `${i ? ',' : ''}{"ruleId":${quoted(d.ruleId)},"messageId":${quoted(d.messageId)},"severity":"${d.severity}","message":${JSON.stringify(d.message)},"line":${start.line},"column":${start.column},"endLine":${end.line},"endColumn":${end.column},"offset":${start.offset},"endOffset":${end.offset},"note":${d.note === undefined ? 'null' : quoted(d.note)},"fix":${d.fix ? JSON.stringify(fixJson(d.fix)) : 'null'}}`,
    );
  }
}

const QUOTED = new Map<string, string>();
/** JSON string literals of the few strings that repeat on every line (rule ids, message ids, notes). */
function quoted(s: string): string {
  let q = QUOTED.get(s);
  if (q === undefined) {
    q = JSON.stringify(s);
    if (QUOTED.size < 10_000) QUOTED.set(s, q);
  }
  return q;
}

function summaryJson(run: LintRun) {
  return {
    files: run.files.length,
    filesWithProblems: run.files.filter(
      (f) => f.error || f.counts.error + f.counts.warning + f.counts.info > 0,
    ).length,
    errors: run.errorCount,
    warnings: run.warningCount,
    infos: run.infoCount,
    fixable: run.fixableCount,
    fixed: run.fixedCount,
  };
}

/** The rules that reported something in this run, with their docs links. */
function rulesJson(run: LintRun, used: ReadonlySet<string>) {
  const rules: Record<string, { description: string; fixable: boolean; docs: string }> = {};
  for (const meta of run.rules)
    if (used.has(meta.id))
      rules[meta.id] = { description: meta.description, fixable: meta.fixable, docs: docsUrl(meta.id) };
  return rules;
}

function fileJson(f: FileLintResult, used: Set<string>) {
  const diagnostics = f.diagnostics;
  for (const d of diagnostics) used.add(d.ruleId);
  return {
    path: f.path,
    kind: f.kind ?? null,
    errors: f.counts.error + (f.error ? 1 : 0),
    warnings: f.counts.warning,
    infos: f.counts.info,
    diagnostics: diagnostics.map(diagnosticJson),
    error: fileErrorJson(f),
    fix: fileFixJson(f),
  };
}

function fileErrorJson(f: FileLintResult) {
  return f.error ? { message: f.error.message, line: f.error.line ?? null } : null;
}

function fileFixJson(f: FileLintResult) {
  return f.fix
    ? {
        applied: f.fix.applied,
        byRule: f.fix.byRule,
        written: f.fix.written,
        ...(f.fix.diff !== undefined ? { diff: f.fix.diff } : {}),
      }
    : null;
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
    fix: d.fix ? fixJson(d.fix) : null,
  };
}

function fixJson(fix: Fix) {
  return {
    safe: fix.safe,
    description: fix.description,
    edits: fix.edits.map((e) => ({ start: e.start, end: e.end, text: e.text })),
  };
}
