import { parseSpec } from '../../src/model/parse.js';
import type { SpecDocument } from '../../src/model/types.js';
import { buildGraph } from '../../src/tasks/graph.js';
import { extractTasks } from '../../src/tasks/load.js';
import type { ResolvedTask, TaskGraph } from '../../src/tasks/types.js';
import { tempDir } from '../helpers/cli.js';

/** Parse in-memory files (workspace-relative path -> Markdown) the way the workspace would. */
export function docsOf(files: Record<string, string>): SpecDocument[] {
  return Object.entries(files).map(([path, text]) => parseSpec(text, path));
}

export function graphOf(files: Record<string, string>): TaskGraph {
  return buildGraph(extractTasks(docsOf(files)));
}

export function task(graph: TaskGraph, id: string): ResolvedTask {
  const t = graph.byId.get(id);
  if (!t) throw new Error(`no task ${id}; have ${[...graph.byId.keys()].join(', ')}`);
  return t;
}

/** A task issue in the andamios template's shape, trimmed to what the graph reads. */
export function taskIssue(opts: {
  title: string;
  status?: string;
  frontMatter?: string;
  dependsOn?: string[];
  blocks?: string[];
  dod?: boolean[];
  extra?: string;
}): string {
  const fm = [
    '---',
    'name: Implementation Task',
    'about: A task',
    `title: '${opts.title}'`,
    ...(opts.status ? [`status: ${opts.status}`] : []),
    ...(opts.frontMatter ? [opts.frontMatter] : []),
    '---',
  ];
  const list = (items: string[] | undefined) => (items?.length ? items : ['- None']);
  return [
    ...fm,
    '',
    '## 🔗 Dependencies',
    '',
    '**Must be completed first:**',
    ...list(opts.dependsOn),
    '',
    '**Blocks:**',
    ...list(opts.blocks),
    '',
    ...(opts.extra ? [opts.extra, ''] : []),
    ...(opts.dod
      ? ['## 📝 Definition of Done', '', ...opts.dod.map((d, i) => `- [${d ? 'x' : ' '}] criterion ${i + 1}`)]
      : []),
    '',
  ].join('\n');
}

/** A temp folder that the suite's teardown removes (test/global-setup.ts). */
export function tasksTempDir(): string {
  return tempDir();
}
