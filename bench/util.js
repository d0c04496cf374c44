// Small helpers shared by the benchmark suites.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const CLI = path.join(ROOT, 'bin', 'specwright.js');
const GNU_TIME = '/usr/bin/time';

/** Every .md file under `dir`, sorted, as absolute paths. */
export function markdownFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.specwright') walk(full);
      } else if (entry.name.endsWith('.md')) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Seconds taken by fn(). */
export function time(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Best (shortest) time of `runs` calls of fn, after `warmup` untimed calls. */
export function bestOf(fn, runs = 3, warmup = 1) {
  for (let i = 0; i < warmup; i++) fn();
  return Math.min(...Array.from({ length: runs }, () => time(fn)));
}

let gnuTime;
function hasGnuTime() {
  if (gnuTime === undefined) {
    gnuTime =
      fs.existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-v', 'true'], { encoding: 'utf8' }).status === 0;
  }
  return gnuTime;
}

/**
 * Run `node <args>` once, stdout to a scratch file (or to the file `stdoutTo`, which is kept). Returns { seconds, status, stderr, maxRssKB?, stdoutBytes }.
 * With `measureRss`, peak memory comes from GNU time -v, or else from bench/maxrss.js running the script in-process
 * (whose own wrapper overhead is then part of the figure and of the wall time).
 */
export function runNode(args, { measureRss = false, stdoutTo } = {}) {
  const out = stdoutTo ?? path.join(os.tmpdir(), `specwright-bench-out-${process.pid}`);
  const rssFile = `${out}.rss`;
  const fd = fs.openSync(out, 'w');
  let cmd = process.execPath;
  let argv = args;
  const useTime = measureRss && hasGnuTime();
  if (useTime) [cmd, argv] = [GNU_TIME, ['-v', process.execPath, ...args]];
  else if (measureRss) argv = [path.join(ROOT, 'bench', 'maxrss.js'), rssFile, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.closeSync(fd);
  const result = { seconds, status: r.status, stderr: r.stderr ?? '', stdoutBytes: fs.statSync(out).size };
  if (useTime) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
    if (m) result.maxRssKB = Number(m[1]);
    result.stderr = result.stderr.slice(0, result.stderr.indexOf('\tCommand being timed'));
    const exit = /Command exited with non-zero status (\d+)/.exec(r.stderr);
    if (exit) result.status = Number(exit[1]);
  } else if (measureRss && fs.existsSync(rssFile)) {
    result.maxRssKB = Number(fs.readFileSync(rssFile, 'utf8'));
    fs.rmSync(rssFile);
  }
  if (!stdoutTo) fs.rmSync(out);
  return result;
}

export const fmt = {
  mbps: (bytes, seconds) => `${(bytes / 1e6 / seconds).toFixed(0)} MB/s`,
  ms: (seconds) => `${(seconds * 1000).toFixed(0)} ms`,
  mb: (kb) => `${(kb / 1024).toFixed(0)} MB`,
};

/** mulberry32: a tiny, fast, seedable PRNG returning floats in [0, 1); every generated corpus is deterministic. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
