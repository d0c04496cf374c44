import type { Command } from 'commander';
import { addChangelogEntry } from '../lifecycle/add-changelog-entry.js';
import { type LifecycleCliOptions, runLifecycle, targetFor, withLifecycle } from './lifecycle-output.js';

interface ChangelogCliOptions extends LifecycleCliOptions {
  date?: string;
}

export function register(program: Command): void {
  withLifecycle(
    program
      .command('changelog')
      .argument('<spec>', 'a slug, or the path of any Markdown file')
      .argument('<message>', 'the entry, one line')
      .option('--date <YYYY-MM-DD>', 'the entry date (default: today, or SPECWRIGHT_TODAY)')
      .description('add a dated entry under the Changelog section, in the format the entries already use'),
    { kind: true },
  ).action(async (spec: string, message: string, opts: ChangelogCliOptions) => {
    await runLifecycle(opts, async () => addChangelogEntry(await targetFor(spec, opts), message, opts));
  });
}
