// node bench/profile.js [count] [top]   |   node bench/profile.js --summarize FILE.cpuprofile [top]
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

const maps = new Map(); // dist .js path -> SourceMap | null
const sources = new Map(); // file: URL -> lines

function summarize(profile, top) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const groups = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
    const key = `${functionName}|${url}|${lineNumber}|${columnNumber}`;
    const g = groups.get(key) ?? {
      name: functionName || '(anonymous)',
      where: where(url, lineNumber, columnNumber),
      us: 0,
    };
    g.us += us;
    groups.set(key, g);
  }
  const rows = [...groups.values()].sort((a, b) => b.us - a.us).slice(0, top);
  console.log(`self time by function, total ${(total / 1000).toFixed(0)} ms`);
  for (const g of rows) {
    console.log(
      `${((100 * g.us) / total).toFixed(1).padStart(5)}%  ${(g.us / 1000).toFixed(0).padStart(6)} ms  ${g.name}  ${g.where}`,
    );
  }

  const files = new Map();
  for (const g of groups.values()) {
    const file = g.where.replace(/:\d+$/, '').replace(/^node_modules\/([^/]+).*/, 'node_modules/$1');
    files.set(file, (files.get(file) ?? 0) + g.us);
  }
  console.log('\nself time by file');
  for (const [file, us] of [...files].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${file}`,
    );
  }

  // Inlined helpers are charged to their caller, so also rank source lines (V8's positionTicks).
  const lines = new Map();
  for (const n of profile.nodes) {
    if (!n.callFrame.url.startsWith('file:')) continue; // natives are ranked above already
    for (const { line, ticks } of n.positionTicks ?? []) {
      const at = where(n.callFrame.url, line - 1, firstColumn(n.callFrame.url, line - 1));
      const l = lines.get(at) ?? { at, fn: n.callFrame.functionName || '(anonymous)', ticks: 0 };
      l.ticks += ticks;
      lines.set(at, l);
    }
  }
  const samples = profile.samples.length;
  console.log(`\nself samples by source line, of ${samples}`);
  for (const l of [...lines.values()].sort((a, b) => b.ticks - a.ticks).slice(0, top)) {
    console.log(`${((100 * l.ticks) / samples).toFixed(1).padStart(5)}%  ${l.at}  (${l.fn})`);
  }
}

/** Column of the first non-blank character of a 0-based line of a file: URL, for source-map lookup. */
function firstColumn(url, line) {
  if (!url.startsWith('file:')) return 0;
  if (!sources.has(url)) sources.set(url, fs.readFileSync(fileURLToPath(url), 'utf8').split('\n'));
  const text = sources.get(url)[line] ?? '';
  return text.length - text.trimStart().length;
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

const [mode, ...rest] = process.argv.slice(2);

if (mode === '--child') {
  const dir = rest[0];
  const { parseSpec } = await import(pathToFileURL(path.join(ROOT, 'dist/model/parse.js')).href);
  const files = markdownFiles(dir);
  for (let round = 0; round < 3; round++) {
    for (const f of files) parseSpec(fs.readFileSync(f, 'utf8'), path.relative(dir, f));
  }
} else if (mode === '--summarize') {
  summarize(JSON.parse(fs.readFileSync(rest[0], 'utf8')), Number(rest[1] ?? 10));
} else {
  const count = Number(mode ?? 10000);
  const top = Number(rest[0] ?? 10);
  const dir = ensureCorpus(count);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-prof-'));
  const self = fileURLToPath(import.meta.url);
  spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${out}`, self, '--child', dir], {
    stdio: 'inherit',
  });
  const file = path.join(out, fs.readdirSync(out)[0]);
  console.log(`profile: ${file}\n`);
  summarize(JSON.parse(fs.readFileSync(file, 'utf8')), top);
}
