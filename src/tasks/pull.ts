/**
 * `pull issues`: bring GitHub's issue state back into the task files. A task
 * whose issue was closed (as completed) becomes done: a phase item is ticked, a
 * task document takes its kind's done status, a blueprint task's record says
 * `closed`. Lossless edits, shown as a unified diff; written only with --apply.
 */
import { join } from 'node:path';
import { GitHubError } from '../github/client.js';
import { type Issue, type IssuesApi, type Repo, repoText } from '../github/issues.js';
import { type CommittedFile, commitEdits, workspaceCommitOptions } from '../lifecycle/index.js';
import type { Workspace } from '../workspace/workspace.js';
import { keyInBody } from './issue-body.js';
import { parseIssueUrl } from './issue-link.js';
import { DEFAULT_LABEL } from './push.js';
import { closeEdits, recordTargetOf } from './record.js';
import type { ResolvedTask } from './types.js';

export interface PullOptions {
  repo: Repo;
  label?: string;
  apply: boolean;
  api: IssuesApi;
}

export interface PullChange {
  id: string;
  number: number;
  file: string;
  line: number;
  /** What changes in the file. */
  change: 'status' | 'tick' | 'record';
}

export interface PullResult {
  repo: string;
  applied: boolean;
  changes: PullChange[];
  /** One unified diff per changed file. */
  diffs: Array<{ file: string; diff: string }>;
  warnings: string[];
}

export async function pullIssues(
  ws: Workspace,
  tasks: readonly ResolvedTask[],
  options: PullOptions,
): Promise<PullResult> {
  const { api } = options;
  const repoKey = repoText(options.repo).toLowerCase();
  const result: PullResult = {
    repo: repoText(options.repo),
    applied: options.apply,
    changes: [],
    diffs: [],
    warnings: [],
  };
  const byKey = new Map<string, Issue>();
  const byNumber = new Map<number, Issue>();
  for (const issue of await api.listByLabel(options.label ?? DEFAULT_LABEL)) {
    byNumber.set(issue.number, issue);
    const key = keyInBody(issue.body);
    if (key && !byKey.has(key)) byKey.set(key, issue);
  }

  const byFile = new Map<string, Array<{ task: ResolvedTask; issue: Issue }>>();
  for (const task of tasks) {
    let issue = byKey.get(task.key);
    const recorded = task.issue && parseIssueUrl(task.issue.url)?.repo === repoKey ? task.issue : undefined;
    if (!issue && recorded) issue = byNumber.get(recorded.number) ?? (await getIssue(api, recorded.number));
    if (!issue) continue;
    if (issue.state === 'open') {
      if (task.done.done)
        result.warnings.push(
          `${task.id}: done here but #${issue.number} is open on GitHub (push issues closes it)`,
        );
      continue;
    }
    if (task.done.done) continue;
    if (issue.state_reason === 'not_planned') {
      result.warnings.push(`${task.id}: #${issue.number} was closed as not planned; left as it is here`);
      continue;
    }
    const list = byFile.get(task.file) ?? [];
    list.push({ task, issue });
    byFile.set(task.file, list);
  }

  const options2 = { ...workspaceCommitOptions(ws), dryRun: !options.apply };
  for (const [file, entries] of byFile) {
    const committed: CommittedFile = await commitEdits(
      join(ws.root, file),
      undefined,
      (doc) => {
        const template = doc.kind.kind === 'unknown' ? undefined : ws.templates.get(doc.kind.kind);
        return entries.flatMap(({ task, issue }) =>
          closeEdits(doc, recordTargetOf(task), { number: issue.number, url: issue.html_url }, template),
        );
      },
      options2,
    );
    if (!committed.changed) continue;
    result.diffs.push({ file, diff: committed.diff });
    for (const { task, issue } of entries)
      result.changes.push({
        id: task.id,
        number: issue.number,
        file,
        line: task.line,
        change: task.source === 'issue' ? 'status' : task.source === 'phase' ? 'tick' : 'record',
      });
  }
  return result;
}

async function getIssue(api: IssuesApi, n: number): Promise<Issue | undefined> {
  try {
    return await api.get(n);
  } catch (err) {
    if (err instanceof GitHubError && err.status === 404) return undefined;
    throw err;
  }
}
