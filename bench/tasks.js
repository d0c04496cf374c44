// `next --json` and `graph --format json` over a generated workspace of 10,000 tasks and
// ~30,000 dependency edges, in the three shapes: 6,000 task issues (4 "Must be completed first"
// references each), 100 feature workspaces with 30 phase items each (2 "after X.Y" each, and the
// inferred phase order), and 100 PRPs with 10 blueprint tasks each. Cold: the task graph keeps no
// cache, so every run parses every file.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, fmt, median, prng, runNode } from './util.js';

export const title = 'task graph';
export const once = true;
const RUNS = 3;
const VERSION = 2;
const ISSUES = 6000;
const FEATURES = 100;
const PHASES = 5;
const ITEMS_PER_PHASE = 6;
const PRPS = 100;
const BLUEPRINT_TASKS = 10;

/** The corpus folder, generated once per VERSION. */
export function ensureTaskCorpus() {
  const dir = path.join(os.tmpdir(), `specwright-bench-tasks-v${VERSION}`);
  const marker = path.join(dir, '.bench-tasks.json');
  if (fs.existsSync(marker)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const random = prng(20240611);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const write = (rel, text) => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  };
  write('specwright.config.yaml', 'version: 1\n');
  let edges = 0;
  for (let n = 1; n <= ISSUES; n++) {
    const deps = new Set();
    while (n > 4 && deps.size < 4) deps.add(int(Math.max(1, n - 400), n - 1));
    edges += deps.size;
    const done = random() < 0.4;
    write(
      `specs/tasks/issue-${n}.md`,
      [
        '---',
        'name: Implementation Task',
        `about: Generated task ${n}`,
        `title: 'Implement: component ${n}'`,
        'labels:',
        '  - implementation',
        `  - priority:${['high', 'medium', 'low'][n % 3]}`,
        'assignees: []',
        `status: ${done ? 'done' : 'open'}`,
        '---',
        '',
        '## ⚙️ Implementation Description',
        '',
        `**What to implement:** component ${n} of the generated workspace.`,
        '',
        '## 🔗 Dependencies',
        '',
        '**Must be completed first:**',
        ...(deps.size ? [...deps].map((d) => `- [ ] #${d} - component ${d}`) : ['- None']),
        '',
        '**Blocks:**',
        '- None',
        '',
        '## 📝 Definition of Done',
        '',
        `- [${done ? 'x' : ' '}] Merged`,
        `- [${done ? 'x' : ' '}] Reviewed`,
        '',
      ].join('\n'),
    );
  }
  for (let f = 1; f <= FEATURES; f++) {
    const lines = [`# Tasks: Feature ${f}`, '', '**Status**: In Progress', ''];
    const ids = [];
    for (let p = 1; p <= PHASES; p++) {
      lines.push(`## Phase ${p}: Step ${p}`);
      for (let i = 1; i <= ITEMS_PER_PHASE; i++) {
        const after = ids.length >= 2 ? [ids[int(0, ids.length - 1)], ids[int(0, ids.length - 1)]] : [];
        const unique = [...new Set(after)];
        edges += unique.length;
        lines.push(
          `- [${p <= 2 ? 'x' : ' '}] ${p}.${i} Work item ${i}${unique.length ? `, after ${unique.join(' and ')}` : ''}`,
        );
        ids.push(`${p}.${i}`);
      }
      lines.push('');
    }
    write(`specs/active/feature-${f}/tasks.md`, lines.join('\n'));
    write(`specs/active/feature-${f}/prd.md`, `# Feature: Feature ${f}\n\n**Status**: In Progress\n`);
  }
  for (let r = 1; r <= PRPS; r++) {
    const body = [];
    for (let t = 1; t <= BLUEPRINT_TASKS; t++) {
      body.push(`Task ${t} - Part ${t}:`, `  CREATE src/prp${r}/part${t}.ts:`, '    - write it');
      if (t > 2) body.push(`    - DEPENDENCIES: uses Task ${t - 2}`);
    }
    edges += BLUEPRINT_TASKS - 1;
    write(
      `specs/prps/prp-${r}.md`,
      `# PRP: Generated ${r}\n\n## Metadata\n- **Status**: In Progress\n\n## Implementation Blueprint\n\n### Task Breakdown\n\`\`\`yaml\n${body.join('\n')}\n\`\`\`\n`,
    );
  }
  fs.writeFileSync(
    marker,
    JSON.stringify({
      version: VERSION,
      tasks: ISSUES + FEATURES * PHASES * ITEMS_PER_PHASE + PRPS * BLUEPRINT_TASKS,
      edges,
    }),
  );
  return dir;
}

export default async function tasks() {
  if (!fs.existsSync(CLI)) return [{ metric: 'tasks: CLI not built', value: '—' }];
  process.stderr.write('  generating the task corpus…\n');
  const dir = ensureTaskCorpus();
  const facts = JSON.parse(fs.readFileSync(path.join(dir, '.bench-tasks.json'), 'utf8'));
  const rows = [];
  const cacheFile = path.join(dir, '.specwright', 'cache', 'tasks.json');
  for (const [name, args] of [
    ['next --json', ['next', '--json']],
    ['graph --format json', ['graph', '--format', 'json']],
  ]) {
    // Cold: no task cache (each run starts without one). Warm: the cache the cold runs wrote.
    const cold = Array.from({ length: RUNS }, () => {
      fs.rmSync(cacheFile, { force: true });
      return runNode([CLI, ...args, '--cwd', dir], { measureRss: true });
    });
    const warm = Array.from({ length: RUNS }, () =>
      runNode([CLI, ...args, '--cwd', dir], { measureRss: true }),
    );
    const failed = [...cold, ...warm].find((r) => r.status !== 0 && r.status !== 1);
    if (failed) {
      rows.push({
        metric: `${name}: CLI failed`,
        value: `exit ${failed.status}`,
        ref: failed.stderr.trim().slice(0, 60),
      });
      continue;
    }
    for (const [when, runs] of [
      ['cold', cold],
      ['warm', warm],
    ]) {
      const s = median(runs.map((r) => r.seconds));
      const rss = Math.max(...runs.map((r) => r.maxRssKB ?? 0));
      rows.push({
        metric: `${name} ${when} (${facts.tasks} tasks, ${facts.edges} edges)`,
        value: fmt.ms(s),
        ref: `median of ${RUNS}; ${(runs[0].stdoutBytes / 1e6).toFixed(1)} MB out${rss ? `; ${fmt.mb(rss)} peak` : ''}`,
        target: '< 2 s',
        ok: s < 2,
      });
    }
  }
  return rows;
}
