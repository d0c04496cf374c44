import type { Command } from 'commander';
import { SCHEMA_VERSION } from '../report/spec-json.js';
import { loadTemplates } from '../templates/index.js';
import { initWorkspace } from '../workspace/init.js';
import { type CommonOptions, cwdOf, withCommon } from './common.js';
import { dim, green, print, printJson } from './output.js';

export function register(program: Command): void {
  withCommon(
    program.command('init').description('write specwright.config.yaml and the specs/ folders (idempotent)'),
  ).action(async (opts: CommonOptions) => {
    const root = cwdOf(opts);
    const result = initWorkspace(root, await loadTemplates(root));
    if (opts.json) return printJson({ schemaVersion: SCHEMA_VERSION, root, ...result });
    for (const c of result.created) print(`${green('created')} ${c}`);
    for (const e of result.existing) print(dim(`exists  ${e}`));
  });
}
