/**
 * `export issues`: one Markdown file per task (and per spec with tasks) in GitHub
 * issue-template form, front matter `title`, `labels`, `assignees`, then the body
 * `push issues` would send. Deterministic, LF line endings: the same workspace
 * always exports the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { SpecDocument } from '../model/types.js';
import { fileSafeId } from './ids.js';
import { issueUnits, type NumberOf, renderIssue } from './issue-body.js';
import type { ResolvedTask, TaskGraph } from './types.js';

export interface ExportedFile {
  /** File name inside the output folder. */
  name: string;
  key: string;
  title: string;
  content: string;
}

/** Issue numbers as far as the files know them: recorded by `push`, else a task document's own number. */
export function localNumbers(graph: TaskGraph): NumberOf {
  return (id) => {
    const t = graph.byId.get(id);
    if (t?.issue) return t.issue.number;
    return t?.number;
  };
}

export function exportFiles(
  graph: TaskGraph,
  tasks: readonly ResolvedTask[],
  docs: ReadonlyMap<string, SpecDocument>,
  specDocs: ReadonlyMap<string, SpecDocument>,
): ExportedFile[] {
  const ctx = { graph, docs, numberOf: localNumbers(graph) };
  return issueUnits(graph, tasks, specDocs).map((unit) => {
    const issue = renderIssue(unit, ctx);
    const front = stringify(
      { title: issue.title, labels: issue.labels, assignees: issue.assignees },
      { lineWidth: 0 },
    );
    return {
      name: `${fileSafeId(unit.key)}.md`,
      key: unit.key,
      title: issue.title,
      content: `---\n${front}---\n\n${issue.body}`,
    };
  });
}

export function writeExport(outDir: string, files: readonly ExportedFile[]): void {
  mkdirSync(outDir, { recursive: true });
  for (const f of files) writeFileSync(join(outDir, f.name), f.content);
}
