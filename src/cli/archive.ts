import type { Command } from 'commander';
import { archiveSpec } from '../lifecycle/archive.js';
import { type LifecycleCliOptions, runLifecycle, targetFor, withLifecycle } from './lifecycle-output.js';

interface ArchiveCliOptions extends LifecycleCliOptions {
  force?: boolean;
}

export function register(program: Command): void {
  withLifecycle(
    program
      .command('archive')
      .argument('<spec>', 'a slug, or the path of any Markdown file')
      .option('--force', 'archive a spec that is not done, and log the override')
      .description("move a done spec to its kind's done folder (git mv inside a git repository)"),
    { kind: true },
  ).action(async (spec: string, opts: ArchiveCliOptions) => {
    await runLifecycle(opts, async () => archiveSpec(await targetFor(spec, opts), opts));
  });
}
