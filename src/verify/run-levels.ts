/**
 * Run a plan's levels in order, one command at a time. A level fails at its
 * first failing command (the rest of it is not run, as in a CI job); the run
 * stops at the first failing level unless `continueOnFailure`, which runs
 * every command whatever happens. Background processes a command leaves
 * behind are stopped when its level ends.
 */

import { terminateGroup } from './process-group.js';
import { type CommandOutcome, DEFAULT_KILL_GRACE_MS, startCommand } from './runner.js';
import type { CommandResult, CommandStatus, LevelResult, VerifyCommand, VerifyLevel } from './types.js';

export interface LevelReporter {
  levelStart?(level: VerifyLevel, index: number, total: number): void;
  commandStart?(level: VerifyLevel, command: VerifyCommand, index: number): void;
  output?(chunk: Buffer, stream: 'stdout' | 'stderr'): void;
  commandEnd?(level: VerifyLevel, result: CommandResult): void;
  levelEnd?(level: VerifyLevel, result: LevelResult): void;
}

export interface RunLevelsOptions {
  cwd: string;
  timeoutMs: number;
  killGraceMs?: number;
  continueOnFailure?: boolean;
  env?: NodeJS.ProcessEnv;
  reporter?: LevelReporter;
  /** Aborting stops the running command (and its group) and runs nothing more. */
  signal?: AbortSignal;
}

export interface LevelsOutcome {
  results: LevelResult[];
  interrupted: boolean;
}

function statusOf(o: CommandOutcome): CommandStatus {
  if (o.interrupted) return 'interrupted';
  if (o.timedOut) return 'timeout';
  return o.exitCode === 0 ? 'passed' : 'failed';
}

function notRun(c: VerifyCommand): CommandResult {
  return {
    command: c.command,
    line: c.line,
    ...(c.expect ? { expect: c.expect } : {}),
    status: 'not-run',
    exitCode: null,
    signal: null,
    timedOut: false,
    durationMs: 0,
    outputBytes: 0,
    outputSha256: null,
    tail: '',
  };
}

export async function runLevels(
  levels: readonly VerifyLevel[],
  opts: RunLevelsOptions,
): Promise<LevelsOutcome> {
  const results: LevelResult[] = [];
  const reporter = opts.reporter ?? {};
  let interrupted = opts.signal?.aborted ?? false;
  let failed = false;
  for (const [index, level] of levels.entries()) {
    if (interrupted || (failed && !opts.continueOnFailure)) {
      results.push({
        level: level.level,
        title: level.title,
        status: 'skipped',
        durationMs: 0,
        commands: level.commands.map(notRun),
      });
      continue;
    }
    reporter.levelStart?.(level, index, levels.length);
    const started = performance.now();
    const commands: CommandResult[] = [];
    const leftoverGroups: number[] = [];
    let levelFailed = false;
    for (const [i, c] of level.commands.entries()) {
      if (interrupted || (levelFailed && !opts.continueOnFailure)) {
        commands.push(notRun(c));
        continue;
      }
      reporter.commandStart?.(level, c, i);
      const running = startCommand(c.command, {
        cwd: opts.cwd,
        timeoutMs: opts.timeoutMs,
        ...(opts.killGraceMs !== undefined ? { killGraceMs: opts.killGraceMs } : {}),
        ...(opts.env ? { env: opts.env } : {}),
        ...(reporter.output ? { onOutput: reporter.output } : {}),
      });
      const onAbort = () => running.interrupt();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      let outcome: CommandOutcome;
      try {
        outcome = await running.done;
      } finally {
        opts.signal?.removeEventListener('abort', onAbort);
      }
      if (outcome.leftovers) leftoverGroups.push(outcome.pgid);
      const status = statusOf(outcome);
      const result: CommandResult = {
        command: c.command,
        line: c.line,
        ...(c.expect ? { expect: c.expect } : {}),
        status,
        exitCode: outcome.exitCode,
        signal: outcome.signal,
        timedOut: outcome.timedOut,
        durationMs: outcome.durationMs,
        outputBytes: outcome.bytes,
        outputSha256: outcome.sha256,
        tail: outcome.tail,
        ...(outcome.leftovers ? { leftovers: true } : {}),
      };
      commands.push(result);
      reporter.commandEnd?.(level, result);
      if (status === 'interrupted') interrupted = true;
      if (status !== 'passed') levelFailed = true;
    }
    // What the level's commands left running in the background ends with the level.
    await Promise.all(
      leftoverGroups.map((pgid) => terminateGroup(pgid, opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS)),
    );
    if (levelFailed) failed = true;
    const result: LevelResult = {
      level: level.level,
      title: level.title,
      status: levelFailed ? 'failed' : commands.every((c) => c.status === 'passed') ? 'passed' : 'skipped',
      durationMs: Math.round(performance.now() - started),
      commands,
    };
    results.push(result);
    reporter.levelEnd?.(level, result);
  }
  return { results, interrupted };
}
