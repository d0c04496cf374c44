/**
 * Byte-exact goldens for one lifecycle script (start, tick, set, changelog, complete, untick):
 * - our own fixtures (CRLF, BOM, mixed line endings, no final newline, every kind), compared with
 *   `<name>.expected.md` byte for byte;
 * - every seed and every real document in ../shared/corpus, read in place: the golden records the
 *   source's hash, each step's edits (offset, length removed, text inserted) and the result's hash,
 *   so no shared content is copied into the repository;
 * - the seeds again, turned to CRLF and given a BOM in memory: the result must be the LF result
 *   turned the same way, byte for byte.
 *
 * Regenerate after an intended change with `UPDATE_GOLDENS=1 npx vitest run test/lifecycle/golden.test.ts`
 * and review the diff of test/fixtures/lifecycle/golden/.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, contentHash } from '../../src/edit/apply.js';
import { encodeText } from '../../src/edit/commit.js';
import { changelogEdits } from '../../src/lifecycle/changelog.js';
import { setFieldEdits } from '../../src/lifecycle/fields.js';
import { tickItemEdits } from '../../src/lifecycle/items.js';
import { statusEdits } from '../../src/lifecycle/status.js';
import { decodeSpec } from '../../src/model/encoding.js';
import { parseSpec } from '../../src/model/parse.js';
import type { Edit, SpecDocument } from '../../src/model/types.js';
import { type LoadedTemplate, loadTemplates } from '../../src/templates/index.js';
import { corpusFiles, hasShared, repoRoot, SHARED_MISSING, seedFiles, sharedDir } from '../helpers/paths.js';
import { rebuiltFromSlices } from './helpers.js';

const GOLDEN_DIR = join(repoRoot, 'test/fixtures/lifecycle/golden');
const UPDATE = process.env.UPDATE_GOLDENS === '1';

interface StepRecord {
  step: string;
  edits: Array<{ at: number; removed: number; inserted: string }>;
}

interface Run {
  bytes: Buffer;
  steps: StepRecord[];
}

type Step = {
  name: string;
  edits: (doc: SpecDocument, t: LoadedTemplate, memo: Map<string, string>) => Edit[];
};

/** The script every golden runs: what a spec goes through in its life. */
const SCRIPT: Step[] = [
  { name: 'start', edits: (doc, t) => statusEdits(doc, t, 'in-progress') },
  {
    name: 'tick first open item',
    edits: (doc, _t, memo) => {
      const item = doc.checklist.find((c) => !c.checked);
      if (!item) return [];
      memo.set('ticked', `${item.sectionPath.join('/')}\u0000${item.text}`);
      return tickItemEdits(doc, item, true);
    },
  },
  {
    name: 'tick last open item',
    edits: (doc) => {
      const open = doc.checklist.filter((c) => !c.checked);
      const item = open[open.length - 1];
      return item ? tickItemEdits(doc, item, true) : [];
    },
  },
  { name: 'add a field', edits: (doc, t) => setFieldEdits(doc, t, 'Owner', 'Ada Lovelace') },
  {
    name: 'change a field',
    edits: (doc, t) =>
      doc.fields.some((f) => f.name === 'created') ? setFieldEdits(doc, t, 'Created', '2026-03-04') : [],
  },
  {
    name: 'changelog',
    edits: (doc, t) => changelogEdits(doc, t, '2026-03-04', 'Started; first items done', { create: true }),
  },
  { name: 'complete', edits: (doc, t) => statusEdits(doc, t, t.doneStatus) },
  {
    name: 'untick the first ticked item',
    edits: (doc, _t, memo) => {
      const key = memo.get('ticked');
      const item = doc.checklist.find((c) => `${c.sectionPath.join('/')}\u0000${c.text}` === key);
      return item ? tickItemEdits(doc, item, false) : [];
    },
  },
];

function runScript(bytes: Uint8Array, path: string, template: LoadedTemplate): Run {
  const decoded = decodeSpec(bytes, path);
  const parse = (text: string) =>
    parseSpec(text, path, {
      bom: decoded.bom,
      templateLines: (k) => (k === template.kind ? template.templateLines : undefined),
    });
  let doc = parse(decoded.text);
  const memo = new Map<string, string>();
  const steps: StepRecord[] = [];
  for (const step of SCRIPT) {
    const edits = step.edits(doc, template, memo);
    const text = applyEdits(doc.text, edits);
    // Each step leaves everything outside its edits alone.
    expect(rebuiltFromSlices(doc.text, edits)).toBe(text);
    steps.push({
      step: step.name,
      edits: edits.map((e) => ({ at: e.start, removed: e.end - e.start, inserted: e.text })),
    });
    doc = parse(text);
  }
  return { bytes: encodeText(doc.text, doc.bom), steps };
}

