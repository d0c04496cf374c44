/**
 * The rules over whole documents: the five seed templates (used as documents they are all
 * placeholder), the filled-in examples (clean under every rule), and the real corpus (no rule
 * throws; a per-rule count summary is snapshotted so that any change in what the rules find shows
 * up in review: run `npx vitest run test/rules/documents.test.ts -u` after a deliberate change).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SpecDocument } from '../../src/model/types.js';
import { RULES } from '../../src/rules/all.js';
import type { Finding } from '../../src/rules/types.js';
import { taskNumberOf } from '../../src/tasks/number.js';
import { discoverSpecFiles } from '../../src/workspace/discover.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { corpusDir, corpusFiles, hasShared, repoRoot, SHARED_MISSING, seedsDir } from '../helpers/paths.js';
import { builtinTemplates, makeContext, parseDocument, renderMessage } from './context.js';

const templates = await builtinTemplates();

/** The seeds' kinds (seeds/README.md) and a path where a document of that kind would live. */
const SEEDS: Array<{ file: string; kind: string; path: string }> = [
  { file: '000_4db12250add0ebf4.txt', kind: 'feature', path: 'specs/active/seed-feature/prd.md' },
  { file: '001_6cf570184761b54d.txt', kind: 'prd', path: 'specs/active/seed-prd/prd.md' },
  { file: '002_9284d1d1138fb192.txt', kind: 'spec', path: 'specs/seed-spec.md' },
  { file: '003_794f54a2e6068fa7.txt', kind: 'task', path: 'specs/tasks/seed-task.md' },
  { file: '004_e151dcc85ad0628a.txt', kind: 'prp', path: 'specs/prps/seed-prp.md' },
];

/** What a reader of each seed sees as unfilled: a minimum count and texts that must be among the findings. */
const SEED_PLACEHOLDERS: Record<string, { min: number; texts: string[] }> = {
  feature: {
    min: 20,
    texts: ['{Feature Name}', '{Main objective}', '{How they benefit}', '{Risk Description}'],
  },
  prd: { min: 50, texts: ['[Feature Name]', 'YYYY-MM-DD', '{slug}'] },
  spec: { min: 35, texts: ['[Feature Name]', 'YYYY-MM-DD', 'X.Y.Z', '[First functional requirement]'] },
  task: {
    min: 6,
    texts: [
      '<!-- Describe the specific functionality to implement -->',
      '[Component/functionality to implement]',
    ],
  },
  prp: { min: 15, texts: ['[FEATURE NAME]', '[1-10]', '[X]/10', '[Low/Medium/High]'] },
};

function runRules(doc: SpecDocument, ctx: ReturnType<typeof makeContext>, only?: string) {
  const out: Array<{ ruleId: string; finding: Finding; message: string }> = [];
  for (const rule of RULES) {
    if (only && rule.meta.id !== only) continue;
    for (const finding of rule.check(doc, ctx)) {
      const message = renderMessage(rule.meta.messages[finding.messageId] ?? '', finding.data).text;
      out.push({ ruleId: rule.meta.id, finding, message });
    }
  }
  return out;
}

const hasPlaceholderRule = RULES.some((r) => r.meta.id === 'placeholder');

describe.skipIf(!hasShared || !hasPlaceholderRule)('the seeds as documents', () => {
  it.each(SEEDS)('$file ($kind) is reported as unfilled', ({ file, kind, path }) => {
    const doc = parseDocument(readFileSync(join(seedsDir, file)), path, templates, { kind });
    const ctx = makeContext(doc, { root: '/seeds', absPath: `/seeds/${path}`, templates, kind });
    const found = runRules(doc, ctx, 'placeholder');
    const want = SEED_PLACEHOLDERS[kind] as { min: number; texts: string[] };
    expect(found.length).toBeGreaterThanOrEqual(want.min);
    const messages = found.map((f) => f.message).join('\n');
    for (const text of want.texts) expect(messages).toContain(text);
  });
});
if (!hasShared) it.skip(SHARED_MISSING, () => {});

/** The example workspace as `specwright check --cwd examples` sees it: its discovered specs and known issues. */
async function examples() {
  const ws = await loadWorkspace(join(repoRoot, 'examples'));
  const files = discoverSpecFiles(ws.root, ws.config.specs, ws.config.ignore);
  const docs = files.map((rel) => ({
    rel,
    doc: parseDocument(readFileSync(join(ws.root, rel)), rel, ws.templates),
  }));
  const issues = new Set<number>(ws.config.issues);
  for (const { doc } of docs) {
    const n = doc.kind.kind === 'task' ? taskNumberOf(doc) : undefined;
    if (n !== undefined) issues.add(n);
  }
  return { ws, docs, issues };
}
const { ws, docs, issues } = await examples();

describe('the examples', () => {
  it('holds specs of every built-in kind', () => {
    expect(new Set(docs.map((d) => d.doc.kind.kind))).toEqual(
      new Set(['feature', 'prd', 'spec', 'task', 'prp']),
    );
  });

  it.each(docs.map((d) => [d.rel, d.doc] as const))('%s is clean under every rule', (rel, doc) => {
    const ctx = makeContext(doc, {
      root: ws.root,
      absPath: join(ws.root, rel),
      templates: ws.templates,
      issueNumbers: issues,
    });
    const found = runRules(doc, ctx).map(
      (f) => `${rel}:${f.finding.range.start.line}:${f.finding.range.start.column} ${f.ruleId} ${f.message}`,
    );
    expect(found).toEqual([]);
  });
});

/** The MANIFEST's original repository paths, so that folder-based status and kind clues work. */
function manifestPaths(): Map<string, string> {
  const map = new Map<string, string>();
  if (!hasShared) return map;
  const [head, ...lines] = readFileSync(join(corpusDir, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const cols = (head as string).split('\t');
  for (const l of lines) {
    const cells = l.split('\t');
    map.set(cells[cols.indexOf('saved_as')] as string, cells[cols.indexOf('path')] as string);
  }
  return map;
}

describe.skipIf(!hasShared)('the corpus', () => {
  it('is linted by every rule without a throw; the per-rule counts are pinned', () => {
    const paths = manifestPaths();
    const counts: Record<string, Record<string, number>> = {};
    for (const rule of RULES) counts[rule.meta.id] = {};
    for (const abs of corpusFiles()) {
      const saved = abs.slice(corpusDir.length + 1);
      const path = paths.get(saved) ?? saved;
      const doc = parseDocument(readFileSync(abs), path, templates);
      const ctx = makeContext(doc, { root: corpusDir, absPath: join(corpusDir, path), templates });
      for (const rule of RULES) {
        let findings: Finding[];
        try {
          findings = rule.check(doc, ctx);
        } catch (err) {
          throw new Error(`${rule.meta.id} threw on ${saved}: ${(err as Error).stack}`);
        }
        const tally = counts[rule.meta.id] as Record<string, number>;
        for (const f of findings) tally[f.messageId] = (tally[f.messageId] ?? 0) + 1;
      }
    }
    expect(counts).toMatchSnapshot();
  });
});
