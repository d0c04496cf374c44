import type { Command } from 'commander';
import { SpecwrightError } from '../errors.js';
import { SCHEMA_VERSION } from '../report/spec-json.js';
import { loadTasks } from '../tasks/load.js';
import { pullIssues } from '../tasks/pull.js';
import { selectSpec } from '../tasks/query.js';
import { type CommonOptions, withCommon, workspaceFor } from './common.js';
import { bold, dim, print, printJson, yellow } from './output.js';
import { type GitHubOptions, githubApi, githubOptions } from './push.js';
import { finish } from './tasks.js';

export function register(program: Command): void {
  const pull = program
    .command('pull')
    .description('pull issues: closed GitHub issues back into the task files');
  withCommon(
    githubOptions(
      pull
        .command('issues')
        .description(
          'tick the tasks (or mark them done) whose GitHub issues were closed; shows the diff, --apply writes it',
        ),
    ),
  ).action(async (opts: GitHubOptions & CommonOptions) => {
    const ws = await workspaceFor(opts);
    const api = githubApi(opts);
    if (!api)
      throw new SpecwrightError('pull issues reads GitHub: set GITHUB_TOKEN', undefined, undefined, 'usage');
    const loaded = loadTasks(ws);
    const tasks = selectSpec(loaded.graph, opts.spec);
    const result = await pullIssues(ws, tasks, {
      repo: api.repo,
      apply: Boolean(opts.apply),
      label: opts.label,
      api,
    });
    if (opts.json) printJson({ schemaVersion: SCHEMA_VERSION, ...result });
    else {
      for (const d of result.diffs) process.stdout.write(d.diff);
      const n = result.changes.length;
      print(
        n
          ? bold(
              `${n} task${n === 1 ? '' : 's'} closed on GitHub ${result.applied ? 'marked done' : 'would be marked done (--apply writes it)'}`,
            )
          : dim('nothing to bring back: every closed issue is done here'),
      );
      for (const w of result.warnings) process.stderr.write(`specwright: ${yellow('warning')} ${w}\n`);
    }
    finish(loaded.graph, Boolean(opts.json));
  });
}
