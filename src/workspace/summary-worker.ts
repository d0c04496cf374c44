/** A `list` worker thread (see listSpecs): summarizes its share of the files the cache could not answer. */
import { workerData } from 'node:worker_threads';
import { type ShareData, serveShare } from '../parallel/shares.js';
import { loadWorkspace, type SummaryOutcome, type SummaryWorkerSetup, summarizeFile } from './workspace.js';

await serveShare<SummaryWorkerSetup, string, SummaryOutcome>(
  workerData as ShareData<SummaryWorkerSetup, string>,
  async ({ root, known }) => {
    const ws = await loadWorkspace(root);
    return (rel) => summarizeFile(ws, rel, (hash) => known[rel] === hash);
  },
);
