/**
 * `push issues`: make GitHub's issues match the task graph. An upsert, never a
 * blind create: each issue carries the hidden key `<!-- specwright:<spec>:<task> -->`
 * and a label, and is found again by that key (or by the number recorded in the
 * task's file). Dependencies become GitHub's native "blocked by" relations, a
 * spec's tasks become sub-issues of the spec's tracking issue, done tasks close
 * their issues, and each issue's number and URL are recorded back into the file
 * that holds the task.
 *
 * Order makes an interrupted push safe to re-run: issues are created first (the
 * key is in them from the start), numbers are recorded as soon as the issues
 * exist (also when a later step fails), relations last. The next run finds what
 * the last one made and completes it.
 */
import { join } from 'node:path';
import { GitHubError } from '../github/client.js';
import {
  type Issue,
  type IssueFields,
  type IssuesApi,
  labelNames,
  type Repo,
  repoText,
} from '../github/issues.js';
import { commitEdits, workspaceCommitOptions } from '../lifecycle/index.js';
import type { SpecDocument } from '../model/types.js';
import type { Workspace } from '../workspace/workspace.js';
import { type IssueUnit, issueUnits, keyInBody, renderIssue } from './issue-body.js';
import { parseIssueUrl } from './issue-link.js';
import { specDocuments } from './load.js';
import { recordEdits, recordTargetOf } from './record.js';
import type { ResolvedTask, TaskGraph } from './types.js';

export const DEFAULT_LABEL = 'specwright';

export interface PushOptions {
  repo: Repo;
  /** The label every pushed issue carries; existing issues are listed by it. */
  label?: string;
  /** Make the changes; otherwise only plan them. */
  apply: boolean;
  /** The GitHub API; absent when there is no token (an offline plan). */
  api?: IssuesApi;
}

export type PushActionKind = 'create' | 'update' | 'close' | 'relate' | 'sub-issue' | 'record';

export interface PushAction {
  action: PushActionKind;
  key: string;
  /** The task id (or `<spec>:spec`) people know it by. */
  id: string;
  title?: string;
  /** For `create`: the task is done, so the issue is created and closed. */
  closed?: boolean;
  /** The issue acted on, once it exists. */
  number?: number;
  url?: string;
  /** For `update`: what differs (title, body, labels). */
  fields?: string[];
  /** For `relate`: the issue this one is blocked by. */
  blockedBy?: { id: string; number?: number };
  /** For `sub-issue`: the spec's tracking issue. */
  parent?: { id: string; number?: number };
  /** For `record`: where the number is written. */
  file?: string;
  line?: number;
}

export interface PushResult {
  repo: string;
  applied: boolean;
  /** Whether GitHub was asked what exists (a token was given). */
  online: boolean;
  actions: PushAction[];
  warnings: string[];
}

interface Loaded {
  graph: TaskGraph;
  docs: ReadonlyMap<string, SpecDocument>;
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\r\n/g, '\n').trimEnd();
const unique = (list: string[]) => [...new Set(list)];

