// Parse throughput beside the raw floor (read every file + count its lines).

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bestOf, fmt, ROOT } from './util.js';

export const title = 'parse';

export default async function throughput(dir, corpus) {
  const { parseSpec } = await import(pathToFileURL(path.join(ROOT, 'dist/model/parse.js')).href);
  const { scanBlocks } = await import(pathToFileURL(path.join(ROOT, 'dist/model/scan.js')).href);
  const rel = corpus.files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

  let lines = 0;
  const floor = bestOf(() => {
    lines = 0;
    for (const file of corpus.files) {
      const text = fs.readFileSync(file, 'utf8');
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    }
  });
  // The block scan alone (headings, fences, lists, tables): what any parse of the model does before
  // it extracts a single field, so a ceiling for parseSpec.
  let blocks = 0;
  const scanned = bestOf(() => {
    blocks = 0;
    for (const file of corpus.files) blocks += scanBlocks(fs.readFileSync(file, 'utf8')).headings.length;
  });
  // Checklist items, code blocks, tables and problems are built when first read (src/model/lazy.ts),
  // so two figures: the parse as `list` uses it, and with every field read, which is the target's.
  let sections = 0;
  const parseFor = (read) =>
    bestOf(() => {
      sections = 0;
      corpus.files.forEach((file, i) => {
        sections += read(parseSpec(fs.readFileSync(file, 'utf8'), rel[i]));
      });
    });
  const listed = parseFor((doc) => doc.sections.length + doc.placeholders.length + doc.progress.total);
  const full = parseFor(
    (doc) =>
      doc.sections.length +
      doc.checklist.length +
      doc.code.length +
      doc.tables.length +
      doc.problems.length +
      doc.ids.length,
  );

  const mbps = corpus.bytes / 1e6 / full;
  return [
    { metric: 'read + line scan (floor)', value: fmt.mbps(corpus.bytes, floor), ref: `${lines} lines` },
    {
      metric: 'read + block scan only (ceiling)',
      value: fmt.mbps(corpus.bytes, scanned),
      ref: `${((100 * floor) / scanned).toFixed(0)}% of floor; ${fmt.ms(scanned)}; ${blocks} headings`,
    },
    {
      metric: 'read + parseSpec, what list reads',
      value: fmt.mbps(corpus.bytes, listed),
      ref: `${((100 * floor) / listed).toFixed(0)}% of floor; ${fmt.ms(listed)}`,
    },
    {
      metric: 'read + parseSpec, every field read',
      value: fmt.mbps(corpus.bytes, full),
      ref: `${((100 * floor) / full).toFixed(0)}% of floor; ${fmt.ms(full)}; ${sections} top sections`,
      target: '≥ 100 MB/s',
      ok: mbps >= 100,
    },
  ];
}
