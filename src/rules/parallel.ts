/**
 * Cold runs over many files use every core: worker threads (worker.ts) lint shares of the files
 * while the main thread lints its own, then the main thread collects the workers' results. The
 * results are the same as a single-threaded run's: each worker records what its rules asked
 * (paths probed, issue numbers), and the engine checks those answers against the whole run
 * afterwards, as it does for cached results.
 *
 * lintPaths is synchronous, so waiting is done with Atomics.wait on a shared counter the workers
 * bump after each message, and messages are pulled with receiveMessageOnPort.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { FileOutcome } from './analyser.js';
import type { SeverityName } from './severity.js';
import type { Target } from './targets.js';

/** Below this many files per thread, starting a worker (loading the rules again) costs more than it saves. */
const MIN_FILES_PER_THREAD = 300;
/** A worker silent this long is given up on, and its files are linted here. */
const STALL_MS = 60_000;

/**
 * How many workers to start for `pending` files: none from TypeScript sources (tests), none for
 * small runs; `SPECWRIGHT_WORKERS=N` forces N (0 turns them off).
 */
export function workerCount(pending: number): number {
  if (!import.meta.url.endsWith('.js')) return 0;
  const forced = process.env.SPECWRIGHT_WORKERS;
  if (forced !== undefined && forced !== '')
    return Math.max(0, Math.min(16, Math.floor(Number(forced)) || 0));
  const threads = Math.min(availableParallelism(), Math.floor(pending / MIN_FILES_PER_THREAD));
  return Math.max(0, threads - 1);
}

/** What a worker needs to lint as this thread does: the workspace, the CLI's rule settings, the run's issue set. */
export interface WorkerSetup {
  root: string;
  cli: Readonly<Record<string, SeverityName>>;
  issues: number[];
}

interface Running {
  worker: Worker;
  port: MessagePort;
  files: Map<number, Target>;
  done: boolean;
  lastHeard: number;
}

/**
 * Lint `files` ([index, target]) across `workers` threads plus this one. `here` lints one file on
 * this thread; `collect` receives every outcome, from either side, with the file's index.
 */
export function lintInParallel(
  setup: WorkerSetup,
  files: ReadonlyArray<[number, Target]>,
  workers: number,
  here: (target: Target) => FileOutcome,
  collect: (index: number, outcome: FileOutcome) => void,
): void {
  const shares: Array<Array<[number, Target]>> = Array.from({ length: workers + 1 }, () => []);
  files.forEach((f, k) => {
    (shares[k % (workers + 1)] as Array<[number, Target]>).push(f);
  });
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const running: Running[] = [];
  for (let w = 1; w <= workers; w++) {
    const share = shares[w] as Array<[number, Target]>;
    try {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(new URL('./worker.js', import.meta.url), {
        workerData: { ...setup, files: share, signal, port: port2 },
        transferList: [port2],
      });
      worker.unref();
      running.push({ worker, port: port1, files: new Map(share), done: false, lastHeard: Date.now() });
    } catch {
      (shares[0] as Array<[number, Target]>).push(...share); // no worker: this thread takes the share
    }
  }

  for (const [i, target] of shares[0] as Array<[number, Target]>) collect(i, here(target));

  for (;;) {
    const seen = Atomics.load(signal, 0);
    let active = 0;
    for (const r of running) {
      if (r.done) continue;
      for (let m = receiveMessageOnPort(r.port); m; m = receiveMessageOnPort(r.port)) {
        r.lastHeard = Date.now();
        const msg = m.message as { i?: number; outcome?: FileOutcome; done?: boolean; fatal?: string };
        if (msg.outcome && msg.i !== undefined && r.files.delete(msg.i)) collect(msg.i, revive(msg.outcome));
        if (msg.done || msg.fatal !== undefined) r.done = true;
      }
      if (!r.done && Date.now() - r.lastHeard > STALL_MS) r.done = true;
      if (r.done) {
        // Whatever a failed or stalled worker did not deliver is linted here.
        for (const [i, target] of r.files) collect(i, here(target));
        r.files.clear();
        void r.worker.terminate();
        r.port.close();
      } else active++;
    }
    if (active === 0) return;
    Atomics.wait(signal, 0, seen, 200);
  }
}

/** Buffers arrive as plain Uint8Arrays. */
function revive(outcome: FileOutcome): FileOutcome {
  if ('result' in outcome) {
    const data = outcome.result.packed.data as Uint8Array;
    outcome.result.packed.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  return outcome;
}
