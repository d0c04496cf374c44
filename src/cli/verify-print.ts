/** How `verify` talks to a person: the plan, the live run, the summary, the history. */

import type { RunEntry } from '../verify/history.js';
import type { CommandResult, LevelResult, Rejection, RunRecord, VerifyLevel } from '../verify/index.js';
import type { LevelReporter } from '../verify/run-levels.js';
import { bold, cyan, dim, green, red, table, yellow } from './output.js';

type Write = (line: string) => void;

export function seconds(ms: number): string {
  if (ms < 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms - m * 60_000) / 1000);
  return s ? `${m} min ${s} s` : `${m} min`;
}

/** A command on one line for tables: the first line, shortened. */
export function oneLine(command: string, max = 60): string {
  const first = command.split('\n')[0] as string;
  const more = command.includes('\n') ? ' …' : '';
  return first.length + more.length > max ? `${first.slice(0, max - 1)}…` : first + more;
}

/** A command as a shell session shows it: `$ ` before the first line, `> ` before the rest. */
export function prompted(command: string): string {
  return command
    .split('\n')
    .map((l, i) => `${i === 0 ? '$' : '>'} ${l}`)
    .join('\n');
}

export function printPlan(
  write: Write,
  spec: string,
  levels: readonly VerifyLevel[],
  ctx: { cwd: string; timeoutMs: number },
): void {
  const count = levels.reduce((n, l) => n + l.commands.length, 0);
  write(
    `${bold(spec)}: ${levels.length} level${levels.length === 1 ? '' : 's'}, ${count} command${count === 1 ? '' : 's'}, ` +
      `each run with bash -c in ${ctx.cwd} (timeout ${seconds(ctx.timeoutMs)})`,
  );
  let warned = 0;
  for (const level of levels) {
    write('');
    write(`${bold(`Level ${level.level}: ${level.title}`)} ${dim(`(line ${level.line})`)}`);
    for (const c of level.commands) {
      write(prompted(c.command).replace(/^/gm, '  '));
      if (c.expect) write(dim(`      expect: ${c.expect}`));
      for (const w of c.warnings) write(yellow(`      ⚠ line ${c.line}: ${w}`));
      if (c.warnings.length) warned++;
    }
    if (level.expect) write(dim(`  expect: ${level.expect}`));
  }
  if (warned) {
    write('');
    write(
      yellow(
        `⚠ ${warned} command${warned === 1 ? '' : 's'} may not be what the spec means to run (see above)`,
      ),
    );
  }
}

export function printRejections(write: Write, spec: string, rejections: readonly Rejection[]): void {
  write(red(bold('verify.allow rejects:')));
  for (const r of rejections) {
    write(`  ${cyan(`${spec}:${r.line}`)} level ${r.level}: ${prompted(r.command).split('\n')[0]}`);
    write(dim(`      ${r.reason}`));
  }
}

function exitText(c: CommandResult): string {
  switch (c.status) {
    case 'not-run':
      return dim('not run');
    case 'timeout':
      return red('timeout');
    case 'interrupted':
      return yellow('interrupted');
    default:
      if (c.exitCode === null) return red(c.signal ?? 'killed');
      return c.exitCode === 0 ? green('0') : red(String(c.exitCode));
  }
}

/** Live output: a header before each command, its output as it comes, a progress line per level. */
export function liveReporter(
  write: Write,
  streamOutput: boolean,
  ctx: { timeoutMs: number; total: number },
): LevelReporter {
  let position = 0;
  return {
    levelStart(level, index, total) {
      write('');
      write(bold(`━━ Level ${level.level}: ${level.title} ${dim(`(${index + 1}/${total})`)}`));
    },
    commandStart(level, command, index) {
      position++;
      if (!streamOutput) return;
      const [first, ...rest] = prompted(command.command).split('\n');
      write(`${dim(`── [${level.level}.${index + 1} · ${position}/${ctx.total}]`)} ${cyan(first as string)}`);
      for (const line of rest) write(cyan(line));
    },
    output(chunk, stream) {
      if (!streamOutput) return;
      (stream === 'stdout' ? process.stdout : process.stderr).write(chunk);
    },
    commandEnd(_level, result) {
      if (!streamOutput) return;
      if (result.status === 'passed') write(dim(`   ✔ ${seconds(result.durationMs)}`));
      else if (result.status === 'timeout')
        write(red(`   ✖ timed out after ${seconds(ctx.timeoutMs)}: stopped with every process it started`));
      else if (result.status === 'interrupted') write(yellow('   ✖ interrupted'));
      else
        write(
          red(
            `   ✖ ${result.exitCode === null ? `killed by ${result.signal}` : `exit ${result.exitCode}`} (${seconds(result.durationMs)})`,
          ),
        );
      if (result.leftovers)
        write(dim('   (background processes it started are stopped when the level ends)'));
    },
    levelEnd(level, result) {
      write(levelLine(level.level, level.title, result));
    },
  };
}

