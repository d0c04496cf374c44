/**
 * Cold `check` runs lint shares of the files on worker threads (worker.ts, src/parallel/shares.ts).
 * The results are the same as a single-threaded run's: each worker records what its rules asked
 * (paths probed, issue numbers), and the engine checks those answers against the whole run
 * afterwards, as it does for cached results.
 */
import { inParallel, workerCount } from '../parallel/shares.js';
import type { FileOutcome } from './analyser.js';
import type { SeverityName } from './severity.js';
import type { Target } from './targets.js';

/**
 * Below this many files per thread, starting a worker (loading the rules again) costs more than it
 * saves. On a 2-core machine, 1,000 files took 1.96 s on one thread and 2.31 s with a worker;
 * 10,000 took 11.7 s and 10.1 s.
 */
const MIN_FILES_PER_THREAD = 2000;
/**
 * On 2 cores a worker bought little and cost a second heap: 10,000 files took 8.9 s and 250 MB
 * at peak on one thread, 7.7 s and 320 MB with a worker (capping the worker's heap did not help).
 */
const MIN_CORES = 4;

/** How many lint workers to start for `pending` files (see workerCount). */
export function lintWorkerCount(pending: number): number {
  return workerCount(pending, MIN_FILES_PER_THREAD, MIN_CORES);
}

/** What a worker needs to lint as this thread does: the workspace, the CLI's rule settings, the run's issue set. */
export interface WorkerSetup {
  root: string;
  cli: Readonly<Record<string, SeverityName>>;
  issues: number[];
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
  inParallel(new URL('./worker.js', import.meta.url), setup, files, workers, here, (i, outcome) =>
    collect(i, revive(outcome)),
  );
}

/** Buffers arrive from a worker as plain Uint8Arrays; this thread's own outcomes pass as they are. */
function revive(outcome: FileOutcome): FileOutcome {
  if ('result' in outcome) {
    const data = outcome.result.packed.data as Uint8Array;
    if (!Buffer.isBuffer(data))
      outcome.result.packed.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  return outcome;
}
