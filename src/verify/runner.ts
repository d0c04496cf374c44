/**
 * Run one command the way CI would: `bash -c <command>` in the repository root,
 * stdin closed, in a process group of its own, with a timeout that stops the
 * whole group (the command and every child it started). Output streams to the
 * caller as it arrives and is hashed and tailed for the evidence file.
 */
import { spawn } from 'node:child_process';
import { SpecwrightError } from '../errors.js';
import { type CapturedOutput, OutputCapture } from './output-capture.js';
import { groupAlive, terminateGroup } from './process-group.js';

export interface RunCommandOptions {
  cwd: string;
  timeoutMs: number;
  /** How long a group gets between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  env?: NodeJS.ProcessEnv;
  onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
  /** How long to wait for output after the command exits while a background process holds its pipes. */
  drainMs?: number;
}

export interface CommandOutcome extends CapturedOutput {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  interrupted: boolean;
  durationMs: number;
  /** The process group id: the group may outlive the command when it started background jobs. */
  pgid: number;
  /** Whether processes of the group were still running when the command finished. */
  leftovers: boolean;
}

export interface RunningCommand {
  pgid: number;
  done: Promise<CommandOutcome>;
  /** Stop the command and its group now (an interrupt); `done` then resolves with `interrupted`. */
  interrupt(): void;
}

export const DEFAULT_KILL_GRACE_MS = 2000;
/** setTimeout fires at once past 2^31-1 ms; a longer limit is as good as none (24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function startCommand(command: string, opts: RunCommandOptions): RunningCommand {
  const started = performance.now();
  const child = spawn('bash', ['-c', command], {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const grace = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const capture = new OutputCapture();
  let recording = true;
  let timedOut = false;
  let interrupted = false;
  let stopping: Promise<void> | undefined;
  const pgid = child.pid ?? -1;

  const stop = () => {
    if (!stopping && pgid > 0) stopping = terminateGroup(pgid, grace);
    return stopping;
  };
  const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    if (!recording) return; // a background job still writing after its command ended: drained, not kept
    capture.push(chunk);
    opts.onOutput?.(chunk, stream);
  };
  child.stdout?.on('data', onData('stdout'));
  child.stderr?.on('data', onData('stderr'));

  const done = new Promise<CommandOutcome>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        timedOut = true;
        void stop();
      },
      Math.min(opts.timeoutMs, MAX_TIMER_MS),
    );
    let exit: { code: number | null; signal: string | null; durationMs: number } | undefined;
    let settled = false;
    const settle = async () => {
      if (settled || !exit) return;
      settled = true;
      recording = false;
      // A killed command: make sure the rest of its group is gone before reporting.
      if (stopping) await stopping;
      const leftovers = pgid > 0 && groupAlive(pgid);
      resolve({
        exitCode: exit.code,
        signal: exit.signal,
        timedOut,
        interrupted,
        durationMs: exit.durationMs,
        pgid,
        leftovers,
        ...capture.finish(),
      });
    };
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new SpecwrightError(`cannot run bash: ${err.message}`, undefined, undefined, 'verify'));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      exit = { code, signal, durationMs: Math.round(performance.now() - started) };
      // Output may still be in the pipes; a background job may hold them open for good.
      setTimeout(() => void settle(), opts.drainMs ?? 200);
    });
    child.once('close', () => void settle());
  });
  return {
    pgid,
    done,
    interrupt: () => {
      interrupted = true;
      void stop();
    },
  };
}
