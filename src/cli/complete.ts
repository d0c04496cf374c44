import type { Command } from 'commander';
import { completeSpec } from '../lifecycle/complete.js';
import { type LifecycleCliOptions, runLifecycle, targetFor, withLifecycle } from './lifecycle-output.js';

interface CompleteCliOptions extends LifecycleCliOptions {
  version?: string;
  location?: string;
  force?: boolean;
}

export function register(program: Command): void {
  withLifecycle(
    program
      .command('complete')
      .argument('<spec>', 'a slug, or the path of any Markdown file')
      .option('--version <x.y.z>', 'the version it shipped in (fills the Version field)')
      .option('--location <path>', 'where it is implemented, relative to the workspace root (must exist)')
      .option('--force', 'complete despite open done criteria or check errors, and log the override')
      .description('set the done status once the done criteria are ticked and check finds no errors'),
    { kind: true },
  ).action(async (spec: string, opts: CompleteCliOptions) => {
    await runLifecycle(opts, async () => completeSpec(await targetFor(spec, opts), opts));
  });
}
