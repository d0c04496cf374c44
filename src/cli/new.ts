import type { Command } from 'commander';
import { SCHEMA_VERSION } from '../report/spec-json.js';
import { createSpec } from '../workspace/create.js';
import { type CommonOptions, withCommon, workspaceFor } from './common.js';
import { dim, green, print, printJson } from './output.js';

interface NewOptions extends CommonOptions {
  author?: string;
  date?: string;
  slug?: string;
  force?: boolean;
}

export function register(program: Command): void {
  withCommon(
    program
      .command('new')
      .argument('<kind>', 'feature, prd, spec, task, prp, or a kind of your own')
      .argument('<title>', 'the title; the slug is made from it')
      .option('--author <name>', 'author (default: git user.name)')
      .option('--date <YYYY-MM-DD>', 'creation date (default: today)')
      .option('--slug <slug>', 'file or folder name (default: from the title)')
      .option('--force', 'overwrite an existing spec')
      .description('create a spec from a template'),
  ).action(async (kind: string, title: string, opts: NewOptions) => {
    const ws = await workspaceFor(opts);
    const result = createSpec(ws, kind, title, opts);
    if (opts.json) return printJson({ schemaVersion: SCHEMA_VERSION, ...result });
    for (const f of result.files) print(`${green('created')} ${f}`);
    for (const d of result.dirs) print(`${green('created')} ${d}/`);
    print(dim(`next: fill it in, then \`specwright show ${result.slug}\``));
  });
}