function levelLine(n: number, title: string, result: LevelResult): string {
  const ran = result.commands.filter((c) => c.status !== 'not-run');
  const ok = result.commands.filter((c) => c.status === 'passed').length;
  const total = result.commands.length;
  if (result.status === 'passed')
    return green(`✔ Level ${n} passed: ${ok}/${total} commands in ${seconds(result.durationMs)}`);
  if (result.status === 'skipped') return dim(`○ Level ${n} ${title}: not run`);
  const bad = ran.find((c) => c.status !== 'passed');
  const at = bad ? result.commands.indexOf(bad) + 1 : 0;
  const why = bad
    ? bad.status === 'timeout'
      ? 'timed out'
      : bad.status === 'interrupted'
        ? 'was interrupted'
        : bad.exitCode === null
          ? `was killed (${bad.signal})`
          : `exited ${bad.exitCode}`
    : 'failed';
  return red(
    `✖ Level ${n} failed: command ${at} of ${total} ${why} (${ok}/${total} passed, ${seconds(result.durationMs)})`,
  );
}

export function printSummary(write: Write, run: RunRecord, evidence: string): void {
  const rows: string[][] = [];
  for (const level of run.results) {
    for (const c of level.commands)
      rows.push([
        String(level.level),
        oneLine(c.command),
        exitText(c),
        c.status === 'not-run' ? dim('-') : seconds(c.durationMs),
      ]);
  }
  write('');
  write(table(rows, ['LEVEL', 'COMMAND', 'EXIT', 'DURATION']));
  write('');
  const commands = run.results.flatMap((l) => l.commands);
  const failed = commands.filter((c) => c.status !== 'passed' && c.status !== 'not-run').length;
  const notRun = commands.filter((c) => c.status === 'not-run').length;
  const levels = run.results.length;
  const scope = run.complete ? '' : dim(` (levels ${run.levels.join(', ')} of ${run.specLevels.join(', ')})`);
  if (run.interrupted) write(yellow(bold(`Interrupted after ${seconds(run.durationMs)}`)));
  else if (run.passed)
    write(
      green(
        bold(
          `Passed: ${levels} level${levels === 1 ? '' : 's'}, ${commands.length} command${commands.length === 1 ? '' : 's'} in ${seconds(run.durationMs)}`,
        ),
      ) + scope,
    );
  else
    write(
      red(bold(`Failed: ${failed} of ${commands.length} command${commands.length === 1 ? '' : 's'} failed`)) +
        (notRun ? `, ${notRun} not run` : '') +
        ` (${seconds(run.durationMs)})${scope}`,
    );
  const at = run.commit
    ? `${run.commit.slice(0, 12)}${run.dirty ? ' + uncommitted changes' : ''}`
    : 'no git commit';
  write(dim(`Evidence: ${evidence} (${at})`));
}

export function printHistory(
  write: Write,
  spec: string,
  runs: readonly RunEntry[],
  head: string | null,
): void {
  if (!runs.length) {
    write(dim(`${spec}: no runs yet (specwright verify ${spec})`));
    return;
  }
  const rows = runs.map(({ run }) => {
    const bad = run.results
      .flatMap((l) => l.commands.map((c) => ({ level: l.level, c })))
      .find((x) => x.c.status !== 'passed' && x.c.status !== 'not-run');
    return [
      run.startedAt.replace('T', ' ').slice(0, 19),
      run.commit
        ? `${run.commit.slice(0, 10)}${run.dirty ? '+' : ''}${run.commit === head ? ' (HEAD)' : ''}`
        : dim('-'),
      run.interrupted ? yellow('interrupted') : run.passed ? green('passed') : red('failed'),
      run.complete ? 'all' : run.levels.join(','),
      seconds(run.durationMs),
      bad ? `${bad.level}: ${oneLine(bad.c.command, 40)}` : '',
    ];
  });
  write(table(rows, ['STARTED (UTC)', 'COMMIT', 'RESULT', 'LEVELS', 'DURATION', 'FIRST FAILURE']));
  write(
    dim(
      `${runs.length} run${runs.length === 1 ? '' : 's'}; '+' marks a run on a tree with uncommitted changes`,
    ),
  );
}
