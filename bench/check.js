// `specwright check` over the whole corpus, cold (no cache) and warm, with peak memory; beside it,
// in the same run, the peers (bench/peers.js): markdownlint over the same files, and
// `openspec validate --all --strict` over an OpenSpec-shaped corpus of the same count and sizes.
// The check report goes to a scratch file, as it would in CI (`--format json`).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureOpenSpecCorpus, peer, runMarkdownlint, runOpenSpec } from './peers.js';
import { CLI, fmt, median, ROOT, runNode } from './util.js';

export const title = 'check';
const RUNS = 3;

export default async function check(dir, corpus) {
  if (!fs.existsSync(CLI)) return [{ metric: 'check: CLI not built', value: '—' }];
  const args = [CLI, 'check', '--format', 'json', '--cwd', dir];
  const cacheFile = path.join(dir, '.specwright', 'cache', 'lint.jsonl');
  const cold = [];
  const warm = [];
  for (let i = 0; i < RUNS; i++) {
    fs.rmSync(cacheFile, { force: true });
    cold.push(runNode(args, { measureRss: true }));
  }
  // Files written by the generator a moment ago are not trusted by their size and times
  // (racy-stamp slack, docs/check.md): the first warm run confirms them by content.
  runNode(args);
  for (let i = 0; i < RUNS; i++) warm.push(runNode(args, { measureRss: true }));
  // The floor of a warm run: start, stat every file, write the same report (bench/report-floor.js).
  const report = path.join(os.tmpdir(), `specwright-bench-report-${process.pid}.json`);
  runNode(args, { stdoutTo: report });
  const floor = median(
    Array.from(
      { length: RUNS },
      () => runNode([path.join(ROOT, 'bench', 'report-floor.js'), report, dir]).seconds,
    ),
  );
  fs.rmSync(report, { force: true });
  // Exit 1 means lint errors were found, which the corpus has: only 2 and up is a failure.
  const failed = [...cold, ...warm].find((r) => r.status === null || r.status > 1);
  if (failed) {
    const why =
      failed.stderr
        .trim()
        .split('\n')
        .find((l) => /error/i.test(l)) ?? '';
    return [{ metric: 'check: CLI failed', value: `exit ${failed.status}`, ref: why.slice(0, 60) }];
  }

  const at10k = corpus.size >= 10000; // the targets are stated for 10k documents
  const coldS = median(cold.map((r) => r.seconds));
  const warmS = median(warm.map((r) => r.seconds));
  const peak = (runs) => Math.max(...runs.map((r) => r.maxRssKB ?? 0));
  const perDoc = (s) => `${((s * 1000) / corpus.size).toFixed(3)} ms/doc`;
  const rows = [
    {
      metric: 'check cold',
      value: fmt.ms(coldS),
      ref: `median of ${RUNS}; ${perDoc(coldS)}; ${(cold[0].stdoutBytes / 1e6).toFixed(1)} MB JSON report`,
      target: at10k ? '< 1.5 s' : '',
      ok: at10k ? coldS < 1.5 : undefined,
    },
    {
      metric: 'check warm',
      value: fmt.ms(warmS),
      ref: `median of ${RUNS}; ${perDoc(warmS)}`,
      target: at10k ? '< 0.3 s' : '',
      ok: at10k ? warmS < 0.3 : undefined,
    },
    {
      metric: 'floor: start, stat, write the report',
      value: fmt.ms(floor),
      ref: `median of ${RUNS}; check warm is ${(warmS / floor).toFixed(1)}× it`,
    },
    memRow('check peak RSS cold', peak(cold)),
    memRow('check peak RSS warm', peak(warm)),
  ];

  const mdl = peer('markdownlint');
  if (mdl.version) {
    const r = runMarkdownlint(corpus.files);
    if (r.status === 0) {
      rows.push({
        metric: `markdownlint ${mdl.version}`,
        value: fmt.ms(r.seconds),
        ref: `${r.problems} problems; check cold is ${(r.seconds / coldS).toFixed(1)}× faster; ${r.maxRssKB ? fmt.mb(r.maxRssKB) : ''}`,
        target: 'slower than check',
        ok: coldS < r.seconds,
      });
    } else
      rows.push({
        metric: 'markdownlint',
        value: 'failed',
        ref: r.stderr.trim().split('\n')[0]?.slice(0, 60),
      });
  } else rows.push({ metric: 'markdownlint', value: 'skipped', ref: mdl.why });

  const openspec = peer('openspec');
  if (openspec.version) {
    const sizes = corpus.files.map((f) => fs.statSync(f).size);
    const osDir = ensureOpenSpecCorpus(sizes);
    const r = runOpenSpec(osDir);
    if (r.passed !== undefined) {
      const ratio = r.seconds / corpus.size / (coldS / corpus.size);
      rows.push({
        metric: `openspec ${openspec.version} validate --all --strict`,
        value: fmt.ms(r.seconds),
        ref: `${r.passed} passed, ${r.failed} failed; ${perDoc(r.seconds)}; check cold ${ratio.toFixed(1)}× faster per doc`,
        target: '≥ 10× slower per doc',
        ok: ratio >= 10,
      });
    } else
      rows.push({
        metric: 'openspec',
        value: `exit ${r.status}`,
        ref: (r.stderr || r.stdout).trim().split('\n')[0]?.slice(0, 60),
      });
  } else rows.push({ metric: 'openspec', value: 'skipped', ref: openspec.why });
  return rows;
}

function memRow(metric, kb) {
  return { metric, value: kb ? fmt.mb(kb) : 'n/a', target: '< 300 MB', ok: kb ? kb < 300 * 1024 : undefined };
}
