/**
 * push issues / pull issues against a local fake GitHub (fake-github.ts): the
 * upsert by hidden key, relations by database id, sub-issues, pagination,
 * errors as one line, rate limits, and the record-back edits byte for byte.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubClient, GitHubError } from '../../src/github/client.js';
import { IssuesApi } from '../../src/github/issues.js';
import { loadTasks } from '../../src/tasks/load.js';
import { pullIssues } from '../../src/tasks/pull.js';
import { pushIssues } from '../../src/tasks/push.js';
import { selectSpec } from '../../src/tasks/query.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { repoRoot } from '../helpers/paths.js';
import { FakeGitHub, type FakeIssue } from './fake-github.js';
import { tasksTempDir } from './helpers.js';

const FIXTURE = join(repoRoot, 'test/fixtures/tasks/workspace');
const REPO = { owner: 'acme', name: 'lumen' };

let fake: FakeGitHub;
let dir: string;
let waits: number[];

beforeEach(async () => {
  fake = new FakeGitHub();
  await fake.start();
  dir = tasksTempDir();
  cpSync(FIXTURE, dir, { recursive: true });
  waits = [];
});
afterEach(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

function api(token = fake.token): IssuesApi {
  const client = new GitHubClient({
    token,
    baseUrl: fake.url,
    maxWaitSeconds: 5,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return new IssuesApi(client, REPO);
}

async function push(options: { apply?: boolean; spec?: string; token?: string } = {}) {
  const ws = await loadWorkspace(dir);
  const loaded = loadTasks(ws);
  return pushIssues(ws, loaded, selectSpec(loaded.graph, options.spec), {
    repo: REPO,
    apply: options.apply ?? true,
    api: api(options.token),
  });
}

const read = (rel: string) => readFileSync(join(dir, rel), 'utf8');
const fixture = (rel: string) => readFileSync(join(FIXTURE, rel), 'utf8');
const byKey = (key: string) =>
  fake.issues.find((i) => i.body?.includes(`<!-- specwright:${key} -->`)) as FakeIssue;
const url = (n: number) => `https://github.com/acme/lumen/issues/${n}`;

describe('push issues', () => {
  it('creates one issue per task and per spec, each with its hidden key and the label', async () => {
    const result = await push();
    expect(result.actions.filter((a) => a.action === 'create')).toHaveLength(12);
    expect(fake.issues).toHaveLength(12);
    for (const issue of fake.issues) {
      expect(issue.body).toMatch(/<!-- specwright:\S+ -->\n$/);
      expect(issue.labels.map((l) => l.name)).toContain('specwright');
    }
    expect(byKey('importer:#3')).toMatchObject({
      title: 'Implement: import dialog',
      assignees: [{ login: 'pnair' }],
    });
    expect(byKey('importer:2.2').title).toBe('2.2 Import route, after 2.1');
    expect(byKey('loader:task-2').title).toBe('Task 2: Loader command');
    expect(byKey('importer:spec').title).toBe('Feature: Importer');
  });

  it('closes the issues of done tasks', async () => {
    await push();
    expect(byKey('importer:#1')).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(byKey('importer:1.2').state).toBe('closed'); // done by its ✅ phase heading
    expect(byKey('importer:#2').state).toBe('open');
  });

  it('sends dependencies as native "blocked by" relations, by database id', async () => {
    await push();
    const relations = fake.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/dependencies/blocked_by'),
    );
    expect(relations.length).toBeGreaterThan(0);
    for (const r of relations) {
      const id = (r.body as { issue_id: number }).issue_id;
      const blocking = fake.issues.find((i) => i.id === id);
      expect(blocking, `issue_id ${id} is a database id`).toBeDefined();
      expect(id).not.toBe(blocking?.number);
    }
    const two = byKey('importer:#2');
    const three = byKey('importer:#3');
    expect(three.blockedBy).toEqual([two.id]);
    expect(two.blockedBy).toEqual([byKey('importer:#1').id]);
    expect(byKey('importer:2.2').blockedBy).toEqual([byKey('importer:2.1').id]);
    expect(byKey('loader:task-2').blockedBy).toEqual([byKey('loader:task-1').id]);
  });

  it("makes a spec's tasks sub-issues of the spec's tracking issue", async () => {
    await push();
    const spec = byKey('importer:spec');
    const children = spec.subIssues.map((id) => fake.issues.find((i) => i.id === id)?.title);
    expect(children).toHaveLength(8);
    expect(children).toContain('Implement: import dialog');
    for (const r of fake.requests.filter((x) => x.method === 'POST' && x.path.endsWith('/sub_issues')))
      expect(fake.issues.some((i) => i.id === (r.body as { sub_issue_id: number }).sub_issue_id)).toBe(true);
    expect(byKey('loader:spec').subIssues).toHaveLength(2);
  });

  it('writes the numbers in issue bodies once they exist, and `Blocks` both ways', async () => {
    await push();
    const two = byKey('importer:#2');
    expect(two.body).toContain(`- [x] #${byKey('importer:#1').number} - Feed parser`);
    const route = byKey('importer:2.2').body as string;
    expect(route).toContain(`- [x] #${byKey('importer:2.1').number} Streaming parser (issue #1)`);
    expect(route).toContain(`- [x] every task of Phase 1: Research (inferred from the phase numbering)`);
    expect(route).toContain('**Blocks:**\n- None');
  });

  it('records each number and URL back into the file, byte for byte', async () => {
    await push();
    const n = (key: string) => byKey(key).number;
    expect(read('specs/tasks/issue-2.md')).toBe(
      fixture('specs/tasks/issue-2.md').replace(
        'assignees: []\n---',
        `assignees: []\nnumber: ${n('importer:#2')}\nurl: ${url(n('importer:#2'))}\n---`,
      ),
    );
    let tasks = fixture('specs/active/importer/tasks.md');
    for (const [id, text] of [
      ['1.1', '1.1 Read the format specification'],
      ['1.2', '1.2 Collect sample files'],
      ['2.1', '2.1 Streaming parser (issue #1)'],
      ['2.2', '2.2 Import route, after 2.1'],
      ['3.1', '3.1 User guide page'],
    ] as const)
      tasks = tasks.replace(`${text}\n`, `${text} <!-- issue: ${url(n(`importer:${id}`))} -->\n`);
    expect(read('specs/active/importer/tasks.md')).toBe(tasks);
    expect(read('specs/prps/loader.md')).toBe(
      fixture('specs/prps/loader.md')
        .replace(
          'Task 1 - Fixture reader:\n',
          `Task 1 - Fixture reader:  # issue: ${url(n('loader:task-1'))}\n`,
        )
        .replace(
          'Task 2 - Loader command:\n',
          `Task 2 - Loader command:  # issue: ${url(n('loader:task-2'))}\n`,
        )
        .replace('- **Confidence**: 7\n', `- **Confidence**: 7\n- **Issue**: ${url(n('loader:spec'))}\n`),
    );
    expect(read('specs/active/importer/prd.md')).toBe(
      fixture('specs/active/importer/prd.md').replace(
        '**Created**: 2026-02-02\n',
        `**Created**: 2026-02-02\n**Issue**: ${url(n('importer:spec'))}\n`,
      ),
    );
  });

  it('keeps CRLF line endings when it records a number', async () => {
    const rel = 'specs/tasks/issue-3.md';
    writeFileSync(join(dir, rel), fixture(rel).replace(/\n/g, '\r\n'));
    await push();
    const n = byKey('importer:#3').number;
    expect(read(rel)).toBe(
      fixture(rel)
        .replace('  - pnair\n---', `  - pnair\nnumber: ${n}\nurl: ${url(n)}\n---`)
        .replace(/\n/g, '\r\n'),
    );
  });

  it('is an upsert: a second run sends nothing that modifies', async () => {
    await push();
    const before = fake.writes().length;
    const again = await push();
    expect(again.actions).toEqual([]);
    expect(fake.writes()).toHaveLength(before);
    expect(fake.issues).toHaveLength(12);
  });

  it('finds its issues across pages of the list', async () => {
    await push();
    fake.requests.length = 0;
    await push();
    const pages = fake.requests.filter((r) => r.method === 'GET' && r.path === '/repos/acme/lumen/issues');
    expect(pages.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3', '4']);
    expect(pages.every((r) => r.query.labels === 'specwright' && r.query.state === 'all')).toBe(true);
  });

  it('updates an issue whose task changed, and only what changed', async () => {
    await push();
    const rel = 'specs/tasks/issue-3.md';
    writeFileSync(
      join(dir, rel),
      read(rel).replace("title: 'Implement: import dialog'", "title: 'Implement: upload dialog'"),
    );
    const three = byKey('importer:#3');
    fake.requests.length = 0;
    const result = await push();
    const patches = fake.writes();
    expect(patches.every((r) => r.method === 'PATCH')).toBe(true);
    expect(patches.find((r) => r.path.endsWith(`/issues/${three.number}`))?.body).toEqual({
      title: 'Implement: upload dialog',
    });
    expect(result.actions.map((a) => [a.action, a.id, a.fields])).toEqual([
      ['update', 'importer:spec', ['body']],
      ['update', '#3', ['title']],
    ]);
    expect(three.title).toBe('Implement: upload dialog');
  });

  it('finds an issue by the number recorded in the file when its label was removed', async () => {
    await push();
    const one = byKey('importer:#1');
    one.labels = [];
    const result = await push();
    expect(fake.issues).toHaveLength(12);
    expect(result.actions).toEqual([
      expect.objectContaining({ action: 'update', id: '#1', fields: ['labels'], number: one.number }),
    ]);
  });

  it('plans without writing anything in a dry run', async () => {
    const result = await push({ apply: false });
    expect(result.applied).toBe(false);
    expect(fake.writes()).toEqual([]);
    expect(result.actions.filter((a) => a.action === 'create')).toHaveLength(12);
    expect(result.actions.filter((a) => a.action === 'record')).toHaveLength(12);
    expect(read('specs/tasks/issue-2.md')).toBe(fixture('specs/tasks/issue-2.md'));
  });

  it('turns a 422 into one clear line, and a re-run completes an interrupted push', async () => {
    fake.collaborators = new Set(['tferreira']); // pnair (#3's assignee) is not a collaborator
    const error = await push().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect((error as GitHubError).message).toBe(
      'GitHub could not process POST /repos/acme/lumen/issues (422 Validation Failed: assignees invalid "pnair")',
    );
    const created = fake.issues.length;
    expect(created).toBeGreaterThan(0);
    // What was created before the failure is recorded already.
    expect(read('specs/tasks/issue-2.md')).toContain(`number: ${byKey('importer:#2').number}`);
    fake.collaborators.add('pnair');
    await push();
    expect(fake.issues).toHaveLength(12);
    expect(new Set(fake.issues.map((i) => i.title)).size).toBe(12);
  });

  it('names a bad token, a missing repository and an exhausted rate limit in one line', async () => {
    await expect(push({ token: 'wrong' })).rejects.toThrow(
      'GitHub rejected the token (401 Bad credentials): set GITHUB_TOKEN to a valid token',
    );
    const reset = Math.floor(Date.now() / 1000) + 3600;
    fake.fail(
      'GET',
      /\/issues$/,
      403,
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      { message: 'API rate limit exceeded for user ID 1.' },
    );
    const limited = (await push().catch((e: unknown) => e)) as Error;
    expect(limited.message).toMatch(
      /^GitHub rate limit exceeded \(403\): retry in \d+ s; it resets at \d{4}-\d\d-\d\dT[\d:.]+Z; nothing more was sent, run again then$/,
    );
    expect(waits).toEqual([]);
    const other = new IssuesApi(new GitHubClient({ token: fake.token, baseUrl: fake.url }), {
      owner: 'acme',
      name: 'missing',
    });
    await expect(other.listByLabel('specwright')).rejects.toThrow(
      'GitHub has no GET /repos/acme/missing/issues (404): check the repository name, and that the token can see it',
    );
  });

  it('waits out a short rate limit (retry-after) and carries on', async () => {
    fake.fail('GET', /\/issues$/, 429, { 'retry-after': '2' }, { message: 'secondary rate limit' });
    fake.fail(
      'POST',
      /\/issues$/,
      403,
      { 'retry-after': '1' },
      { message: 'You have exceeded a secondary rate limit' },
    );
    await push();
    expect(waits).toEqual([2000, 1000]);
    expect(fake.issues).toHaveLength(12);
  });

  it('pushes only the tasks of one spec with --spec', async () => {
    const result = await push({ spec: 'loader' });
    expect(result.actions.filter((a) => a.action === 'create').map((a) => a.id)).toEqual([
      'loader:spec',
      'loader:task-1',
      'loader:task-2',
    ]);
  });
});

describe('pull issues', () => {
  it('brings closed issues back as done tasks, as a diff first and written with --apply', async () => {
    await push();
    for (const key of ['importer:#3', 'importer:3.1', 'loader:task-1']) {
      const issue = byKey(key);
      issue.state = 'closed';
      issue.state_reason = 'completed';
    }
    const ws = await loadWorkspace(dir);
    const before = read('specs/tasks/issue-3.md');
    const plan = await pullIssues(ws, loadTasks(ws).graph.tasks, { repo: REPO, apply: false, api: api() });
    expect(plan.changes.map((c) => [c.id, c.change])).toEqual([
      ['#3', 'status'],
      ['importer:3.1', 'tick'],
      ['loader:task-1', 'record'],
    ]);
    expect(plan.diffs.find((d) => d.file === 'specs/tasks/issue-3.md')?.diff).toContain('+status: done\n');
    expect(read('specs/tasks/issue-3.md')).toBe(before);

    await pullIssues(ws, loadTasks(ws).graph.tasks, { repo: REPO, apply: true, api: api() });
    expect(read('specs/active/importer/tasks.md')).toContain('- [x] 3.1 User guide page <!-- issue:');
    expect(read('specs/prps/loader.md')).toContain(
      `Task 1 - Fixture reader:  # issue: ${url(byKey('loader:task-1').number)} closed\n`,
    );
    const graph = loadTasks(await loadWorkspace(dir)).graph;
    expect(graph.byId.get('#3')?.done).toMatchObject({ done: true, rule: 'front-matter' });
    expect(graph.byId.get('loader:task-1')?.done).toMatchObject({ done: true, rule: 'github-closed' });
    expect(fake.writes().filter((r) => r.method !== 'GET').length).toBeGreaterThan(0);
  });
});
