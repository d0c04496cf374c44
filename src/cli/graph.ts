import { type Command, Option } from 'commander';
import { renderDot } from '../report/dot.js';
import { renderMermaid } from '../report/mermaid.js';
import { graphJson } from '../tasks/json.js';
import { selectSpec } from '../tasks/query.js';
import { type CommonOptions, withCommon } from './common.js';
import { printJson } from './output.js';
import { finish, graphFor } from './tasks.js';

interface GraphOptions extends CommonOptions {
  spec?: string;
  format: 'mermaid' | 'dot' | 'json';
}

export function register(program: Command): void {
  withCommon(
    program
      .command('graph')
      .description('the task dependency graph (done tasks marked) as Mermaid, Graphviz DOT or JSON')
      .option('--spec <spec>', 'only the tasks of this spec (a slug or a path)')
      .addOption(
        new Option('--format <format>', 'output format')
          .choices(['mermaid', 'dot', 'json'])
          .default('mermaid'),
      ),
  ).action(async (opts: GraphOptions) => {
    const graph = await graphFor(opts);
    const view = graphJson(graph, selectSpec(graph, opts.spec));
    const format = opts.json ? 'json' : opts.format;
    if (format === 'json') printJson(view);
    else process.stdout.write(format === 'dot' ? renderDot(view) : renderMermaid(view));
    finish(graph, format === 'json');
  });
}
