import { describe, expect, it } from 'vitest';
import { nextTasks } from '../../src/tasks/query.js';
import { graphOf, task, taskIssue } from './helpers.js';

describe('task documents', () => {
  it('take their number from front matter `issue`, else the file name', () => {
    const g = graphOf({
      'specs/tasks/issue-12.md': taskIssue({ title: 'From the name' }),
      'specs/tasks/007-pool.md': taskIssue({ title: 'Zero-padded' }),
      'specs/tasks/parser.md': taskIssue({ title: 'From front matter', frontMatter: 'issue: 30' }),
      'specs/tasks/loose.md': taskIssue({ title: 'No number' }),
    });
    expect(task(g, '#12').idSource).toBe('number');
    expect(task(g, '#7').title).toBe('Zero-padded');
    expect(task(g, '#30').file).toBe('specs/tasks/parser.md');
    expect(task(g, 'loose').idSource).toBe('file');
  });

  it('keep their id when push records another number, which becomes an alias', () => {
    const g = graphOf({
      'specs/tasks/issue-3.md': taskIssue({
        title: 'Pushed',
        frontMatter: 'number: 45\nurl: https://github.com/acme/lumen/issues/45',
      }),
      'specs/tasks/issue-4.md': taskIssue({ title: 'Uses the GitHub number', dependsOn: ['- [ ] #45'] }),
    });
    const t = task(g, '#3');
    expect(t.issue).toEqual({ number: 45, url: 'https://github.com/acme/lumen/issues/45' });
    expect(task(g, '#4').deps[0]?.target).toBe('#3');
    expect(g.problems).toEqual([]);
  });

  it('read front matter ids and depends_on lists (`<spec>:<id>`)', () => {
    const g = graphOf({
      'specs/bundle/spec.md':
        '# Spec: Bundle\n\n## Implementation Plan\n\n### Phase 1: Lazy\n\n- [x] Task T1.1: first\n',
      'specs/bundle/tasks/T1.2.md':
        '---\ntype: Task\nid: bundle:T1.2\ntitle: Second\nstate: in_progress\ndepends_on:\n  - bundle:T1.1\n---\n\n# Task T1.2: Second\n',
    });
    const t = task(g, 'bundle:T1.2');
    expect(t.spec).toBe('bundle');
    expect(t.deps.map((d) => d.target)).toEqual(['bundle:T1.1']);
    expect(t.state).toBe('ready');
  });
});

