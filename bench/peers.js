// The peers `check` is measured against, installed from npm into a scratch folder outside the
// repository (never a dependency of specwright):
//   markdownlint (library, default rules) over the same Markdown files as `check`;
//   OpenSpec's `openspec validate --all --strict` over an OpenSpec-shaped corpus with the same
//   number of documents of the same sizes (OpenSpec only understands its own layout).
//
// BENCH_PEERS_DIR (default ../scratch/peers beside the repo) holds the install; BENCH_PEERS=0
// skips the peers. A peer that cannot be installed is skipped with a message, never fatal.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { prng, ROOT } from './util.js';

export const PEERS_DIR = path.resolve(
  process.env.BENCH_PEERS_DIR ?? path.join(ROOT, '..', 'scratch', 'peers'),
);
const PACKAGES = { markdownlint: 'markdownlint', openspec: '@fission-ai/openspec' };
const GNU_TIME = '/usr/bin/time';

/** The installed version of a peer, installing it on first use; undefined (with `why`) when it cannot be had. */
export function peer(name) {
  if (process.env.BENCH_PEERS === '0') return { why: 'BENCH_PEERS=0' };
  const pkg = PACKAGES[name];
  const manifest = path.join(PEERS_DIR, 'node_modules', pkg, 'package.json');
  if (!fs.existsSync(manifest)) {
    fs.mkdirSync(PEERS_DIR, { recursive: true });
    if (!fs.existsSync(path.join(PEERS_DIR, 'package.json')))
      fs.writeFileSync(path.join(PEERS_DIR, 'package.json'), '{ "private": true }\n');
    process.stderr.write(`    installing ${pkg} into ${PEERS_DIR}…\n`);
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', pkg], {
      cwd: PEERS_DIR,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (r.status !== 0 || !fs.existsSync(manifest)) {
      const why = (r.stderr || r.error?.message || `npm exit ${r.status}`).trim().split('\n').pop();
      return { why: `cannot install ${pkg}: ${why}`.slice(0, 80) };
    }
  }
  return { version: JSON.parse(fs.readFileSync(manifest, 'utf8')).version };
}

/**
 * Run a command once; seconds, exit status, stderr and (with GNU time) peak memory in KB.
 * stdout goes to a scratch file, as it would to a CI log.
 */
export function timed(cmd, args, { cwd, env } = {}) {
  const out = path.join(os.tmpdir(), `specwright-bench-peer-${process.pid}`);
  const fd = fs.openSync(out, 'w');
  const useTime = fs.existsSync(GNU_TIME);
  const [c, a] = useTime ? [GNU_TIME, ['-v', cmd, ...args]] : [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c, a, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, 'pipe'],
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  fs.closeSync(fd);
  const stdout = fs.readFileSync(out, 'utf8');
  fs.rmSync(out);
  let stderr = r.stderr ?? '';
  let status = r.status;
  let maxRssKB;
  if (useTime) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    if (m) maxRssKB = Number(m[1]);
    const exit = /Command exited with non-zero status (\d+)/.exec(stderr);
    if (exit) status = Number(exit[1]);
    stderr = stderr.slice(0, stderr.indexOf('\tCommand being timed'));
  }
  return { seconds, status, stderr, stdout, maxRssKB };
}

/** markdownlint's library with its default rules over `files`, in one process: { seconds, problems }. */
export function runMarkdownlint(files) {
  const list = path.join(os.tmpdir(), `specwright-bench-mdl-${process.pid}.json`);
  fs.writeFileSync(list, JSON.stringify(files));
  // The script lives in the peers folder so that `markdownlint` resolves there.
  const script = path.join(PEERS_DIR, 'bench-markdownlint.mjs');
  fs.writeFileSync(
    script,
    [
      "import fs from 'node:fs';",
      "import { lint } from 'markdownlint/sync';",
      "const files = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));",
      'const results = lint({ files });',
      'let problems = 0;',
      'for (const f of Object.keys(results)) problems += results[f].length;',
      'console.log(problems);',
      '',
    ].join('\n'),
  );
  const r = timed(process.execPath, [script, list]);
  fs.rmSync(list);
  return { ...r, problems: Number(r.stdout.trim()) };
}

