/**
 * The task graph over real documents from other teams (../shared/corpus, read in
 * place): andamios-style task issues, sage tickets, GOE task bundles, SQLSpec
 * phase lists and PRP blueprints. Each file is given its original repository
 * path, since ownership and ids depend on folders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSpec } from '../../src/model/encoding.js';
import { parseSpec } from '../../src/model/parse.js';
import { buildGraph } from '../../src/tasks/graph.js';
import { extractTasks } from '../../src/tasks/load.js';
import { corpusDir, hasShared, SHARED_MISSING } from '../helpers/paths.js';
import { task } from './helpers.js';

function corpusGraph() {
  const rows = readFileSync(join(corpusDir, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  const docs = rows.map((row) => {
    const cols = row.split('\t');
    const path = `specs/${(cols[1] as string).replace('/', '__')}/${cols[2]}`;
    const decoded = decodeSpec(readFileSync(join(corpusDir, cols[12] as string)), path);
    return parseSpec(decoded.text, path, { bom: decoded.bom });
  });
  return { docs, graph: buildGraph(extractTasks(docs)) };
}

describe.skipIf(!hasShared)('the task graph over the real corpus', () => {
  const { docs, graph } = hasShared ? corpusGraph() : { docs: [], graph: buildGraph([]) };
  const byFile = (part: string) => graph.tasks.filter((t) => t.file.includes(part));

  it('places every task on a line of its file', () => {
    const lines = new Map(docs.map((d) => [d.path, d.text.split('\n').length]));
    expect(graph.tasks.length).toBeGreaterThan(100);
    for (const t of graph.tasks) {
      expect(t.line).toBeGreaterThanOrEqual(1);
      expect(t.line).toBeLessThanOrEqual(lines.get(t.file) as number);
    }
  });

  it('reads "Blocked By:" and "Blocks:" lists without boxes (pp-bot issue-05)', () => {
    const [t] = byFile('pp-bot/github-issues/issue-05.md');
    expect(t?.id).toBe('#5');
    expect(t?.deps.map((d) => [d.target, d.via, d.line])).toEqual([
      ['#2', 'depends-on', 274],
      ['#3', 'depends-on', 275],
    ]);
    expect(t?.blocks.map((d) => d.target)).toEqual(['#6']);
    expect(t?.done).toMatchObject({
      done: false,
      rule: 'checklists',
      detail: '0 of 12 checklist items ticked',
    });
    expect(graph.problems.filter((p) => p.file === t?.file).map((p) => p.message)).toEqual([
      '#5 blocks #6, which is not a known task',
      '#5 depends on #2, which is not a known task; it counts as not done',
      '#5 depends on #3, which is not a known task; it counts as not done',
    ]);
  });

  it('takes "**Blocked by:** None" as no dependency (jkl issue-01)', () => {
    const [t] = byFile('jkl/.github/ISSUES/issue-01');
    expect(t?.deps).toEqual([]);
    expect(t?.blocks.map((d) => d.target)).toEqual(['#2', '#4', '#5']);
  });

  it('leaves the template placeholders `#[issue-number]` alone (andamios templates)', () => {
    const files = byFile('andamios-orm').map((t) => t.file);
    expect(files).toHaveLength(2);
    expect(graph.problems.filter((p) => files.includes(p.file))).toEqual([]);
  });

  it('reads a sage ticket: its ID, its State line and a bare Dependencies list', () => {
    const t = task(graph, 'FLOW-004');
    expect(t.done).toMatchObject({ done: true, rule: 'status-line' });
    expect(t.deps.map((d) => [d.target, d.line])).toEqual([['FLOW-003', 14]]);
  });

  it('joins a GOE task bundle: front matter ids, depends_on, and the spec’s own list of the tasks', () => {
    const t = task(graph, 'cli_import_performance_20261008:T1.2');
    expect(t.source).toBe('issue');
    expect(t.done).toMatchObject({ done: true, rule: 'front-matter' });
    expect(t.deps.map((d) => [d.target, d.line])).toEqual([['cli_import_performance_20261008:T1.1', 8]]);
    expect(t.alsoAt.map((a) => a.file)).toEqual([
      'specs/cofin__goe/.agents/bundles/specs/cli_import_performance_20261008/spec.md',
    ]);
    expect(t.phase?.number).toBe(1);
  });

  it('reads PRP blueprints in their three shapes', () => {
    const civil = byFile('civil-servant-ui-fixes');
    expect(civil.map((t) => t.title)).toEqual([
      'Fix Radio Button Styling',
      'Add Dynamic Salary Label Logic',
      'Add Select2 Dependencies',
      'Implement Select2 for Education Dropdown',
      'Test and Validate',
    ]);
    expect(civil[0]?.steps).toEqual([{ action: 'MODIFY', target: 'civil-servant.html', line: 120 }]);
    const base = byFile('hsasongbook/PRPs/templates/prp_base.md');
    expect(base.map((t) => t.steps[0]?.action)).toEqual([
      'CREATE',
      'CREATE',
      'CREATE',
      'CREATE',
      'CREATE',
      'CREATE',
    ]);
    expect(base[2]?.deps.map((d) => [d.target, d.via])).toEqual([
      ['prp_base:task-1', 'mention'],
      ['prp_base:task-2', 'mention'],
    ]);
    const headings = byFile('add-scratch-prp-loop-test-file');
    expect(headings.map((t) => [t.id, t.line])).toEqual([
      ['add-scratch-prp-loop-test-file.plan:task-1', 100],
    ]);
  });

  it('numbers unnumbered phase items by position and honours ✅ phase headings (duckdb ci-fix)', () => {
    const items = byFile('ci-fix/tasks.md');
    expect(items).toHaveLength(34);
    expect(items.every((t) => t.idSource === 'position')).toBe(true);
    const pending = task(graph, 'ci-fix:4.9');
    expect(pending.done).toMatchObject({ done: true, rule: 'phase-status' });
    expect(task(graph, 'ci-fix:5.5').state).toBe('ready');
  });
});
if (!hasShared) it.skip(SHARED_MISSING, () => {});