describe('done', () => {
  const cases: Array<[string, string, boolean, string]> = [
    ['front matter status', taskIssue({ title: 'a', status: 'done', dod: [false] }), true, 'front-matter'],
    [
      'front matter state: closed',
      taskIssue({ title: 'a', frontMatter: 'state: closed' }),
      true,
      'front-matter',
    ],
    [
      'open status beats a ticked Definition of Done',
      taskIssue({ title: 'a', status: 'open', dod: [true] }),
      false,
      'front-matter',
    ],
    [
      'a Status line',
      '# FLOW-9: Thing\n\n**ID:** FLOW-9\n**State:** COMPLETED\n\n## Dependencies\n\n- FLOW-8\n',
      true,
      'status-line',
    ],
    [
      'closed on GitHub',
      taskIssue({ title: 'a', frontMatter: 'closed_at: 2026-01-02T03:04:05Z' }),
      true,
      'github-closed',
    ],
    [
      'every Definition of Done item ticked',
      taskIssue({ title: 'a', dod: [true, true] }),
      true,
      'definition-of-done',
    ],
    [
      'one Definition of Done item open',
      taskIssue({ title: 'a', dod: [true, false] }),
      false,
      'definition-of-done',
    ],
    [
      'no Definition of Done: all checklists',
      taskIssue({ title: 'a', extra: '## 🎯 Acceptance Criteria\n\n- [x] one\n- [x] two' }),
      true,
      'checklists',
    ],
    ['nothing stated', taskIssue({ title: 'a' }), false, 'none'],
  ];
  it.each(cases)('%s', (_name, text, done, rule) => {
    const g = graphOf({ 'specs/tasks/issue-1.md': text });
    const t = g.tasks[0];
    expect(t?.done.done).toBe(done);
    expect(t?.done.rule).toBe(rule);
  });

  it('counts a ticked dependency box in the depending task, and says so', () => {
    const g = graphOf({
      'specs/tasks/issue-4.md': taskIssue({ title: 'Blocker', dod: [false] }),
      'specs/tasks/issue-7.md': taskIssue({ title: 'Dependent', dependsOn: ['- [x] #4 - Blocker'] }),
    });
    const t = task(g, '#4');
    expect(t.done).toMatchObject({
      done: true,
      rule: 'dependency-checkbox',
      file: 'specs/tasks/issue-7.md',
      line: 10,
    });
    expect(task(g, '#7').state).toBe('ready');
  });

  it('never lets a tick elsewhere override a status, and warns of the disagreement', () => {
    const g = graphOf({
      'specs/tasks/issue-4.md': taskIssue({ title: 'Blocker', status: 'in-progress' }),
      'specs/tasks/issue-7.md': taskIssue({ title: 'Dependent', dependsOn: ['- [x] #4'] }),
    });
    expect(task(g, '#4').done.done).toBe(false);
    expect(g.problems.map((p) => p.code)).toEqual(['inconsistent-state']);
    expect(task(g, '#7').state).toBe('blocked');
  });

  it('ticks phase items by their box, a ✅ phase heading, or a done spec', () => {
    const g = graphOf({
      'specs/active/a/tasks.md':
        '# Tasks\n\n**Status**: In Progress\n\n## Phase 1: Research ✅\n- [ ] 1.1 left open\n\n## Phase 2: Build\n- [x] 2.1 ticked\n- [ ] 2.2 open\n',
      'specs/archive/b/tasks.md': '# Tasks\n\n## Phase 1: Only\n- [ ] 1.1 never ticked\n',
    });
    expect(task(g, 'a:1.1').done).toMatchObject({ done: true, rule: 'phase-status', line: 5 });
    expect(task(g, 'a:2.1').done).toMatchObject({ done: true, rule: 'checkbox' });
    expect(task(g, 'a:2.2').done).toMatchObject({ done: false, rule: 'checkbox', line: 10 });
    expect(task(g, 'b:1.1').done).toMatchObject({ done: true, rule: 'spec-status' });
  });
});

