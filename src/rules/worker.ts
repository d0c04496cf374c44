/**
 * A lint worker thread (see parallel.ts): lints its share of a cold run's files with the same
 * rules and settings as the main thread, and posts one message per file. lintPaths is
 * synchronous, so the main thread waits on `signal` (Atomics) and pulls the messages with
 * receiveMessageOnPort; every post is followed by a notify.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { loadWorkspace } from '../workspace/workspace.js';
import { RULES } from './all.js';
import { Analyser } from './analyser.js';
import type { WorkerSetup } from './parallel.js';
import type { Target } from './targets.js';

interface WorkerInput extends WorkerSetup {
  files: Array<[number, Target]>;
  signal: Int32Array;
  port: MessagePort;
}

const { root, cli, issues, files, signal, port } = workerData as WorkerInput;
const post = (message: unknown) => {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};

try {
  const ws = await loadWorkspace(root);
  const analyser = new Analyser(ws, RULES, cli);
  for (const n of issues) analyser.issues.add(n);
  for (const [i, target] of files) post({ i, outcome: analyser.analyseFile(target) });
  post({ done: true });
} catch (err) {
  post({ fatal: err instanceof Error ? err.message : String(err) });
} finally {
  port.close();
}
