import type { Command } from 'commander';
import { SpecwrightError } from '../errors.js';
import { GitHubClient } from '../github/client.js';
import { IssuesApi, parseRepo } from '../github/issues.js';
import { SCHEMA_VERSION } from '../report/spec-json.js';
import { loadTasks } from '../tasks/load.js';
import { DEFAULT_LABEL, type PushAction, type PushResult, pushIssues } from '../tasks/push.js';
import { selectSpec } from '../tasks/query.js';
import { type CommonOptions, withCommon, workspaceFor } from './common.js';
import { bold, dim, print, printJson, yellow } from './output.js';
import { finish } from './tasks.js';

export interface GitHubOptions extends CommonOptions {
  repo: string;
  spec?: string;
  apply?: boolean;
  label: string;
}

export function register(program: Command): void {
  const push = program
    .command('push')
    .description('push issues: create or update GitHub issues from the task graph');
  withCommon(
    githubOptions(
      push
        .command('issues')
        .description(
          'create or update one GitHub issue per task (found again by a hidden key), with native dependencies and sub-issues; a dry run unless --apply',
        ),
    ),
  ).action(async (opts: GitHubOptions) => {
    const ws = await workspaceFor(opts);
    const api = githubApi(opts);
    const loaded = loadTasks(ws);
    const tasks = selectSpec(loaded.graph, opts.spec);
    const result = await pushIssues(ws, loaded, tasks, {
      repo: parseRepo(opts.repo),
      apply: Boolean(opts.apply),
      label: opts.label,
      ...(api ? { api } : {}),
    });
    if (opts.json) printJson({ schemaVersion: SCHEMA_VERSION, ...result });
    else printPush(result);
    finish(loaded.graph, Boolean(opts.json));
  });
}

export function githubOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--repo <owner/name>', 'the GitHub repository')
    .option('--spec <spec>', 'only the tasks of this spec (a slug or a path)')
    .option('--apply', 'make the changes (default: show what would change)')
    .option('--label <name>', 'the label that marks issues specwright keeps in sync', DEFAULT_LABEL);
}

/** The API when a token is set (GITHUB_TOKEN, else GH_TOKEN); --apply without one is a usage error. */
export function githubApi(opts: GitHubOptions): IssuesApi | undefined {
  const repo = parseRepo(opts.repo);
  const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN;
  if (!token) {
    if (opts.apply)
      throw new SpecwrightError('--apply needs a token: set GITHUB_TOKEN', undefined, undefined, 'usage');
    return undefined;
  }
  const maxWait = Number(process.env.SPECWRIGHT_GITHUB_MAX_WAIT ?? 60);
  const client = new GitHubClient({
    token,
    maxWaitSeconds: Number.isFinite(maxWait) ? maxWait : 60,
    onWait: (m) => process.stderr.write(`specwright: ${m}\n`),
  });
  return new IssuesApi(client, repo);
}

function describe(a: PushAction): string {
  const n = a.number !== undefined ? `#${a.number}` : '';
  switch (a.action) {
    case 'create':
      return `${a.id}  ${dim(JSON.stringify(a.title))}${n ? ` → ${n}` : ''}${a.closed ? dim(' (done: closed at once)') : ''}`;
    case 'update':
      return `${a.id} ${n}  ${dim((a.fields ?? []).join(', '))}`;
    case 'close':
      return `${a.id} ${n}`;
    case 'relate':
      return `${a.id} ${n} blocked by ${a.blockedBy?.id}${a.blockedBy?.number !== undefined && `#${a.blockedBy.number}` !== a.blockedBy.id ? ` #${a.blockedBy.number}` : ''}`;
    case 'sub-issue':
      return `${a.id} ${n} under ${a.parent?.id}${a.parent?.number !== undefined ? ` #${a.parent.number}` : ''}`;
    case 'record':
      return `${a.id} ${n} in ${a.file}:${a.line}`;
  }
}

function printPush(r: PushResult): void {
  const head = r.applied
    ? `Pushed to ${r.repo}`
    : `Plan for ${r.repo} (dry run${r.online ? '' : ', offline: no GITHUB_TOKEN'}; --apply makes these changes)`;
  print(bold(head));
  for (const a of r.actions) print(`  ${a.action.padEnd(9)}  ${describe(a)}`);
  const count = (k: PushAction['action']) => r.actions.filter((a) => a.action === k).length;
  const parts = [
    `${count('create')} to create`,
    `${count('update')} to update`,
    `${count('close')} to close`,
    `${count('relate')} dependencies`,
    `${count('sub-issue')} sub-issues`,
    `${count('record')} numbers to record`,
  ];
  print(r.actions.length ? dim(parts.join(', ')) : dim('nothing to change: GitHub matches the tasks'));
  for (const w of r.warnings) process.stderr.write(`specwright: ${yellow('warning')} ${w}\n`);
}
