import type { Command } from 'commander';
import { SCHEMA_VERSION } from '../report/spec-json.js';
import { workspaceStatus } from '../workspace/status-report.js';
import { listSpecs } from '../workspace/workspace.js';
import { type CommonOptions, withCommon, workspaceFor } from './common.js';
import { bold, dim, percent, print, printJson, progressBar, table, yellow } from './output.js';
import { printFileErrors } from './problems.js';

export function register(program: Command): void {
  withCommon(
    program.command('status').description('counts by status, a progress bar per spec, and what is stale'),
  ).action(async (opts: CommonOptions) => {
    const ws = await workspaceFor(opts);
    const report = workspaceStatus(listSpecs(ws), ws.config, ws.templates);
    if (opts.json) {
      printJson({ schemaVersion: SCHEMA_VERSION, ...report });
    } else {
      const counts = Object.entries(report.byState)
        .sort((a, b) => b[1] - a[1])
        .map(([state, n]) => `${state} ${bold(String(n))}`)
        .join(' · ');
      print(`${bold(String(report.total))} specs${counts ? `: ${counts}` : ''}`);
      print();
      const rows = report.specs.map((s) => [
        s.slug,
        s.state,
        `${progressBar(s.progress.checked, s.progress.total)} ${percent(s.progress.checked, s.progress.total)}`,
        s.stale ? yellow(s.staleReason ?? 'stale') : '',
      ]);
      if (rows.length) print(table(rows, ['SPEC', 'STATE', 'PROGRESS', 'STALE']));
      const stale = report.specs.filter((s) => s.stale).length;
      if (stale)
        print(
          `\n${yellow(`${stale} stale`)} ${dim('(open and unchanged for a while, or done but not archived)')}`,
        );
      printFileErrors(report.errors);
    }
    if (report.errors.length) process.exitCode = 2;
  });
}
