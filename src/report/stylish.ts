/**
 * `check --format stylish` (the default): problems grouped by file, one line each
 * (`line:col  severity  message  rule-id`) with a short code frame, then a summary.
 * Colour only when asked (the CLI asks on a TTY).
 */
import { readFileSync } from 'node:fs';
import { decodeSpec } from '../model/encoding.js';
import type { FileLintResult, LintRun } from '../rules/engine.js';
import type { LintDiagnostic } from '../rules/types.js';

export interface StylishOptions {
  color?: boolean;
  /** Code frames under each problem (default true). */
  frames?: boolean;
  /** The text a file's diagnostics refer to; default: the fixed text of a dry run, else the file on disk. */
  source?: (file: FileLintResult) => string | undefined;
}

/** Widest part of a line shown in a code frame; longer lines are cut around the problem. */
const FRAME_WIDTH = 100;

type Paint = (s: string) => string;
const painter = (on: boolean) => {
  const p =
    (code: string): Paint =>
    (s) =>
      on ? `\x1b[${code}m${s}\x1b[0m` : s;
  return {
    bold: p('1'),
    dim: p('2'),
    red: p('31'),
    green: p('32'),
    yellow: p('33'),
    cyan: p('36'),
    underline: p('4'),
  };
};

export function formatStylish(run: LintRun, options: StylishOptions = {}): string {
  return [...stylishChunks(run, options)].join('');
}

/** The same text as formatStylish, one file at a time. */
export function* stylishChunks(run: LintRun, options: StylishOptions = {}): Generator<string> {
  const c = painter(Boolean(options.color));
  const frames = options.frames !== false;
  const source = options.source ?? defaultSource;

  for (const file of run.files) if (file.fix?.diff) yield `${file.fix.diff.replace(/\n$/, '')}\n\n`;

  for (const file of run.files) {
    const { error, warning, info } = file.counts;
    if (!file.error && error + warning + info === 0 && !file.fix) continue;
    const diagnostics = file.diagnostics;
    const out: string[] = [c.underline(file.path)];
    if (file.fix) {
      const rules = Object.entries(file.fix.byRule)
        .map(([id, n]) => `${id}${n > 1 ? ` ×${n}` : ''}`)
        .join(', ');
      const verb = file.fix.written ? 'fixed' : 'would fix';
      out.push(`  ${c.green(`${verb} ${plural(file.fix.applied, 'problem')}`)} ${c.dim(`(${rules})`)}`);
    }
    if (file.error)
      out.push(
        `  ${file.error.line ? `${file.error.line}:1  ` : ''}${c.red('error')}  ${file.error.message}`,
      );
    const lines = frames && diagnostics.length ? splitLines(source(file)) : undefined;
    let locWidth = 0;
    let sevWidth = 0;
    let msgWidth = 0;
    let lastLine = 0;
    for (const d of diagnostics) {
      locWidth = Math.max(locWidth, location(d).length);
      sevWidth = Math.max(sevWidth, d.severity.length);
      msgWidth = Math.min(60, Math.max(msgWidth, d.message.length));
      lastLine = Math.max(lastLine, d.range.start.line);
    }
    const gutter = String(lastLine).length;
    const notesShown = new Set<string>();
    for (const d of diagnostics) {
      const sev = d.severity.padEnd(sevWidth);
      const painted =
        d.severity === 'error' ? c.red(sev) : d.severity === 'warning' ? c.yellow(sev) : c.cyan(sev);
      out.push(
        `  ${c.dim(location(d).padStart(locWidth))}  ${painted}  ${d.message.padEnd(msgWidth)}  ${c.dim(d.ruleId)}`,
      );
      // A note is said once per file: the same advice under every placeholder is noise.
      if (d.note && !notesShown.has(d.note)) {
        notesShown.add(d.note);
        out.push(`  ${' '.repeat(locWidth)}  ${c.dim(`note: ${d.note}`)}`);
      }
      if (lines) for (const l of frame(d, lines, gutter, c)) out.push(`  ${' '.repeat(locWidth)}  ${l}`);
    }
    out.push('', '');
    yield out.join('\n');
  }

  yield `${summaryLine(run, c)}\n`;
}

function location(d: LintDiagnostic): string {
  return `${d.range.start.line}:${d.range.start.column}`;
}

function defaultSource(file: FileLintResult): string | undefined {
  if (file.fix?.output !== undefined) return file.fix.output;
  try {
    return decodeSpec(readFileSync(file.absPath), file.path).text;
  } catch {
    return undefined;
  }
}

function splitLines(text: string | undefined): string[] | undefined {
  return text === undefined
    ? undefined
    : text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** The problem's first line and a caret underline of the part of it the range covers. */
function frame(
  d: LintDiagnostic,
  lines: string[],
  gutterWidth: number,
  c: ReturnType<typeof painter>,
): string[] {
  const { start, end } = d.range;
  const text = lines[start.line - 1];
  if (text === undefined) return [];
  const from = Math.min(start.column - 1, text.length);
  const to =
    end.line === start.line
      ? Math.max(from + 1, Math.min(end.column - 1, text.length))
      : Math.max(from + 1, text.length);
  // Cut long lines to a window that starts a little before the problem.
  const windowStart =
    text.length > FRAME_WIDTH ? Math.max(0, Math.min(from - 20, text.length - FRAME_WIDTH)) : 0;
  const shown = text.slice(windowStart, windowStart + FRAME_WIDTH).replace(/\t/g, ' ');
  const lead = windowStart > 0 ? '…' : '';
  const tail = windowStart + FRAME_WIDTH < text.length ? '…' : '';
  const gutter = String(start.line).padStart(gutterWidth);
  const caretAt = from - windowStart + lead.length;
  const caretLen = Math.max(1, Math.min(to - from, FRAME_WIDTH - (from - windowStart)));
  return [
    `${c.dim(`${gutter} |`)} ${lead}${shown}${tail}`,
    `${c.dim(`${' '.repeat(gutter.length)} |`)} ${' '.repeat(caretAt)}${c.red('^'.repeat(caretLen))}`,
  ];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summaryLine(run: LintRun, c: ReturnType<typeof painter>): string {
  const problems = run.errorCount + run.warningCount + run.infoCount;
  const checked = plural(run.files.length, 'file');
  const lines: string[] = [];
  if (run.fixedCount) {
    const fixedFiles = run.files.filter((f) => f.fix).length;
    const dry = run.files.some((f) => f.fix && !f.fix.written);
    lines.push(
      c.green(
        `${dry ? 'Would fix' : 'Fixed'} ${plural(run.fixedCount, 'problem')} in ${plural(fixedFiles, 'file')}.`,
      ),
    );
  }
  if (problems === 0) {
    lines.push(c.green(`✔ ${checked} checked, no problems`));
  } else {
    const counts = `${plural(run.errorCount, 'error')}, ${plural(run.warningCount, 'warning')}, ${plural(run.infoCount, 'info')}`;
    const line = `✖ ${plural(problems, 'problem')} (${counts}) in ${checked}`;
    lines.push(run.errorCount ? c.red(c.bold(line)) : c.yellow(c.bold(line)));
    if (run.fixableCount) lines.push(c.dim(`  ${plural(run.fixableCount, 'problem')} fixable with --fix`));
  }
  if (run.ignored.length)
    lines.push(c.dim(`  ${plural(run.ignored.length, 'file')} skipped by ignore globs`));
  return lines.join('\n');
}
