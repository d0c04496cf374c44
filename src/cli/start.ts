import type { Command } from 'commander';
import { startSpec } from '../lifecycle/start.js';
import { type LifecycleCliOptions, runLifecycle, targetFor, withLifecycle } from './lifecycle-output.js';

interface StartCliOptions extends LifecycleCliOptions {
  force?: boolean;
}

export function register(program: Command): void {
  withLifecycle(
    program
      .command('start')
      .argument('<spec>', 'a slug, or the path of any Markdown file')
      .option('--force', 'reopen a spec that is already done')
      .description("set the status to the kind's in-progress value and log it in the changelog"),
    { kind: true },
  ).action(async (spec: string, opts: StartCliOptions) => {
    await runLifecycle(opts, async () => startSpec(await targetFor(spec, opts), opts));
  });
}
