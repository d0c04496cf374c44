import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_KINDS, listHeadings, loadTemplates } from '../../src/templates/index.js';
import { REPO_ROOT, repairMojibake, SEEDS_DIR } from './helpers.js';

const SEEDS: Record<(typeof BUILTIN_KINDS)[number], { seed: string; file: string; title: RegExp }> = {
  feature: { seed: '000_4db12250add0ebf4.txt', file: 'prd.md', title: /\{Feature Name\}/ },
  prd: { seed: '001_6cf570184761b54d.txt', file: 'prd.md', title: /\[Feature Name\]/ },
  spec: { seed: '002_9284d1d1138fb192.txt', file: 'spec.md', title: /\[Feature Name\]/ },
  task: {
    seed: '003_794f54a2e6068fa7.txt',
    file: 'task.md',
    title: /\[Component\/functionality to implement\]/,
  },
  prp: { seed: '004_e151dcc85ad0628a.txt', file: 'prp.md', title: /\[FEATURE NAME\]/ },
};

const haveSeeds = existsSync(SEEDS_DIR);

describe('built-in template files', () => {
  it('carry no mojibake', async () => {
    const set = await loadTemplates();
    for (const t of set.list()) {
      for (const f of t.files) {
        for (const bad of ['â€', 'â”', 'âœ', 'ðŸ', 'Ã', '‚ö', 'Ô∏', 'üé', 'üì', '\uFFFD']) {
          expect(f.text.includes(bad), `${t.kind}/${f.template} contains ${JSON.stringify(bad)}`).toBe(false);
        }
      }
    }
  });

  it('carry the repaired emoji and box drawing', async () => {
    const set = await loadTemplates();
    const text = (kind: string) => set.require(kind).main.text;
    expect(text('feature')).toContain('### Phase 1: Planning & Research ✅');
    expect(text('spec')).toContain('├── __init__.py');
    expect(text('spec')).toContain('└── tests/');
    expect(text('spec')).toContain('- Updated status to ✅ Implemented');
    expect(text('task')).toContain('## ⚙️ Implementation Description');
    expect(text('task')).toContain('## 🎯 Acceptance Criteria');
    expect(text('task')).toContain('## 🏗️ Technical Requirements');
  });

  it('ship the feature workspace files and a research folder', async () => {
    const feature = (await loadTemplates()).require('feature');
    expect(feature.files.map((f) => f.path)).toEqual(['prd.md', 'tasks.md', 'recovery.md']);
    expect(feature.schema.dirs).toEqual(['research']);
    const tasks = feature.files[1]?.text ?? '';
    expect(tasks).toMatch(/^\*\*Status\*\*: \{\{status\}\}$/m);
    const phases = listHeadings(tasks).filter((h) => /^Phase \d:/.test(h.text));
    expect(phases.map((h) => h.text.slice(0, 7))).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `Phase ${n}`));
  });

  it('feature tasks.md mirrors every numbered item of the PRD phases', async () => {
    const feature = (await loadTemplates()).require('feature');
    const items = (text: string) => text.match(/^- \[[ x]\] \d+\.\d+ .*$/gm) ?? [];
    const prdItems = items(feature.main.text);
    expect(prdItems.length).toBeGreaterThan(30);
    expect(items(feature.files[1]?.text ?? '')).toEqual(prdItems);
  });
});

describe.each(BUILTIN_KINDS)('the %s template against its seed', (kind) => {
  const { seed, file, title } = SEEDS[kind];
  const skipped = haveSeeds ? '' : ` (skipped: no seeds at ${SEEDS_DIR})`;

  it.skipIf(!haveSeeds)(`keeps every heading of ${seed}${skipped}`, async () => {
    const seedText = repairMojibake(await readFile(join(SEEDS_DIR, seed), 'utf8'));
    const template = await readFile(join(REPO_ROOT, 'templates', kind, file), 'utf8');
    const seedHeadings = listHeadings(seedText).map(
      (h) => `${h.level} ${h.text.replace(title, '{{title}}')}`,
    );
    const templateHeadings = listHeadings(template).map((h) => `${h.level} ${h.text}`);
    expect(templateHeadings).toEqual(seedHeadings);
  });

  it.skipIf(!haveSeeds)(`changes only the variable lines of ${seed}${skipped}`, async () => {
    const seedLines = repairMojibake(await readFile(join(SEEDS_DIR, seed), 'utf8')).split('\n');
    const templateLines = (await readFile(join(REPO_ROOT, 'templates', kind, file), 'utf8')).split('\n');
    const kept = new Set(templateLines);
    const changed = seedLines.filter((l) => !kept.has(l));
    const added = templateLines.filter((l) => !seedLines.includes(l));
    for (const l of added)
      expect(l, `added line in ${kind}`).toMatch(/\{\{(title|date|author|status|slug)\}\}|^$/);
    expect(changed.length, `changed lines: ${changed.join(' / ')}`).toBeLessThanOrEqual(6);
  });
});
