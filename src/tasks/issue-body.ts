/**
 * What a task looks like as a GitHub issue: title, labels, assignees and a
 * Markdown body ending in the hidden key `<!-- specwright:<spec-slug>:<task-id> -->`.
 * `export issues` writes it to files, `push issues` sends it; both use this one renderer.
 *
 * A task document is sent as written (its front matter becomes the issue's fields).
 * Phase items and blueprint tasks get a generated body: where they come from, their
 * steps, and their dependencies. A spec with tasks gets a tracking issue listing them.
 */
import type { SpecDocument } from '../model/types.js';
import { fieldValue } from './doc-facts.js';
import { parseIssueUrl } from './issue-link.js';
import type { ResolvedTask, TaskGraph } from './types.js';

export interface IssueUnit {
  /** The hidden key: `<spec-slug>:<task-id>`, or `<spec-slug>:spec` for a spec's tracking issue. */
  key: string;
  kind: 'task' | 'spec';
  /** The task, for task units. */
  task?: ResolvedTask;
  spec: string;
  /** The file the issue's number is recorded in, and the line the record goes on. */
  file: string;
  line: number;
  done: boolean;
  /** The issue `push` recorded earlier, if any. */
  recorded?: { number: number; url: string; closed?: boolean };
  /** Keys of the spec unit's tasks (spec units only). */
  children: string[];
}

export interface RenderedIssue {
  title: string;
  labels: string[];
  assignees: string[];
  body: string;
}

/** The GitHub issue number to show for a task, when one is known. */
export type NumberOf = (taskId: string) => number | undefined;

export const markerOf = (key: string) => `<!-- specwright:${key} -->`;
const MARKER = /<!--\s*specwright:(\S+?)\s*-->/;

/** The key hidden in an issue body, if any. */
export function keyInBody(body: string | null | undefined): string | undefined {
  return body ? MARKER.exec(body)?.[1] : undefined;
}

/**
 * The issues a set of tasks becomes: one per task, and a tracking issue per spec
 * that has a document of its own (tasks become its sub-issues). Prerequisites come
 * before the tasks that wait for them, so that their numbers are known first.
 */
export function issueUnits(
  graph: TaskGraph,
  tasks: readonly ResolvedTask[],
  specDocs: ReadonlyMap<string, SpecDocument>,
): IssueUnit[] {
  const units: IssueUnit[] = [];
  const bySpec = new Map<string, string[]>();
  for (const t of topological(graph, tasks)) {
    const unit: IssueUnit = {
      key: t.key,
      kind: 'task',
      task: t,
      spec: t.spec,
      file: t.file,
      line: t.line,
      done: t.done.done,
      children: [],
    };
    if (t.issue) unit.recorded = t.issue;
    units.push(unit);
    if (specDocs.has(t.spec)) bySpec.set(t.spec, [...(bySpec.get(t.spec) ?? []), t.key]);
  }
  const specUnits: IssueUnit[] = [];
  for (const [spec, children] of bySpec) {
    const doc = specDocs.get(spec) as SpecDocument;
    const unit: IssueUnit = {
      key: `${spec}:spec`,
      kind: 'spec',
      spec,
      file: doc.path,
      line: doc.title?.range.start.line ?? 1,
      done: doc.status?.state ? ['complete', 'implemented', 'archived'].includes(doc.status.state) : false,
      children,
    };
    const recorded = specRecord(doc);
    if (recorded) unit.recorded = recorded;
    specUnits.push(unit);
  }
  return [...specUnits.sort((a, b) => a.key.localeCompare(b.key)), ...units];
}

