// Parse throughput beside the raw floor (read every file + count its lines).

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bestOf, fmt, ROOT } from './util.js';

export const title = 'parse';

export default async function throughput(dir, corpus) {
  const { parseSpec } = await import(pathToFileURL(path.join(ROOT, 'dist/model/parse.js')).href);
  const rel = corpus.files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

  let lines = 0;
  const floor = bestOf(() => {
    lines = 0;
    for (const file of corpus.files) {
      const text = fs.readFileSync(file, 'utf8');
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    }
  });
  let sections = 0;
  const parse = bestOf(() => {
    sections = 0;
    corpus.files.forEach((file, i) => {
      sections += parseSpec(fs.readFileSync(file, 'utf8'), rel[i]).sections.length;
    });
  });

  const mbps = corpus.bytes / 1e6 / parse;
  return [
    { metric: 'read + line scan (floor)', value: fmt.mbps(corpus.bytes, floor), ref: `${lines} lines` },
    {
      metric: 'read + parseSpec',
      value: fmt.mbps(corpus.bytes, parse),
      ref: `${((100 * floor) / parse).toFixed(0)}% of floor; ${fmt.ms(parse)}; ${sections} top sections`,
      target: '≥ 100 MB/s',
      ok: mbps >= 100,
    },
  ];
}