describe('phases', () => {
  const files = {
    'specs/active/feed/tasks.md': [
      '# Tasks: Feed',
      '',
      '## Phase 1: Research',
      '- [x] 1.1 Read',
      '- [ ] 1.2 Ask',
      '',
      '## Phase 2: Build',
      '- [ ] 2.1 Parser',
      '  - [x] tokenizer',
      '  - [ ] tree',
      '- [ ] Unnumbered item',
      '',
      '## Notes',
      '- [ ] Not a phase, but tasks.md is the task list',
      '',
    ].join('\n'),
    'specs/active/feed/prd.md': [
      '# Feature: Feed',
      '',
      '## Implementation Phases',
      '',
      '### Phase 1: Research',
      '- [x] 1.1 Read',
      '- [x] 1.2 Ask',
      '',
      '## Acceptance Criteria',
      '- [ ] AC1 not a task',
      '',
    ].join('\n'),
  };

  it('infer that a phase follows the one numbered before it, and show it as inferred', () => {
    const g = graphOf(files);
    const t = task(g, 'feed:2.1');
    expect(t.state).toBe('blocked');
    expect(t.waitingOn).toEqual(['feed:phase-1']);
    const phase = g.phases.find((p) => p.key === 'feed:phase-2');
    expect(phase).toMatchObject({ after: 'feed:phase-1', done: false, line: 7 });
    expect(g.edges.find((e) => e.via === 'phase-order')).toMatchObject({
      from: 'feed:phase-1',
      to: 'feed:phase-2',
      inferred: true,
    });
  });

  it('give unnumbered items positional ids, keep nested items as steps, skip other checklists', () => {
    const g = graphOf(files);
    expect(task(g, 'feed:2.2')).toMatchObject({ idSource: 'position', title: 'Unnumbered item' });
    expect(task(g, 'feed:2.1').subitems.map((s) => s.text)).toEqual(['tokenizer', 'tree']);
    expect(task(g, 'feed:2.1').progress).toEqual({ checked: 1, total: 2 });
    expect(task(g, 'feed:item-1').phase).toBeUndefined();
    expect(g.tasks.some((t) => t.title.includes('AC1'))).toBe(false);
  });

  it("merge the PRD's copy of a phase item into tasks.md's, and report when they disagree", () => {
    const g = graphOf(files);
    const t = task(g, 'feed:1.2');
    expect(t.file).toBe('specs/active/feed/tasks.md');
    expect(t.alsoAt).toEqual([{ file: 'specs/active/feed/prd.md', line: 7 }]);
    expect(g.problems).toEqual([
      expect.objectContaining({ code: 'inconsistent-state', file: 'specs/active/feed/prd.md', line: 7 }),
    ]);
  });

  it('read "after 2.1" and "depends on #4" in an item as dependencies', () => {
    const g = graphOf({
      'specs/active/x/tasks.md':
        '# T\n\n## Phase 1: A\n- [ ] 1.1 one\n- [ ] 1.2 two, after 1.1\n- [ ] 1.3 depends on #4\n',
      'specs/tasks/issue-4.md': taskIssue({ title: 'Four' }),
    });
    expect(task(g, 'x:1.2').deps.map((d) => d.target)).toEqual(['x:1.1']);
    expect(task(g, 'x:1.3').deps.map((d) => d.target)).toEqual(['#4']);
  });
});

describe('blueprints', () => {
  it('read `Task N - Name:` entries with their steps, in blueprint order (inferred)', () => {
    const g = graphOf({
      'specs/prps/p.md': [
        '# PRP: P',
        '',
        '## Implementation Blueprint',
        '',
        '```yaml',
        'Task 1 - Reader:',
        '  CREATE src/read.ts:',
        '    - read files',
        'Task 2 - Loader:',
        '  CREATE src/load.ts:',
        '    - DEPENDENCIES: uses the reader from Task 1',
        '  MODIFY src/cli.ts:',
        '    - register it',
        'Task 3: CREATE src/done.ts',
        '```',
        '',
      ].join('\n'),
    });
    expect(g.tasks.map((t) => t.id)).toEqual(['p:task-1', 'p:task-2', 'p:task-3']);
    const t2 = task(g, 'p:task-2');
    expect(t2.steps).toEqual([
      { action: 'CREATE', target: 'src/load.ts', line: 10 },
      { action: 'MODIFY', target: 'src/cli.ts', line: 12 },
    ]);
    // Task 2 names Task 1 itself, so the explicit mention stands in for the inferred order.
    expect(t2.deps).toEqual([
      { target: 'p:task-1', via: 'mention', inferred: false, file: 'specs/prps/p.md', line: 11 },
    ]);
    expect(task(g, 'p:task-3').deps).toEqual([
      { target: 'p:task-2', via: 'blueprint-order', inferred: true, file: 'specs/prps/p.md', line: 14 },
    ]);
    expect(task(g, 'p:task-3')).toMatchObject({ title: 'CREATE src/done.ts', steps: [{ action: 'CREATE' }] });
  });

  it('read `### Task N:` headings in a PRP, and unindented steps after `Task N: Name`', () => {
    const g = graphOf({
      'specs/prps/h.md': [
        '# PRP: H',
        '',
        '## Metadata',
        '- **Status**: Complete',
        '',
        '## Step-by-Step Tasks',
        '',
        '### Task 1: CREATE `notes.md` at the root',
        '',
        '- **ACTION**: create it',
        '',
        '### Task 2: Check it',
        '',
      ].join('\n'),
      'specs/prps/flat.md': [
        '# PRP: Flat',
        '',
        '## Implementation Blueprint',
        '',
        '```yaml',
        'Task 1: Fix the radio buttons',
        'MODIFY page.html:',
        '  - FIND: the radio buttons',
        '```',
        '',
      ].join('\n'),
    });
    expect(task(g, 'h:task-1').done).toMatchObject({ done: true, rule: 'spec-status' });
    expect(task(g, 'h:task-2').line).toBe(12);
    expect(task(g, 'flat:task-1').steps).toEqual([{ action: 'MODIFY', target: 'page.html', line: 7 }]);
  });
});