/** Prerequisites first (explicit edges); ties and cycles keep id order. */
function topological(graph: TaskGraph, tasks: readonly ResolvedTask[]): ResolvedTask[] {
  const selected = new Map(tasks.map((t) => [t.id, t]));
  const out: ResolvedTask[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (t: ResolvedTask) => {
    if (state.get(t.id)) return;
    state.set(t.id, 1);
    for (const e of graph.edges) {
      if (e.to !== t.id) continue;
      const pre = selected.get(e.from);
      if (pre && !state.get(pre.id)) visit(pre);
    }
    state.set(t.id, 2);
    out.push(t);
  };
  for (const t of tasks) visit(t);
  return out;
}

/** A spec's tracking issue, recorded as its `Issue` metadata field (a URL). */
export function specRecord(doc: SpecDocument): IssueUnit['recorded'] {
  const value = fieldValue(doc, 'issue')?.trim();
  const parsed = value ? parseIssueUrl(value) : undefined;
  return value && parsed ? { number: parsed.number, url: value } : undefined;
}

export interface RenderContext {
  graph: TaskGraph;
  docs: ReadonlyMap<string, SpecDocument>;
  numberOf: NumberOf;
}

export function renderIssue(unit: IssueUnit, ctx: RenderContext): RenderedIssue {
  if (unit.kind === 'spec') return renderSpec(unit, ctx);
  const t = unit.task as ResolvedTask;
  if (t.source === 'issue') return renderDocument(unit, t, ctx);
  return renderGenerated(unit, t, ctx);
}

/** A task document: its front matter's fields, its body as written with `#N` pointing at the pushed issues. */
function renderDocument(unit: IssueUnit, t: ResolvedTask, ctx: RenderContext): RenderedIssue {
  const doc = ctx.docs.get(t.file);
  let body = '';
  if (doc) {
    const start = doc.frontMatter ? lineAfter(doc.text, doc.frontMatter.range.end.offset) : 0;
    const edits: Array<{ start: number; end: number; text: string }> = [];
    for (const ref of doc.references) {
      if (ref.kind !== 'issue' || ref.range.start.offset < start) continue;
      const id = `#${Number(ref.target)}`;
      const n = ctx.graph.byId.has(id) ? ctx.numberOf(id) : undefined;
      if (n !== undefined && `#${n}` !== ref.text)
        edits.push({ start: ref.range.start.offset, end: ref.range.end.offset, text: `#${n}` });
    }
    let text = doc.text.slice(start);
    for (const e of edits.reverse())
      text = text.slice(0, e.start - start) + e.text + text.slice(e.end - start);
    body = text.replace(/\r\n/g, '\n').replace(/^\n+/, '').trimEnd();
  }
  return {
    title: t.title,
    labels: t.labels,
    assignees: t.assignees,
    body: `${body}\n\n${markerOf(unit.key)}\n`,
  };
}

function renderGenerated(unit: IssueUnit, t: ResolvedTask, ctx: RenderContext): RenderedIssue {
  const local = t.id.slice(t.spec.length + 1);
  const title =
    t.source === 'blueprint' ? `Task ${local.replace(/^task-/, '')}: ${t.title}` : `${local} ${t.title}`;
  const lines: string[] = [t.title, ''];
  lines.push(`**Spec:** \`${t.spec}\`${t.phase ? ` · ${t.phase.title}` : ''}`);
  // No line number: it would change, and churn the issue, whenever a line is added above.
  lines.push(`**Source:** \`${t.file}\``);
  if (t.subitems.length || t.steps.length) {
    lines.push('', '## Steps', '');
    for (const s of t.subitems)
      lines.push(`- [${s.checked ? 'x' : ' '}] ${s.text.replace(/<!--[\s\S]*?-->/g, '').trim()}`);
    for (const s of t.steps) lines.push(`- ${s.action} \`${s.target}\``);
  }
  lines.push(...dependencySection(t, ctx));
  lines.push('', markerOf(unit.key));
  return {
    title,
    labels: t.labels.length ? t.labels : [t.spec],
    assignees: t.assignees,
    body: `${lines.join('\n')}\n`,
  };
}

function renderSpec(unit: IssueUnit, ctx: RenderContext): RenderedIssue {
  const doc = ctx.docs.get(unit.file);
  const title = doc?.title?.value ?? unit.spec;
  const lines: string[] = [`Tracking issue for the spec \`${unit.spec}\` (\`${unit.file}\`).`];
  if (doc?.status && !doc.status.unset) lines.push('', `**Status:** ${doc.status.raw}`);
  lines.push('', '## Tasks', '');
  for (const key of unit.children) {
    const t = ctx.graph.tasks.find((x) => x.key === key);
    if (t) lines.push(`- [${t.done.done ? 'x' : ' '}] ${refText(t.id, ctx)} ${t.title}`);
  }
  lines.push('', markerOf(unit.key));
  return { title, labels: [unit.spec], assignees: [], body: `${lines.join('\n')}\n` };
}

/** "Must be completed first" and "Blocks", in the task-issue template's words. */
function dependencySection(t: ResolvedTask, ctx: RenderContext): string[] {
  const before = new Map<string, string>();
  for (const d of t.deps) before.set(d.target, d.inferred ? ' (inferred from the numbering)' : '');
  for (const e of ctx.graph.edges)
    if (e.to === t.id && e.via === 'blocks' && !before.has(e.from)) before.set(e.from, '');
  const out = ['', '## 🔗 Dependencies', '', '**Must be completed first:**'];
  if (!before.size && !t.phase) out.push('- None');
  for (const [id, note] of before) {
    const target = ctx.graph.byId.get(id);
    out.push(
      `- [${target?.done.done ? 'x' : ' '}] ${refText(id, ctx)}${target ? ` ${target.title}` : ' (not a known task)'}${note}`,
    );
  }
  const phase = t.phase ? ctx.graph.phases.find((p) => p.key === t.phase?.key) : undefined;
  const previous = phase?.after ? ctx.graph.phases.find((p) => p.key === phase.after) : undefined;
  if (previous)
    out.push(
      `- [${previous.done ? 'x' : ' '}] every task of ${previous.title} (inferred from the phase numbering)`,
    );
  else if (t.phase && !before.size) out.push('- None');
  const blocks = t.dependents.filter((id) => id !== t.id);
  out.push('', '**Blocks:**');
  if (!blocks.length) out.push('- None');
  for (const id of blocks) {
    const target = ctx.graph.byId.get(id);
    out.push(`- [${target?.done.done ? 'x' : ' '}] ${refText(id, ctx)}${target ? ` ${target.title}` : ''}`);
  }
  return out;
}

/** `#45` when the task has an issue number; otherwise its id in backticks, so GitHub links nothing wrong. */
function refText(id: string, ctx: RenderContext): string {
  const n = ctx.numberOf(id);
  return n !== undefined ? `#${n}` : `\`${id}\``;
}

function lineAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}