const WORDS = (
  'cache index query adapter session schema migration token parser bundle queue worker payload record ' +
  'ledger sync import export render layout metric budget latency storage shard replica snapshot webhook'
).split(' ');

/**
 * An OpenSpec workspace with one document per size in `sizes`: the first half are specs
 * (`openspec/specs/<cap>/spec.md`), the rest changes (proposal, tasks and one delta spec), each
 * grown to its size with requirements and scenarios that pass `validate --strict`.
 */
export function ensureOpenSpecCorpus(sizes) {
  const dir = path.join(os.tmpdir(), 'specwright-bench', `openspec-${sizes.length}`);
  const marker = path.join(dir, '.bench-corpus.json');
  const stamp = JSON.stringify({ version: 1, sizes: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) });
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === stamp) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const random = prng(20240601);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const sentence = (n) =>
    Array.from({ length: n }, () => pick(WORDS))
      .join(' ')
      .replace(/^./, (c) => c.toUpperCase());
  const requirement = (k) =>
    [
      `### Requirement: ${sentence(3)} ${k}`,
      `The system SHALL ${sentence(12).toLowerCase()}.`,
      '',
      `#### Scenario: ${sentence(2)} ${k}`,
      `- **WHEN** ${sentence(8).toLowerCase()}`,
      `- **THEN** ${sentence(8).toLowerCase()}`,
      '',
    ].join('\n');
  const grow = (head, size) => {
    let text = head;
    for (let k = 1; Buffer.byteLength(text) < size; k++) text += `${requirement(k)}\n`;
    return text;
  };
  const write = (rel, text) => {
    const abs = path.join(dir, 'openspec', rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  };
  const half = Math.ceil(sizes.length / 2);
  sizes.forEach((size, i) => {
    if (i < half) {
      const cap = `capability-${i}`;
      const head = `# ${cap} Specification\n\n## Purpose\n${sentence(20)}.\n\n## Requirements\n`;
      write(`specs/${cap}/spec.md`, grow(head, size));
    } else {
      const change = `change-${i}`;
      const proposal = `## Why\n${sentence(24)}.\n\n## What Changes\n- ${sentence(8)}\n\n## Impact\n- Affected specs: capability-${i - half}\n`;
      const tasks = `## 1. Implementation\n- [ ] 1.1 ${sentence(6)}\n- [ ] 1.2 ${sentence(6)}\n`;
      write(`changes/${change}/proposal.md`, proposal);
      write(`changes/${change}/tasks.md`, tasks);
      const rest = Math.max(600, size - proposal.length - tasks.length);
      write(`changes/${change}/specs/capability-${i - half}/spec.md`, grow('## ADDED Requirements\n', rest));
    }
  });
  fs.writeFileSync(marker, stamp);
  return dir;
}

/** `openspec validate --all --strict` in the OpenSpec corpus: timing, and how many items passed. */
export function runOpenSpec(dir) {
  const bin = path.join(PEERS_DIR, 'node_modules', '@fission-ai', 'openspec', 'bin', 'openspec.js');
  const r = timed(process.execPath, [bin, 'validate', '--all', '--strict', '--no-interactive'], {
    cwd: dir,
    env: { OPENSPEC_TELEMETRY: '0', DO_NOT_TRACK: '1', NO_COLOR: '1' },
  });
  const totals = /Totals: (\d+) passed, (\d+) failed/.exec(r.stdout + r.stderr);
  return {
    ...r,
    passed: totals ? Number(totals[1]) : undefined,
    failed: totals ? Number(totals[2]) : undefined,
  };
}
