// `specwright list --json` over the whole corpus: cold (no cache), warm (cache filled), peak memory.

import fs from 'node:fs';
import path from 'node:path';
import { CLI, fmt, median, runNode } from './util.js';

export const title = 'list --json';
const RUNS = 3;

export default async function list(dir, corpus) {
  if (!fs.existsSync(CLI)) return [{ metric: 'list: CLI not built', value: '—' }];
  const args = [CLI, 'list', '--json', '--cwd', dir];
  const cache = path.join(dir, '.specwright', 'cache');
  const cold = [];
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    fs.rmSync(cache, { recursive: true, force: true });
    cold.push(runNode(args, { measureRss: true }));
  }
  for (let i = 0; i < RUNS; i++) warm.push(runNode(args, { measureRss: true }));
  const failed = [...cold, ...warm].find((r) => r.status !== 0);
  if (failed) {
    const lines = failed.stderr.trim().split('\n');
    const why = lines.find((l) => /error/i.test(l)) ?? lines[0] ?? '';
    return [{ metric: 'list: CLI failed', value: `exit ${failed.status}`, ref: why.slice(0, 60) }];
  }

  const at10k = corpus.size >= 10000; // the wall-time targets are stated for 10k documents
  const coldS = median(cold.map((r) => r.seconds));
  const warmS = median(warm.map((r) => r.seconds));
  const peak = (runs) => Math.max(...runs.map((r) => r.maxRssKB ?? 0));
  const memRow = (name, runs) => ({
    metric: name,
    value: peak(runs) ? fmt.mb(peak(runs)) : 'n/a',
    target: '< 300 MB',
    ok: peak(runs) ? peak(runs) < 300 * 1024 : undefined,
  });
  return [
    {
      metric: 'list --json cold',
      value: fmt.ms(coldS),
      ref: `median of ${RUNS}; ${(cold[0].stdoutBytes / 1e6).toFixed(1)} MB JSON`,
      target: at10k ? '< 1.5 s' : '',
      ok: at10k ? coldS < 1.5 : undefined,
    },
    {
      metric: 'list --json warm',
      value: fmt.ms(warmS),
      ref: `median of ${RUNS}`,
      target: at10k ? '< 0.3 s' : '',
      ok: at10k ? warmS < 0.3 : undefined,
    },
    memRow('list peak RSS cold', cold),
    memRow('list peak RSS warm', warm),
  ];
}
