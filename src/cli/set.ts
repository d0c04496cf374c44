import type { Command } from 'commander';
import { setSpecField } from '../lifecycle/set.js';
import { type LifecycleCliOptions, runLifecycle, targetFor, withLifecycle } from './lifecycle-output.js';

export function register(program: Command): void {
  withLifecycle(
    program
      .command('set')
      .argument('<spec>', 'a slug, or the path of one Markdown file')
      .argument('<field>', 'the metadata key (Status, Version, Location, Confidence, ...)')
      .argument('<value>', "the new value; for the status, one of the kind's values")
      .description("set a metadata field in the document's own style (added when missing)"),
    { kind: true },
  ).action(async (spec: string, field: string, value: string, opts: LifecycleCliOptions) => {
    await runLifecycle(opts, async () => setSpecField(await targetFor(spec, opts), field, value, opts));
  });
}
