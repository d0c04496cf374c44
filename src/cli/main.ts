import { Command, CommanderError } from 'commander';
import { isSpecwrightError } from '../errors.js';

/**
 * The CLI: commander wiring only. Each command lives in its own module, loaded
 * when it runs, and calls the library; nothing here knows about specs.
 */
const COMMANDS: Array<{ name: string; load: () => Promise<{ register(program: Command): void }> }> = [
  { name: 'init', load: () => import('./init.js') },
  { name: 'new', load: () => import('./new.js') },
  { name: 'list', load: () => import('./list.js') },
  { name: 'show', load: () => import('./show.js') },
  { name: 'status', load: () => import('./status.js') },
  { name: 'templates', load: () => import('./templates.js') },
  { name: 'check', load: () => import('./check.js') },
  { name: 'tasks', load: () => import('./tasks.js') },
  { name: 'next', load: () => import('./next.js') },
  { name: 'graph', load: () => import('./graph.js') },
  { name: 'export', load: () => import('./export.js') },
  { name: 'push', load: () => import('./push.js') },
  { name: 'pull', load: () => import('./pull.js') },
  { name: 'verify', load: () => import('./verify.js') },
  { name: 'start', load: () => import('./start.js') },
  { name: 'tick', load: () => import('./tick.js') },
  { name: 'set', load: () => import('./set.js') },
  { name: 'complete', load: () => import('./complete.js') },
  { name: 'archive', load: () => import('./archive.js') },
  { name: 'changelog', load: () => import('./changelog.js') },
];

export async function main(argv: string[]): Promise<number> {
  const program = new Command('specwright')
    .description('Spec-driven development: scaffold, check, track and move Markdown specs')
    .version((await import('./version.js')).VERSION, '-V, --version')
    // Program options only before the command, so that `complete --version 1.2.0` reaches complete.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showSuggestionAfterError();
  // Only the command asked for is loaded (each loads its own dependencies: YAML, zod, the rules...),
  // which halves a warm `list`; help, and a name commander must suggest a fix for, need them all.
  const asked = argv.find((a) => !a.startsWith('-'));
  const only = COMMANDS.filter((c) => c.name === asked);
  for (const c of only.length ? only : COMMANDS) (await c.load()).register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return handleError(err);
  }
}

/** User errors print one line and exit 2; a bug prints its stack, since that is what a report needs. */
export function handleError(err: unknown): number {
  if (err instanceof CommanderError) {
    if (
      err.code === 'commander.helpDisplayed' ||
      err.code === 'commander.version' ||
      err.code === 'commander.help'
    )
      return 0;
    return 2;
  }
  if (isSpecwrightError(err)) {
    process.stderr.write(`specwright: ${err.format()}\n`);
    return 2;
  }
  process.stderr.write(
    `specwright: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return 3;
}
