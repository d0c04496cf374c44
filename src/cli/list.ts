import type { Command } from 'commander';
import { listJson } from '../report/spec-json.js';
import { lastRunsFor } from '../verify/history.js';
import { listSpecs } from '../workspace/workspace.js';
import { type CommonOptions, withCommon, workspaceFor } from './common.js';
import { dim, percent, print, printJson, table, yellow } from './output.js';
import { printFileErrors } from './problems.js';

export function register(program: Command): void {
  withCommon(
    program
      .command('list')
      .description('one row per spec: slug, kind, status, progress, placeholders, updated'),
  ).action(async (opts: CommonOptions) => {
    const ws = await workspaceFor(opts);
    const list = listSpecs(ws);
    if (opts.json) {
      const slugs = list.specs.map((s) => s.slug);
      printJson(listJson(list, lastRunsFor(ws.root, slugs)));
    } else {
      const rows = list.specs.map((s) => [
        s.slug,
        s.kind,
        s.status ? (s.status.unset ? yellow('(not set)') : s.status.raw) : dim('-'),
        `${percent(s.progress.checked, s.progress.total)} ${dim(`${s.progress.checked}/${s.progress.total}`)}`,
        s.placeholders ? yellow(String(s.placeholders)) : dim('0'),
        s.updated.slice(0, 10),
      ]);
      print(
        list.specs.length
          ? table(rows, ['SLUG', 'KIND', 'STATUS', 'PROGRESS', 'PLACEHOLDERS', 'UPDATED'])
          : dim('no specs found'),
      );
      printFileErrors(list.errors);
    }
    if (list.errors.length) process.exitCode = 2;
  });
}
