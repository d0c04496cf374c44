/**
 * `check --format github`: GitHub Actions workflow commands, one per problem, which the runner
 * turns into annotations on the pull request:
 *
 *   ::error file=specs/a.md,line=3,endLine=3,col=1,endColumn=5,title=placeholder::message
 *
 * Errors are `error`, warnings `warning`, infos `notice`. Paths are relative to the repository
 * root (the runner's working directory). Values are escaped as the runner unescapes them.
 */
import type { LintRun } from '../rules/engine.js';
import { UNREADABLE_RULE_ID } from '../rules/meta.js';
import { repoPath } from './sarif.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Escaping of a command's message (the part after `::`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value (`file=…`, `title=…`): the message escapes plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(run: LintRun): string {
  return [...githubChunks(run)].join('');
}

/** The same text as formatGithub, one file at a time. */
export function* githubChunks(run: LintRun): Generator<string> {
  let out: string[] = [];
  const command = (kind: string, props: Record<string, string | number | undefined>, message: string) => {
    const list = Object.entries(props)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
      .join(',');
    out.push(`::${kind} ${list}::${escapeData(message)}\n`);
  };
  for (const file of run.files) {
    const path = repoPath(run, file);
    if (file.error)
      command('error', { file: path, line: file.error.line, title: UNREADABLE_RULE_ID }, file.error.message);
    for (const d of file.diagnostics) {
      const { start, end } = d.range;
      command(
        COMMAND[d.severity],
        {
          file: path,
          line: start.line,
          endLine: end.line,
          col: start.column,
          endColumn: end.column,
          title: d.ruleId,
        },
        d.note ? `${d.message}\n${d.note}` : d.message,
      );
    }
    if (out.length) yield out.join('');
    out = [];
  }
  const problems = run.errorCount + run.warningCount + run.infoCount;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  // A plain line: the log shows it, the runner ignores it.
  yield `specwright: ${n(problems, 'problem')} (${n(run.errorCount, 'error')}, ${n(run.warningCount, 'warning')}, ${n(run.infoCount, 'info')}) in ${n(run.files.length, 'file')}\n`;
}
