import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadWorkspace, type Workspace } from '../workspace/workspace.js';

export interface CommonOptions {
  cwd?: string;
  json?: boolean;
}

/** The options every read command takes. */
export function withCommon(cmd: Command): Command {
  return cmd
    .option('--cwd <dir>', 'run as if started in <dir>')
    .option('--json', 'print JSON (schemaVersion 1)');
}

export function cwdOf(opts: CommonOptions): string {
  return resolve(opts.cwd ?? process.cwd());
}

export function workspaceFor(opts: CommonOptions): Promise<Workspace> {
  return loadWorkspace(cwdOf(opts));
}
