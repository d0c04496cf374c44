import { type Command, Option } from 'commander';
import { tasksJson } from '../tasks/json.js';
import { loadTaskGraph } from '../tasks/load.js';
import { filterTasks, STATUS_FILTERS, type StatusFilter } from '../tasks/query.js';
import type { ResolvedTask, TaskGraph } from '../tasks/types.js';
import { type CommonOptions, withCommon, workspaceFor } from './common.js';
import { bold, cyan, dim, green, print, printJson, red, table, yellow } from './output.js';
import { printFileErrors } from './problems.js';

interface TasksOptions extends CommonOptions {
  spec?: string;
  status?: StatusFilter;
}

export function register(program: Command): void {
  withCommon(
    program
      .command('tasks')
      .description(
        'every task (task issues, phase items, PRP blueprint tasks) with its state and dependencies',
      )
      .option('--spec <spec>', 'only the tasks of this spec (a slug or a path)')
      .addOption(new Option('--status <state>', 'only tasks in this state').choices(STATUS_FILTERS)),
  ).action(async (opts: TasksOptions) => {
    const graph = await graphFor(opts);
    const tasks = filterTasks(graph, { ...opts });
    if (opts.json) printJson(tasksJson(graph, tasks));
    else printTasks(tasks);
    finish(graph, Boolean(opts.json));
  });
}

export async function graphFor(opts: CommonOptions): Promise<TaskGraph> {
  return loadTaskGraph(await workspaceFor(opts));
}

export function stateText(t: ResolvedTask): string {
  if (t.state === 'done') return green('done');
  if (t.state === 'blocked') return yellow('blocked');
  return t.inProgress ? cyan('in progress') : cyan('ready');
}

function printTasks(tasks: readonly ResolvedTask[]): void {
  if (!tasks.length) {
    print(dim('no tasks found'));
    return;
  }
  const rows = tasks.map((t) => [
    t.id,
    stateText(t),
    truncate(t.title, 56),
    dim(`${t.file}:${t.line}`),
    depsText(t),
  ]);
  print(table(rows, ['ID', 'STATE', 'TITLE', 'WHERE', 'WAITING ON']));
  const n = (s: string) => tasks.filter((t) => t.state === s).length;
  print();
  print(
    `${bold(String(tasks.length))} tasks: ${n('done')} done, ${n('ready')} ready, ${n('blocked')} blocked`,
  );
}

function depsText(t: ResolvedTask): string {
  if (t.state === 'done') return '';
  return t.waitingOn
    .map((w) => (w.endsWith(':phase') || /:phase-\d+$/.test(w) ? dim(`${w} (inferred)`) : w))
    .join(', ');
}

export function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Problems on stderr; exit 1 when the graph has errors (cycles, clashing ids), 2 when a file could not be read. */
export function finish(graph: TaskGraph, json: boolean): void {
  if (!json) {
    for (const p of graph.problems) {
      const tag = p.severity === 'error' ? red('error') : yellow('warning');
      process.stderr.write(`specwright: ${p.file}:${p.line}: ${tag} ${p.message} ${dim(`(${p.code})`)}\n`);
    }
  }
  printFileErrors(graph.errors);
  if (graph.errors.length) process.exitCode = 2;
  else if (graph.problems.some((p) => p.severity === 'error')) process.exitCode = 1;
}
