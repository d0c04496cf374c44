import { resolve } from 'node:path';
import type { Command } from 'commander';
import { SCHEMA_VERSION } from '../report/spec-json.js';
import { exportFiles, writeExport } from '../tasks/export.js';
import { loadTasks, specDocuments } from '../tasks/load.js';
import { selectSpec } from '../tasks/query.js';
import { type CommonOptions, cwdOf, withCommon, workspaceFor } from './common.js';
import { dim, print, printJson } from './output.js';
import { finish } from './tasks.js';

interface ExportOptions extends CommonOptions {
  spec?: string;
  out?: string;
}

export function register(program: Command): void {
  const exp = program.command('export').description('export issues: one GitHub issue-template file per task');
  withCommon(
    exp
      .command('issues')
      .description('one Markdown file per task in GitHub issue-template form, with dependency references')
      .option('--spec <spec>', 'only the tasks of this spec (a slug or a path)')
      .option('--out <dir>', 'folder to write to (default: .specwright/issues in the workspace)'),
  ).action(async (opts: ExportOptions) => {
    const ws = await workspaceFor(opts);
    const { graph, docs } = loadTasks(ws);
    const tasks = selectSpec(graph, opts.spec);
    const files = exportFiles(graph, tasks, docs, specDocuments(docs.values()));
    const outDir = opts.out ? resolve(cwdOf(opts), opts.out) : resolve(ws.root, '.specwright', 'issues');
    writeExport(outDir, files);
    if (opts.json)
      printJson({
        schemaVersion: SCHEMA_VERSION,
        out: outDir,
        files: files.map((f) => ({ file: f.name, key: f.key, title: f.title })),
      });
    else {
      for (const f of files) print(`${f.name}  ${dim(f.title)}`);
      print(dim(`${files.length} file${files.length === 1 ? '' : 's'} written to ${outDir}`));
    }
    finish(graph, Boolean(opts.json));
  });
}
