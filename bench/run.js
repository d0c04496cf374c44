// `npm run bench`: generate (or reuse) the synthetic corpora, run every suite, print one table.
// Sizes: BENCH_SIZES=1000,10000 (the default). Targets are printed beside the figures, not asserted.
//
// A suite is a file bench/<name>.js listed in SUITES, exporting:
//   title: string                     the group name in the table
//   once?: true                       run once, not per corpus (it gets no corpus)
//   default async (dir, corpus) =>    corpus = { size, files: absolute .md paths, bytes }
//     [{ metric, value, ref?, target?, ok? }]   one table row each; ok: true/false/undefined

import fs from 'node:fs';
import os from 'node:os';
import { ensureCorpus } from './generate.js';
import { markdownFiles } from './util.js';

const SUITES = ['throughput.js', 'list.js', 'check.js', 'startup.js', 'tasks.js'];

const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number).filter(Boolean);
const suites = await Promise.all(SUITES.map((file) => import(`./${file}`)));
const rows = [];

for (const size of sizes) {
  process.stderr.write(`corpus ${size}: `);
  const dir = ensureCorpus(size);
  const files = markdownFiles(dir);
  const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const corpus = { size, files, bytes };
  process.stderr.write(`${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${dir}\n`);
  for (const suite of suites.filter((s) => !s.once)) {
    process.stderr.write(`  ${suite.title}…\n`);
    for (const row of await suite.default(dir, corpus)) rows.push({ corpus: String(size), ...row });
  }
}
for (const suite of suites.filter((s) => s.once)) {
  process.stderr.write(`${suite.title}…\n`);
  for (const row of await suite.default()) rows.push({ corpus: '—', ...row });
}

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
console.log(`\nspecwright bench — node ${process.version}, ${cpu} ×${os.cpus().length}\n`);
const columns = [
  ['corpus', (r) => r.corpus],
  ['metric', (r) => r.metric],
  ['value', (r) => r.value],
  ['target', (r) => r.target ?? ''],
  ['', (r) => (r.ok === undefined ? '' : r.ok ? 'ok' : 'MISS')],
  ['notes', (r) => r.ref ?? ''],
];
const cells = rows.map((r) => columns.map(([, get]) => String(get(r))));
const widths = columns.map(([name], i) => Math.max(name.length, ...cells.map((c) => c[i].length)));
const line = (c) =>
  c
    .map((s, i) => s.padEnd(widths[i]))
    .join('  ')
    .trimEnd();
console.log(line(columns.map(([name]) => name)));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const c of cells) console.log(line(c));
