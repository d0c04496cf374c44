// Deterministic synthetic corpus for the benchmarks: a specwright workspace of
// `count` Markdown documents (3–12 KB each) in all five kinds, built by filling
// the real templates in templates/<kind>/ and then varying their content.
//
//   import { corpusDir, ensureCorpus, generateCorpus } from './generate.js';
//   node bench/generate.js [count] [seed]   # prints the corpus directory

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from './util.js';

/** Bump whenever the output changes, so that cached corpora are rebuilt. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20240601;
const MARKER = '.bench-corpus.json';
const MIN_BYTES = 3 * 1024;
// Documents end up at most 12 KB: growth overshoots by up to one block and CRLF adds bytes.
const MAX_TARGET = 11 * 1024;
const TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url));

function helpers(random) {
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chance = (p) => random() < p;
  return { random, int, pick, chance };
}

const WORDS = (
  'cache index query adapter session schema migration token parser bundle queue worker ' +
  'payload record ledger sync import export render layout metric budget latency storage ' +
  'shard replica snapshot webhook retry backoff quota tenant account invoice search filter ' +
  'config plugin hook event stream batch cursor offset window commit rollback audit policy'
).split(' ');
const VERBS = 'add support validate refactor document migrate expose cache retry measure split merge'.split(
  ' ',
);
const NAMES = [
  'Ada Park',
  'Bo Lindqvist',
  'Chidi Okafor',
  'Dana Reyes',
  'Emeka Obi',
  'Fumiko Sato',
  'Göran Ek',
];
const EMOJI = ['✅', '🚀', '🧪', '📋', '🔧', '⚠️', '🎯', '👩‍💻', '🇳🇴', '📝'];
const LANGS = ['ts', 'python', 'bash', 'yaml', 'json', 'sql', ''];

/** Statuses per kind (from templates/<kind>/template.yaml); the last `done` ones are for finished folders. */
const STATUS = {
  feature: { open: ['Planning', 'In Progress', 'Testing', 'Blocked'], done: ['Complete', 'Archived'] },
  prd: { open: ['Draft', 'In Progress', 'Blocked'], done: ['Complete', 'Archived'] },
  spec: { open: ['📋 Planned', '🚧 In Progress', '🚫 Blocked'], done: ['✅ Implemented'] },
  prp: { open: ['Draft', 'In Progress', 'Blocked'], done: ['Complete'] },
  task: { open: ['open', 'in-progress', 'blocked'], done: ['done'] },
};

