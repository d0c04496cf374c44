// `specwright --version` wall time beside bare Node startup (`node -e 0`). Independent of the corpus.

import fs from 'node:fs';
import { CLI, fmt, median, runNode } from './util.js';

export const title = 'startup';
export const once = true;
const RUNS = 10;

export default async function startup() {
  const spawnMedian = (args) => {
    const runs = Array.from({ length: RUNS }, () => runNode(args));
    return { seconds: median(runs.map((r) => r.seconds)), failed: runs.find((r) => r.status !== 0) };
  };
  runNode(['-e', '0']); // warm the file-system cache
  const node = spawnMedian(['-e', '0']);
  const rows = [{ metric: 'node -e 0 (floor)', value: fmt.ms(node.seconds), ref: `median of ${RUNS}` }];
  if (!fs.existsSync(CLI)) return [...rows, { metric: '--version: CLI not built', value: '—' }];
  const version = spawnMedian([CLI, '--version']);
  if (version.failed)
    return [...rows, { metric: '--version: CLI failed', value: `exit ${version.failed.status}` }];
  return [
    ...rows,
    {
      metric: 'specwright --version',
      value: fmt.ms(version.seconds),
      ref: `median of ${RUNS}; +${fmt.ms(version.seconds - node.seconds)} over node`,
      target: '< 100 ms',
      ok: version.seconds < 0.1,
    },
  ];
}