describe('problems', () => {
  it('report a cycle with the file and line of each edge', () => {
    const g = graphOf({
      'specs/tasks/issue-4.md': taskIssue({ title: 'Four', dependsOn: ['- [ ] #7'] }),
      'specs/tasks/issue-7.md': taskIssue({ title: 'Seven', dependsOn: ['- [ ] #4'] }),
    });
    const cycle = g.problems.find((p) => p.code === 'cycle');
    expect(cycle).toMatchObject({ severity: 'error', cycle: ['#4', '#7', '#4'] });
    expect(cycle?.message).toBe(
      'dependency cycle #4 -> #7 -> #4: #4 -> #7 (specs/tasks/issue-4.md:10); #7 -> #4 (specs/tasks/issue-7.md:10)',
    );
    expect(task(g, '#4').state).toBe('blocked');
  });

  it('find a cycle that runs through the inferred phase order', () => {
    const g = graphOf({
      'specs/active/c/tasks.md':
        '# T\n\n## Phase 1: A\n- [ ] 1.1 needs two, after 2.1\n\n## Phase 2: B\n- [ ] 2.1 later\n',
    });
    const cycle = g.problems.find((p) => p.code === 'cycle');
    expect(cycle?.cycle).toEqual(['c:1.1', 'c:2.1', 'c:phase-1', 'c:1.1']);
    expect(cycle?.edges?.map((e) => e.inferred)).toEqual([false, true, true]);
  });

  it('report a dependency on an unknown task and keep it in the graph', () => {
    const g = graphOf({
      'specs/tasks/issue-1.md': taskIssue({
        title: 'One',
        dependsOn: ['- [ ] #99 - elsewhere', '- [x] #98 - done elsewhere'],
      }),
    });
    expect(g.problems.map((p) => [p.code, p.line, p.message])).toEqual([
      ['unknown-dependency', 10, '#1 depends on #99, which is not a known task; it counts as not done'],
      ['unknown-dependency', 11, '#1 depends on #98, which is not a known task (ticked, so counted as done)'],
    ]);
    expect(task(g, '#1').waitingOn).toEqual(['#99']);
    expect(g.edges.filter((e) => e.unknown).map((e) => e.from)).toEqual(['#99', '#98']);
  });
});

describe('next', () => {
  it('orders ready tasks by phase, then priority, then id', () => {
    const g = graphOf({
      'specs/tasks/issue-10.md': taskIssue({ title: 'Low', frontMatter: 'priority: low' }),
      'specs/tasks/issue-2.md': taskIssue({ title: 'Unstated' }),
      'specs/tasks/issue-9.md': taskIssue({ title: 'Critical', frontMatter: 'labels: [priority:critical]' }),
      'specs/tasks/issue-11.md': taskIssue({ title: 'Phase 1', frontMatter: 'milestone: "Phase 1: Start"' }),
      'specs/tasks/issue-3.md': taskIssue({ title: 'Blocked', dependsOn: ['- [ ] #2'] }),
    });
    expect(nextTasks(g).map((t) => t.id)).toEqual(['#11', '#9', '#2', '#10']);
    expect(nextTasks(g, { limit: 2 }).map((t) => t.id)).toEqual(['#11', '#9']);
  });
});
