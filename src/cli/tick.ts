import type { Command } from 'commander';
import { tickSpec } from '../lifecycle/tick.js';
import { type LifecycleCliOptions, runLifecycle, targetFor, withLifecycle } from './lifecycle-output.js';

interface TickCliOptions extends LifecycleCliOptions {
  undo?: boolean;
}

export function register(program: Command): void {
  withLifecycle(
    program
      .command('tick')
      .argument('<spec>', 'a slug, or the path of one Markdown file')
      .argument('<item...>', 'numbered id ("3.1", "AC4"), a unique part of the item text, or line:N')
      .option('--undo', 'untick instead')
      .description('tick checklist items (only the character between the brackets changes)'),
  ).action(async (spec: string, items: string[], opts: TickCliOptions) => {
    await runLifecycle(opts, async () => tickSpec(await targetFor(spec, opts), items, opts));
  });
}
