/** `tasks`, `next`, `graph` and `export issues` as a user runs them (the built CLI). */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, runJson } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { taskIssue, tasksTempDir } from '../tasks/helpers.js';

const FIXTURE = join(repoRoot, 'test/fixtures/tasks/workspace');
const GOLDEN = join(repoRoot, 'test/fixtures/tasks/export-golden');
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** A workspace of task files written for one test. */
function workspace(files: Record<string, string>): string {
  const dir = tasksTempDir();
  temps.push(dir);
  writeFileSync(join(dir, 'specwright.config.yaml'), 'version: 1\n');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

interface TaskJson {
  id: string;
  state: string;
  decidedBy: { rule: string; detail: string; file: string; line: number };
  deps: Array<{ id: string; via: string; inferred: boolean; known: boolean; done: boolean | null }>;
  waitingOn: string[];
}

describe('tasks', () => {
  it('lists every task with its state, the rule that decided it, and its dependencies (--json)', () => {
    const out = runJson<{ schemaVersion: number; summary: object; tasks: TaskJson[] }>(['tasks'], FIXTURE);
    expect(out.schemaVersion).toBe(1);
    expect(out.summary).toEqual({ total: 10, done: 4, ready: 3, blocked: 3 });
    const byId = new Map(out.tasks.map((t) => [t.id, t]));
    expect(byId.get('#1')?.decidedBy).toEqual({
      rule: 'front-matter',
      detail: 'status: done',
      file: 'specs/tasks/issue-1.md',
      line: 10,
    });
    expect(byId.get('#2')?.decidedBy.rule).toBe('definition-of-done');
    expect(byId.get('#2')?.deps).toEqual([
      expect.objectContaining({ id: '#1', via: 'depends-on', inferred: false, known: true, done: true }),
    ]);
    expect(byId.get('importer:1.2')?.decidedBy.rule).toBe('phase-status');
    expect(byId.get('importer:3.1')).toMatchObject({
      state: 'blocked',
      waitingOn: ['importer:phase-2'],
      deps: [{ id: 'importer:phase-2', via: 'phase-order', inferred: true, known: true, done: false }],
    });
  });

  it('filters by state and by spec', () => {
    const ready = runJson<{ tasks: TaskJson[] }>(['tasks', '--status', 'ready'], FIXTURE);
    expect(ready.tasks.map((t) => t.id)).toEqual(['#2', 'importer:2.2', 'loader:task-1']);
    const open = runJson<{ tasks: TaskJson[] }>(['tasks', '--status', 'open', '--spec', 'loader'], FIXTURE);
    expect(open.tasks.map((t) => t.id)).toEqual(['loader:task-1', 'loader:task-2']);
    const bad = run(['tasks', '--status', 'someday'], FIXTURE);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'someday' is invalid");
    const none = run(['tasks', '--spec', 'import'], FIXTURE);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('specwright: no tasks for spec "import" (did you mean importer?)\n');
  });

  it('prints a table, inferred waits marked as such', () => {
    const r = run(['tasks'], FIXTURE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+STATE\s+TITLE\s+WHERE\s+WAITING ON$/m);
    expect(r.stdout).toMatch(
      /^importer:3\.1\s+blocked\s+User guide page\s+specs\/active\/importer\/tasks\.md:16\s+importer:phase-2 \(inferred\)$/m,
    );
    expect(r.stdout).toContain('10 tasks: 4 done, 3 ready, 3 blocked');
  });

  it('reports a cycle with file:line for each edge and exits 1', () => {
    const dir = workspace({
      'specs/tasks/issue-4.md': taskIssue({ title: 'Four', dependsOn: ['- [ ] #7'] }),
      'specs/tasks/issue-7.md': taskIssue({ title: 'Seven', dependsOn: ['- [ ] #4'] }),
    });
    const r = run(['tasks'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'specwright: specs/tasks/issue-4.md:10: error dependency cycle #4 -> #7 -> #4: #4 -> #7 (specs/tasks/issue-4.md:10); #7 -> #4 (specs/tasks/issue-7.md:10) (cycle)\n',
    );
    const json = run(['tasks', '--json'], dir);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).problems[0]).toMatchObject({
      code: 'cycle',
      cycle: ['#4', '#7', '#4'],
      edges: [
        { from: '#4', to: '#7', file: 'specs/tasks/issue-4.md', line: 10, inferred: false },
        { from: '#7', to: '#4', file: 'specs/tasks/issue-7.md', line: 10, inferred: false },
      ],
    });
  });

  it('reports an unknown dependency as a warning and keeps the task waiting on it', () => {
    const dir = workspace({
      'specs/tasks/issue-1.md': taskIssue({ title: 'One', dependsOn: ['- [ ] #99 - elsewhere'] }),
    });
    const r = run(['tasks'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'specwright: specs/tasks/issue-1.md:10: warning #1 depends on #99, which is not a known task; it counts as not done (unknown-dependency)\n',
    );
    expect(r.stdout).toMatch(/^#1\s+blocked\s+One\s+specs\/tasks\/issue-1\.md:1\s+#99$/m);
  });
});

describe('next', () => {
  it('lists ready tasks by phase, then priority, then id', () => {
    const out = runJson<{ next: TaskJson[]; summary: object }>(['next'], FIXTURE);
    expect(out.next.map((t) => t.id)).toEqual(['importer:2.2', '#2', 'loader:task-1']);
    expect(runJson<{ next: TaskJson[] }>(['next', '--limit', '1'], FIXTURE).next.map((t) => t.id)).toEqual([
      'importer:2.2',
    ]);
    const r = run(['next', '--spec', 'loader'], FIXTURE);
    expect(r.stdout).toBe('  1. loader:task-1  Fixture reader\n      specs/prps/loader.md:15\n');
    expect(run(['next', '--limit', '0'], FIXTURE).stderr).toBe(
      'specwright: --limit must be a positive integer, not "0"\n',
    );
  });
});

describe('graph', () => {
  it('draws Mermaid with phases as subgraphs, done tasks marked, inferred order dotted', () => {
    const r = run(['graph', '--spec', 'importer'], FIXTURE);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines).toContain('  subgraph p1["importer · Phase 2: Build"]');
    expect(r.stdout).toMatch(/t\d+\["✓ #35;1<br\/>Implement: feed parser"\]:::done/);
    expect(r.stdout).toMatch(/ {2}p0 -\. phase order \.-> p1/);
    expect(r.stdout).toContain('classDef done');
  });

  it('writes Graphviz DOT with clusters and located edges', () => {
    const r = run(['graph', '--format', 'dot', '--spec', 'loader'], FIXTURE);
    expect(r.stdout.startsWith('digraph tasks {\n')).toBe(true);
    expect(r.stdout).toContain('  "loader:task-1" -> "loader:task-2" [tooltip="specs/prps/loader.md:20"];');
    expect(r.stdout.trimEnd().endsWith('}')).toBe(true);
  });

  it('gives nodes, phases and edges as JSON', () => {
    const g = runJson<{
      nodes: Array<{ id: string; done: boolean }>;
      edges: Array<{ from: string; to: string; via: string }>;
    }>(['graph', '--format', 'json'], FIXTURE);
    expect(g.nodes).toHaveLength(10);
    expect(g.edges).toContainEqual(expect.objectContaining({ from: '#2', to: '#3', via: 'depends-on' }));
    expect(g.edges).toContainEqual(
      expect.objectContaining({ from: 'importer:phase-1', to: 'importer:phase-2', via: 'phase-order' }),
    );
  });
});

describe('export issues', () => {
  it('writes one issue-template file per task and per spec, byte for byte as the golden files', () => {
    const dir = tasksTempDir();
    temps.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    const r = run(['export', 'issues', '--out', 'out'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('12 files written to');
    const names = readdirSync(join(dir, 'out')).sort();
    expect(names).toEqual(readdirSync(GOLDEN).sort());
    for (const name of names)
      expect(readFileSync(join(dir, 'out', name), 'utf8'), name).toBe(
        readFileSync(join(GOLDEN, name), 'utf8'),
      );
  });

  it('defaults to .specwright/issues and takes --spec', () => {
    const dir = tasksTempDir();
    temps.push(dir);
    cpSync(FIXTURE, dir, { recursive: true });
    const out = runJson<{ files: Array<{ file: string }> }>(['export', 'issues', '--spec', 'loader'], dir);
    expect(out.files.map((f) => f.file)).toEqual(['loader-spec.md', 'loader-task-1.md', 'loader-task-2.md']);
    expect(readdirSync(join(dir, '.specwright/issues')).sort()).toEqual([
      'loader-spec.md',
      'loader-task-1.md',
      'loader-task-2.md',
    ]);
  });
});
