// node bench/profile.js [count] [top]
// Profiles readFileSync + parseSpec over the synthetic corpus with --cpu-prof and prints the
// functions with the most self time, mapped through dist/*.js.map to src/*.ts lines.
// Not a suite of run.js: run it by hand when parse throughput misses its target.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCorpus } from './generate.js';
import { markdownFiles, ROOT } from './util.js';

const [mode, ...rest] = process.argv.slice(2);
const maps = new Map(); // dist .js path -> SourceMap | null

if (mode === '--child') {
  const dir = rest[0];
  const { parseSpec } = await import(pathToFileURL(path.join(ROOT, 'dist/model/parse.js')).href);
  const files = markdownFiles(dir);
  for (let round = 0; round < 3; round++) {
    for (const f of files) parseSpec(fs.readFileSync(f, 'utf8'), path.relative(dir, f));
  }
} else {
  const count = Number(mode ?? 10000);
  const top = Number(rest[0] ?? 10);
  const dir = ensureCorpus(count);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-prof-'));
  const self = fileURLToPath(import.meta.url);
  spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${out}`, self, '--child', dir], { stdio: 'inherit' });
  const file = path.join(out, fs.readdirSync(out)[0]);
  console.log(`profile: ${file}\n`);
  summarize(JSON.parse(fs.readFileSync(file, 'utf8')), top);
}

function summarize(profile, top) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const groups = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
    const key = `${functionName}|${url}|${lineNumber}|${columnNumber}`;
    const g = groups.get(key) ?? { name: functionName || '(anonymous)', where: where(url, lineNumber, columnNumber), us: 0 };
    g.us += us;
    groups.set(key, g);
  }
  const rows = [...groups.values()].sort((a, b) => b.us - a.us).slice(0, top);
  console.log(`self time, total ${(total / 1000).toFixed(0)} ms`);
  for (const g of rows) {
    console.log(`${((100 * g.us) / total).toFixed(1).padStart(5)}%  ${(g.us / 1000).toFixed(0).padStart(6)} ms  ${g.name}  ${g.where}`);
  }
}

/** A call frame's place, as src/…ts:line when a source map says so (profile positions are 0-based). */
function where(url, line, column) {
  if (!url.startsWith('file:')) return url || '(native)';
  const js = fileURLToPath(url);
  if (!maps.has(js)) {
    const map = `${js}.map`;
    maps.set(js, fs.existsSync(map) ? new SourceMap(JSON.parse(fs.readFileSync(map, 'utf8'))) : null);
  }
  const entry = maps.get(js)?.findEntry(line, column);
  if (entry?.originalSource) {
    const src = path.resolve(path.dirname(js), entry.originalSource.replace(/^file:\/\//, ''));
    return `${path.relative(ROOT, src)}:${entry.originalLine + 1}`;
  }
  return `${path.relative(ROOT, js)}:${line + 1}`;
}