/** Compare with the stored golden, or write it under UPDATE_GOLDENS=1 (or when it does not exist yet, outside CI). */
function golden(name: string, actual: Buffer | string): void {
  const path = join(GOLDEN_DIR, name);
  const bytes = typeof actual === 'string' ? Buffer.from(actual, 'utf8') : actual;
  if (UPDATE || (!existsSync(path) && !process.env.CI)) {
    writeFileSync(path, bytes);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden ${name}; run with UPDATE_GOLDENS=1`);
  const expected = readFileSync(path);
  if (!expected.equals(bytes)) {
    // Show a readable difference, then fail.
    expect(bytes.toString('utf8'), `${name} differs from its golden`).toBe(expected.toString('utf8'));
    expect(bytes.equals(expected), `${name} differs from its golden in bytes (BOM or line endings)`).toBe(
      true,
    );
  }
}

const templates = await loadTemplates();

const FIXTURE_KIND: Record<string, string> = {
  'prd-crlf.md': 'prd',
  'spec-bom.md': 'spec',
  'task-no-final-newline.md': 'task',
  'prp-mixed-eol.md': 'prp',
  'feature-tasks.md': 'feature',
};

describe('goldens: our fixtures', () => {
  const inputs = readdirSync(GOLDEN_DIR).filter((f) => f.endsWith('.md') && !f.endsWith('.expected.md'));
  it('covers every built-in kind', () => {
    expect(new Set(inputs.map((f) => FIXTURE_KIND[f]))).toEqual(new Set(templates.kinds()));
  });
  it.each(inputs)('%s', (file) => {
    const kind = FIXTURE_KIND[file];
    if (!kind) throw new Error(`add ${file} to FIXTURE_KIND`);
    const input = readFileSync(join(GOLDEN_DIR, file));
    const run = runScript(input, `specs/${file}`, templates.require(kind));
    golden(file.replace(/\.md$/, '.expected.md'), run.bytes);
  });
});

const SEED_KIND: Record<string, string> = {
  '000_4db12250add0ebf4.txt': 'feature',
  '001_6cf570184761b54d.txt': 'prd',
  '002_9284d1d1138fb192.txt': 'spec',
  '003_794f54a2e6068fa7.txt': 'task',
  '004_e151dcc85ad0628a.txt': 'prp',
};
const CORPUS_KIND: Record<string, string> = {
  '1-sqlspec-workspace': 'feature',
  '2-goe-prd': 'prd',
  '3-feature-spec': 'spec',
  '4-issue-task': 'task',
  '5-prp': 'prp',
};

function record(files: string[], kindOf: (file: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const file of files) {
    const bytes = readFileSync(file);
    const kind = kindOf(file);
    const run = runScript(bytes, relative(sharedDir, file), templates.require(kind));
    out[relative(sharedDir, file)] = {
      kind,
      source: contentHash(bytes),
      steps: run.steps.filter((s) => s.edits.length > 0),
      result: contentHash(run.bytes),
    };
  }
  return out;
}

describe.skipIf(!hasShared)('goldens: seeds and the real corpus, read in place', () => {
  if (!hasShared) console.warn(SHARED_MISSING);

  it('every seed family', () => {
    const files = seedFiles().sort();
    expect(files.length).toBe(5);
    golden(
      'seeds.json',
      `${JSON.stringify(
        record(files, (f) => SEED_KIND[basename(f)] as string),
        null,
        2,
      )}\n`,
    );
  });

  it('every corpus document', () => {
    const files = corpusFiles().sort();
    expect(files.length).toBeGreaterThan(30);
    const kindOf = (f: string) =>
      CORPUS_KIND[relative(join(sharedDir, 'corpus'), f).split('/')[0] as string] as string;
    golden('corpus.json', `${JSON.stringify(record(files, kindOf), null, 2)}\n`);
  });

  it('seeds as CRLF with a BOM give the LF result turned the same way, byte for byte', () => {
    for (const file of seedFiles()) {
      const template = templates.require(SEED_KIND[basename(file)] as string);
      const lf = readFileSync(file).toString('utf8');
      expect(lf.includes('\r')).toBe(false);
      const crlfBom = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(lf.replace(/\n/g, '\r\n')),
      ]);
      const fromLf = runScript(Buffer.from(lf), 'x.md', template).bytes.toString('utf8');
      const fromCrlf = runScript(crlfBom, 'x.md', template).bytes;
      const want = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(fromLf.replace(/\n/g, '\r\n')),
      ]);
      expect(fromCrlf.equals(want), basename(file)).toBe(true);
    }
  });
});
