/**
 * A lint worker thread (see parallel.ts): lints its share of a cold run's files with the same
 * rules and settings as the main thread.
 */
import { workerData } from 'node:worker_threads';
import { type ShareData, serveShare } from '../parallel/shares.js';
import { loadWorkspace } from '../workspace/workspace.js';
import { RULES } from './all.js';
import type { FileOutcome } from './analyser.js';
import { Analyser } from './analyser.js';
import type { WorkerSetup } from './parallel.js';
import type { Target } from './targets.js';

await serveShare<WorkerSetup, Target, FileOutcome>(
  workerData as ShareData<WorkerSetup, Target>,
  async ({ root, cli, issues }) => {
    const ws = await loadWorkspace(root);
    const analyser = new Analyser(ws, RULES, cli);
    for (const n of issues) analyser.issues.add(n);
    return (target) => analyser.analyseFile(target);
  },
);
