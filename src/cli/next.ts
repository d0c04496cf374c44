import type { Command } from 'commander';
import { SpecwrightError } from '../errors.js';
import { nextJson } from '../tasks/json.js';
import { nextTasks, selectSpec } from '../tasks/query.js';
import { type CommonOptions, withCommon } from './common.js';
import { bold, dim, print, printJson } from './output.js';
import { finish, graphFor, stateText, truncate } from './tasks.js';

interface NextOptions extends CommonOptions {
  spec?: string;
  limit?: string;
}

export function register(program: Command): void {
  withCommon(
    program
      .command('next')
      .description('ready tasks (every dependency done), by phase, then priority, then id')
      .option('--spec <spec>', 'only the tasks of this spec (a slug or a path)')
      .option('--limit <n>', 'show at most n tasks'),
  ).action(async (opts: NextOptions) => {
    const limit = opts.limit === undefined ? undefined : Number(opts.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
      throw new SpecwrightError(`--limit must be a positive integer, not "${opts.limit}"`);
    const graph = await graphFor(opts);
    const scope = selectSpec(graph, opts.spec);
    const next = nextTasks(graph, { ...(opts.spec ? { spec: opts.spec } : {}), ...(limit ? { limit } : {}) });
    if (opts.json) printJson(nextJson(graph, next, scope));
    else {
      if (!next.length) {
        const blocked = scope.filter((t) => t.state === 'blocked').length;
        print(
          blocked
            ? `nothing is ready: ${blocked} open task${blocked === 1 ? ' is' : 's are'} blocked ${dim('(specwright tasks --status blocked)')}`
            : dim('nothing left to do'),
        );
      }
      next.forEach((t, i) => {
        const facts = [
          t.phase ? `phase ${t.phase.number}` : undefined,
          t.priorityLabel ? `priority ${t.priorityLabel}` : undefined,
          t.inProgress ? stateText(t) : undefined,
        ].filter(Boolean);
        print(`${String(i + 1).padStart(3)}. ${bold(t.id)}  ${truncate(t.title, 70)}`);
        print(dim(`      ${t.file}:${t.line}${facts.length ? ` · ${facts.join(' · ')}` : ''}`));
      });
    }
    finish(graph, Boolean(opts.json));
  });
}
