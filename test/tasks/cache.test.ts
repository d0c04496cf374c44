/** The task graph's cache: a warm graph is the cold one, and it never outlives a change it depends on. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphJson } from '../../src/tasks/json.js';
import { loadTaskGraph } from '../../src/tasks/load.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { tempDir } from '../helpers/cli.js';
import { taskIssue } from './helpers.js';

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

async function graph(root: string) {
  const g = loadTaskGraph(await loadWorkspace(root));
  return { g, json: JSON.stringify(graphJson(g, g.tasks)) };
}

describe('task cache', () => {
  it('gives the same graph warm as cold, and follows a spec whose status changed beside unchanged tasks', async () => {
    const root = tempDir();
    write(root, {
      'specwright.config.yaml': 'version: 1\n',
      'specs/active/a/prd.md': '# PRD: A\n\n**Status**: In Progress\n\n## Phase 1: Build\n- [ ] 1.1 first\n',
      'specs/active/a/tasks.md': '# Tasks\n\n## Phase 1: Build\n- [ ] 1.1 first\n- [ ] 1.2 second\n',
      'specs/tasks/issue-4.md': taskIssue({ title: 'Four', dependsOn: ['- [ ] #5'] }),
      'specs/tasks/issue-5.md': taskIssue({ title: 'Five', status: 'open' }),
    });
    const cold = await graph(root);
    const warm = await graph(root);
    expect(warm.json).toBe(cold.json);
    expect(warm.g.byId.get('a:1.2')?.done.done).toBe(false);

    // tasks.md is unchanged, but its spec is now done, and so are its items.
    write(root, {
      'specs/active/a/prd.md': '# PRD: A\n\n**Status**: Complete\n\n## Phase 1: Build\n- [ ] 1.1 first\n',
    });
    const done = (await graph(root)).g;
    expect(done.byId.get('a:1.2')?.done).toMatchObject({ done: true, rule: 'spec-status' });

    // A changed task document is read again.
    write(root, { 'specs/tasks/issue-5.md': taskIssue({ title: 'Five', status: 'done' }) });
    const after = (await graph(root)).g;
    expect(after.byId.get('#5')?.done.done).toBe(true);
    expect(after.byId.get('#4')?.state).toBe('ready');
  });
});