function sentence(h, min = 6, max = 16) {
  const n = h.int(min, max);
  const words = [];
  for (let i = 0; i < n; i++) words.push(h.pick(WORDS));
  if (h.chance(0.2)) words.splice(h.int(0, words.length), 0, `\`src/${h.pick(WORDS)}/${h.pick(WORDS)}.ts\``);
  if (h.chance(0.1)) words.push(`(see #${h.int(1, 400)})`);
  const s = words.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

const paragraph = (h) => Array.from({ length: h.int(2, 5) }, () => sentence(h)).join(' ');

/** Extra blocks appended to grow a document towards its target size. */
const BLOCKS = [
  (h) => paragraph(h),
  (h) => {
    const major = h.int(1, 12);
    const items = Array.from({ length: h.int(3, 8) }, (_, i) => {
      const mark = h.chance(0.4) ? 'x' : ' ';
      return `- [${mark}] ${major}.${i + 1} ${h.pick(VERBS)} ${sentence(h, 3, 8)}`;
    });
    return `### Phase ${major}: ${h.pick(VERBS)} ${h.pick(WORDS)}\n${items.join('\n')}`;
  },
  (h) =>
    Array.from({ length: h.int(2, 6) }, () => {
      const id = `${h.pick(['FR', 'NFR', 'C', 'AC', 'Q'])}${h.int(1, 40)}`;
      return `- **${id}:** ${sentence(h)}`;
    }).join('\n'),
  (h) => {
    const cols = h.int(2, 5);
    const head = Array.from({ length: cols }, () => h.pick(WORDS));
    const rows = Array.from(
      { length: h.int(2, 8) },
      () => `| ${Array.from({ length: cols }, () => h.pick(WORDS)).join(' | ')} |`,
    );
    return [`| ${head.join(' | ')} |`, `|${' --- |'.repeat(cols)}`, ...rows].join('\n');
  },
  (h) => {
    const lang = h.pick(LANGS);
    const lines = Array.from(
      { length: h.int(3, 14) },
      () => `  ${h.pick(WORDS)}_${h.pick(WORDS)} = ${h.int(0, 999)}`,
    );
    return `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``;
  },
  (h) =>
    Array.from({ length: h.int(2, 6) }, () => {
      const mark = h.chance(0.5) ? 'x' : ' ';
      return `- [${mark}] ${h.chance(0.3) ? `Task ${h.int(1, 30)}: ` : ''}${sentence(h, 4, 10)}`;
    }).join('\n'),
  (h) => `**${h.pick(['Owner', 'Priority', 'Estimate', 'Milestone'])}**: ${h.pick(WORDS)} ${h.int(1, 9)}`,
];

/** Lines that start a level-2 section outside fenced code, as line indexes. */
function sectionStarts(lines) {
  const starts = [];
  let fence = null;
  lines.forEach((line, i) => {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (m) {
      if (!fence) fence = m[1][0];
      else if (m[1][0] === fence) fence = null;
    } else if (!fence && line.startsWith('## ')) starts.push(i);
  });
  return starts;
}

/** Drop random level-2 sections (never the first) until the text fits under `target` bytes. */
function shrink(text, target, h) {
  let lines = text.split('\n');
  while (Buffer.byteLength(lines.join('\n')) > target) {
    const starts = sectionStarts(lines);
    if (starts.length < 3) break;
    const k = h.int(1, starts.length - 1);
    const end = k + 1 < starts.length ? starts[k + 1] : lines.length;
    lines = [...lines.slice(0, starts[k]), ...lines.slice(end)];
  }
  return lines.join('\n');
}

/** Insert generated blocks before random sections (or at the end) until `target` bytes is reached. */
function grow(text, target, h) {
  const lines = text.split('\n');
  let size = Buffer.byteLength(text);
  const inserts = [];
  while (size < target) {
    let block = h.pick(BLOCKS)(h);
    if (h.chance(0.15)) block = `## ${h.pick(EMOJI)} ${h.pick(VERBS)} ${h.pick(WORDS)}\n\n${block}`;
    inserts.push(block);
    size += Buffer.byteLength(block) + 2;
  }
  const starts = sectionStarts(lines);
  const at = new Map();
  for (const block of inserts) {
    const i = starts.length && h.chance(0.7) ? h.pick(starts) : lines.length;
    at.set(i, [...(at.get(i) ?? []), block]);
  }
  const out = [];
  for (let i = 0; i <= lines.length; i++) {
    for (const block of at.get(i) ?? []) out.push(block, '');
    if (i < lines.length) out.push(lines[i]);
  }
  return out.join('\n');
}

function fill(template, vars, h, { emoji, issues }) {
  let text = template.replace(/\{\{(\w+)\}\}/g, (whole, key) => vars[key] ?? whole);
  const tickRate = h.random();
  text = text.replace(/^(\s*[-*] )\[ \]/gm, (whole, lead) => (h.random() < tickRate ? `${lead}[x]` : whole));
  text = text.replace(/#\[issue-number\]/g, () => `#${h.int(1, issues)}`);
  if (emoji)
    text = text.replace(/^(#{2,3} )/gm, (whole, hashes) =>
      h.chance(0.3) ? `${hashes}${h.pick(EMOJI)} ` : whole,
    );
  return text;
}

/** One finished document: filled, then grown or shrunk to a size in [3 KB, 12 KB]. */
function document(template, vars, h, opts) {
  const target = h.int(MIN_BYTES, MAX_TARGET);
  let text = fill(template, vars, h, opts);
  text = Buffer.byteLength(text) > target ? shrink(text, target, h) : grow(text, target, h);
  if (Buffer.byteLength(text) < MIN_BYTES) text = grow(text, MIN_BYTES, h);
  if (!text.endsWith('\n')) text += '\n';
  return opts.crlf ? text.replace(/\n/g, '\r\n') : text;
}

const readTemplate = (kind, file) => fs.readFileSync(path.join(TEMPLATES, kind, file), 'utf8');

/** Write `count` documents into `dir` (which should be empty). Returns the list of relative paths. */
export function generateCorpus(dir, count, seed = DEFAULT_SEED) {
  const h = helpers(prng(seed));
  const tpl = {
    feature: { 'prd.md': readTemplate('feature', 'prd.md'), 'tasks.md': readTemplate('feature', 'tasks.md') },
    prd: { 'prd.md': readTemplate('prd', 'prd.md') },
    spec: readTemplate('spec', 'spec.md'),
    prp: readTemplate('prp', 'prp.md'),
    task: readTemplate('task', 'task.md'),
  };
  const written = [];
  const write = (rel, text) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(rel);
  };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'specwright.config.yaml'), '# synthetic benchmark workspace\nversion: 1\n');

  const issues = Math.max(1, Math.round(count / 5));
  let taskNo = 0;
  for (let n = 0; written.length < count; n++) {
    let kind = h.pick(['feature', 'prd', 'spec', 'prp', 'task']);
    if (kind === 'feature' && count - written.length < 2) kind = 'spec';
    const slug = `${h.pick(VERBS)}-${h.pick(WORDS)}-${h.pick(WORDS)}-${n}`;
    const done = h.chance(0.2);
    const status = h.pick(done ? STATUS[kind].done : STATUS[kind].open);
    const vars = {
      title: slug
        .replace(/-\d+$/, '')
        .replace(/-/g, ' ')
        .replace(/^\w/, (c) => c.toUpperCase()),
      status,
      slug,
      date: `2024-${String(h.int(1, 12)).padStart(2, '0')}-${String(h.int(1, 28)).padStart(2, '0')}`,
      author: h.pick(NAMES),
    };
    const opts = () => ({ emoji: h.chance(0.25), crlf: h.chance(0.1), issues });
    if (kind === 'feature' || kind === 'prd') {
      const folder = `specs/${done ? 'archive' : 'active'}/${slug}`;
      for (const [file, template] of Object.entries(tpl[kind]))
        write(`${folder}/${file}`, document(template, vars, h, opts()));
    } else if (kind === 'spec') {
      write(`specs/${done ? 'implemented/' : ''}${slug}.md`, document(tpl.spec, vars, h, opts()));
    } else if (kind === 'prp') {
      write(`specs/prps/${done ? 'completed/' : ''}${slug}.md`, document(tpl.prp, vars, h, opts()));
    } else {
      write(`specs/tasks/issue-${++taskNo}.md`, document(tpl.task, vars, h, opts()));
    }
  }
  return written;
}

export function corpusDir(count) {
  return path.join(os.tmpdir(), 'specwright-bench', String(count));
}

/** The corpus directory for `count` documents, generated unless a marker of this generator version is there. */
export function ensureCorpus(count, seed = DEFAULT_SEED) {
  const dir = corpusDir(count);
  const marker = path.join(dir, MARKER);
  const want = { version: GENERATOR_VERSION, count, seed };
  try {
    const have = JSON.parse(fs.readFileSync(marker, 'utf8'));
    if (have.version === want.version && have.count === count && have.seed === seed) return dir;
  } catch {
    // no marker, or unreadable: regenerate
  }
  fs.rmSync(dir, { recursive: true, force: true });
  generateCorpus(dir, count, seed);
  fs.writeFileSync(marker, `${JSON.stringify(want)}\n`);
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 1000);
  console.log(ensureCorpus(count, Number(process.argv[3] ?? DEFAULT_SEED)));
}