export async function pushIssues(
  ws: Workspace,
  { graph, docs }: Loaded,
  tasks: readonly ResolvedTask[],
  options: PushOptions,
): Promise<PushResult> {
  const { api, apply } = options;
  const label = options.label ?? DEFAULT_LABEL;
  const repoKey = repoText(options.repo).toLowerCase();
  const result: PushResult = {
    repo: repoText(options.repo),
    applied: apply && api !== undefined,
    online: api !== undefined,
    actions: [],
    warnings: [],
  };
  const units = issueUnits(graph, tasks, specDocuments(docs.values()));
  const sameRepo = (link: { url: string } | undefined) =>
    link !== undefined && parseIssueUrl(link.url)?.repo === repoKey;

  // What exists: issues with the label, by their hidden key; recorded numbers as a fallback.
  const byKey = new Map<string, Issue>();
  const byNumber = new Map<number, Issue>();
  if (api) {
    for (const issue of await api.listByLabel(label)) {
      byNumber.set(issue.number, issue);
      const key = keyInBody(issue.body);
      if (key && !byKey.has(key)) byKey.set(key, issue);
    }
  }
  const fetchNumber = async (n: number): Promise<Issue | undefined> => {
    if (!api) return undefined;
    const known = byNumber.get(n);
    if (known) return known;
    try {
      const issue = await api.get(n);
      byNumber.set(n, issue);
      return issue;
    } catch (err) {
      if (err instanceof GitHubError && (err.status === 404 || err.status === 410)) return undefined;
      throw err;
    }
  };
  const issueOf = new Map<string, Issue>();
  for (const unit of units) {
    let issue = byKey.get(unit.key);
    if (!issue && sameRepo(unit.recorded)) {
      const found = await fetchNumber((unit.recorded as { number: number }).number);
      const key = keyInBody(found?.body);
      if (found && (!key || key === unit.key)) issue = found;
      else if (found)
        result.warnings.push(`${unitId(unit)}: the recorded issue #${found.number} belongs to ${key}`);
    }
    if (issue) issueOf.set(unit.key, issue);
  }

  const numberOf = (taskId: string): number | undefined => {
    const t = graph.byId.get(taskId);
    if (!t) return undefined;
    const issue = issueOf.get(t.key);
    if (issue) return issue.number;
    // A task outside this push (another spec) that was pushed before.
    return sameRepo(t.issue) ? t.issue?.number : undefined;
  };
  const ctx = { graph, docs, numberOf };
  const add = (a: PushAction) => {
    result.actions.push(a);
    return a;
  };

  const recorded = new Set<string>();
  try {
    // 1. Create and update, prerequisites first so that their numbers can be written.
    for (const unit of units) {
      if (!api && unit.recorded && sameRepo(unit.recorded)) continue; // offline: nothing to compare with
      const want = renderIssue(unit, ctx);
      const labels = unique([label, ...want.labels]);
      const issue = issueOf.get(unit.key);
      if (!issue) {
        const act = add({
          action: 'create',
          key: unit.key,
          id: unitId(unit),
          title: want.title,
          ...(unit.done ? { closed: true } : {}),
        });
        if (!result.applied || !api) continue;
        let created = await api.create({
          title: want.title,
          body: want.body,
          labels,
          ...(want.assignees.length ? { assignees: want.assignees } : {}),
        });
        if (unit.done)
          created = await api.update(created.number, { state: 'closed', state_reason: 'completed' });
        issueOf.set(unit.key, created);
        act.number = created.number;
        act.url = created.html_url;
        continue;
      }
      await updateIssue(unit, issue, want, labels);
    }

    // 2. Bodies that could not name their neighbours' numbers before those issues existed.
    if (result.applied && api) {
      for (const unit of units) {
        const issue = issueOf.get(unit.key);
        if (!issue) continue;
        const want = renderIssue(unit, ctx);
        if (norm(issue.body) === norm(want.body)) continue;
        const updated = await api.update(issue.number, { body: want.body });
        issueOf.set(unit.key, updated);
        if (
          !result.actions.some((a) => a.key === unit.key && (a.action === 'create' || a.action === 'update'))
        )
          add({ action: 'update', key: unit.key, id: unitId(unit), number: issue.number, fields: ['body'] });
      }
    }
  } finally {
    // 3. Record numbers as soon as the issues exist, even when a later request failed.
    await recordBack(ws, units, issueOf, result, recorded, sameRepo).catch((err) => {
      result.warnings.push(
        `recording issue numbers failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
  }

  // 4. Native dependencies: "blocked by", with the blocking issue's database id.
  for (const unit of units) {
    const t = unit.task;
    const issue = issueOf.get(unit.key);
    if (!t) continue;
    const wanted: Array<{ id: string; issue?: Issue }> = [];
    for (const e of graph.edges) {
      if (e.to !== t.id || e.via === 'phase-order') continue;
      if (e.unknown) {
        // A dependency on an issue that is not a task here: the repository's own #N, if it exists.
        const n = /^#(\d+)$/.exec(e.from);
        if (!n) continue;
        const external = issue ? await fetchNumber(Number(n[1])) : undefined;
        if (issue && !external) {
          result.warnings.push(
            `${t.id}: depends on ${e.from}, which is neither a task nor an issue of ${result.repo}`,
          );
          continue;
        }
        wanted.push({ id: e.from, ...(external ? { issue: external } : {}) });
        continue;
      }
      const pre = graph.byId.get(e.from) as ResolvedTask;
      let preIssue = issueOf.get(pre.key);
      if (!preIssue && sameRepo(pre.issue))
        preIssue = await fetchNumber((pre.issue as { number: number }).number);
      wanted.push({ id: pre.id, ...(preIssue ? { issue: preIssue } : {}) });
    }
    if (!wanted.length) continue;
    const existing =
      issue && api ? new Set((await api.blockedBy(issue.number)).map((i) => i.id)) : new Set<number>();
    for (const w of wanted) {
      if (w.issue && existing.has(w.issue.id)) continue;
      add({
        action: 'relate',
        key: unit.key,
        id: unitId(unit),
        ...(issue ? { number: issue.number } : {}),
        blockedBy: { id: w.id, ...(w.issue ? { number: w.issue.number } : {}) },
      });
      if (result.applied && api && issue && w.issue)
        await tolerate422(result, `${t.id} blocked by ${w.id}`, () =>
          api.addBlockedBy(issue.number, (w.issue as Issue).id),
        );
    }
  }

  // 5. A spec's tasks as sub-issues of its tracking issue.
  for (const unit of units) {
    if (unit.kind !== 'spec') continue;
    const parent = issueOf.get(unit.key);
    const existing =
      parent && api ? new Set((await api.subIssues(parent.number)).map((i) => i.id)) : new Set<number>();
    for (const key of unit.children) {
      const child = issueOf.get(key);
      if (child && existing.has(child.id)) continue;
      const childUnit = units.find((u) => u.key === key) as IssueUnit;
      add({
        action: 'sub-issue',
        key,
        id: unitId(childUnit),
        ...(child ? { number: child.number } : {}),
        parent: { id: unitId(unit), ...(parent ? { number: parent.number } : {}) },
      });
      if (result.applied && api && parent && child)
        await tolerate422(result, `${unitId(childUnit)} as a sub-issue of ${unitId(unit)}`, () =>
          api.addSubIssue(parent.number, child.id),
        );
    }
  }
  if (!api) {
    const known = units.filter((u) => sameRepo(u.recorded)).length;
    if (known)
      result.warnings.push(
        `${known} issue${known === 1 ? ' is' : 's are'} already recorded; set GITHUB_TOKEN to compare them with GitHub`,
      );
  }
  return result;

  async function updateIssue(
    unit: IssueUnit,
    issue: Issue,
    want: ReturnType<typeof renderIssue>,
    labels: string[],
  ): Promise<void> {
    const changed: string[] = [];
    const fields: IssueFields = {};
    if (issue.title.trim() !== want.title.trim()) {
      changed.push('title');
      fields.title = want.title;
    }
    if (norm(issue.body) !== norm(want.body)) {
      changed.push('body');
      fields.body = want.body;
    }
    const have = labelNames(issue);
    if (labels.some((l) => !have.includes(l))) {
      changed.push('labels');
      fields.labels = unique([...have, ...labels]); // labels added on GitHub stay
    }
    const close = unit.done && issue.state === 'open';
    if (close) {
      fields.state = 'closed';
      fields.state_reason = 'completed';
    }
    if (!unit.done && issue.state === 'closed')
      result.warnings.push(
        `${unitId(unit)}: #${issue.number} is closed on GitHub but not done here (pull issues brings the state back)`,
      );
    if (!changed.length && !close) return;
    const id = unitId(unit);
    if (changed.length) add({ action: 'update', key: unit.key, id, number: issue.number, fields: changed });
    if (close) add({ action: 'close', key: unit.key, id, number: issue.number });
    if (result.applied && api) issueOf.set(unit.key, await api.update(issue.number, fields));
  }
}

function unitId(unit: IssueUnit): string {
  return unit.task?.id ?? unit.key;
}

/** A relation GitHub refuses (already there, cross-repository, a second parent) is a warning, not a failed push. */
async function tolerate422(result: PushResult, what: string, call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (err) {
    if (err instanceof GitHubError && err.status === 422) result.warnings.push(`${what}: ${err.message}`);
    else throw err;
  }
}

/** Write each issue's number and URL into the file holding its task, one locked atomic write per file. */
async function recordBack(
  ws: Workspace,
  units: readonly IssueUnit[],
  issueOf: ReadonlyMap<string, Issue>,
  result: PushResult,
  done: Set<string>,
  sameRepo: (link: { url: string } | undefined) => boolean,
): Promise<void> {
  const byFile = new Map<string, Array<{ unit: IssueUnit; issue?: Issue }>>();
  const queue = (unit: IssueUnit, issue?: Issue) => {
    const list = byFile.get(unit.file) ?? [];
    list.push({ unit, ...(issue ? { issue } : {}) });
    byFile.set(unit.file, list);
  };
  for (const unit of units) {
    if (done.has(unit.key)) continue;
    const issue = issueOf.get(unit.key);
    if (issue) {
      if (unit.recorded?.number !== issue.number || unit.recorded.url !== issue.html_url) queue(unit, issue);
    } else if (!result.applied && !sameRepo(unit.recorded)) queue(unit); // to be created: recorded then
  }
  for (const [file, entries] of byFile) {
    for (const { unit, issue } of entries)
      result.actions.push({
        action: 'record',
        key: unit.key,
        id: unitId(unit),
        file,
        line: unit.line,
        ...(issue ? { number: issue.number, url: issue.html_url } : {}),
      });
    if (!result.applied) continue;
    const options = workspaceCommitOptions(ws);
    await commitEdits(
      join(ws.root, file),
      undefined,
      (doc) =>
        entries.flatMap(({ unit, issue }) => {
          if (!issue) return [];
          const template = doc.kind.kind === 'unknown' ? undefined : ws.templates.get(doc.kind.kind);
          const target = unit.task ? recordTargetOf(unit.task) : ({ kind: 'spec' } as const);
          return recordEdits(doc, target, { number: issue.number, url: issue.html_url }, template);
        }),
      options,
    );
    for (const { unit } of entries) done.add(unit.key);
  }
}
