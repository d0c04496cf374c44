/**
 * Tasks of a PRP's Implementation Blueprint: a yaml block of `Task N - Name:`
 * entries with `CREATE path` / `MODIFY path` steps (also `Task N: CREATE path`),
 * or `### Task N: ...` headings under a blueprint or tasks section. Blueprint tasks run in the order they are
 * numbered: task N waits for task N-1, an inferred dependency shown as such. A
 * step naming an earlier task ("Import types from Task 1", "Tasks 1-2") is an
 * explicit one.
 */
import type { Section, SpecDocument } from '../model/types.js';
import { sectionChainAt } from './doc-facts.js';
import { findYamlRecord } from './issue-link.js';
import type { BlueprintStep, Dependency, DoneDecision, Task } from './types.js';

const TASK_LINE = /^(\s*)Task\s+(\d+)\b\s*[-–—:.]?\s*(.*)$/;
const HEADING_TASK = /^Task\s+(\d+)\b\s*[-–—:.]?\s*(.*)$/;
const ACTIONS =
  /^(?:CREATE|MODIFY|UPDATE|DELETE|REMOVE|RENAME|MOVE|ADD|TEST|MIRROR|INJECT|REFACTOR|EXTEND|IMPLEMENT|RUN|CONFIGURE)$/;
const STEP = /^\s*([A-Z]{3,})(?::\s*|\s+)(.+?)\s*:?\s*$/;
const MENTION = /\bTasks?\s+(\d+)(?:\s*(?:-|–|to|and|,)\s*(\d+))?/g;
const BLUEPRINT_SECTION = /blueprint|tasks?\b|implementation|step-by-step/i;

export interface BlueprintTaskInput {
  doc: SpecDocument;
  spec: string;
  specDone?: DoneDecision;
}

interface RawTask {
  n: number;
  name: string;
  line: number;
  /** The task line itself, for the record-back comment. */
  lineText: string;
  body: Array<{ text: string; line: number }>;
}

export function blueprintTasks({ doc, spec, specDone }: BlueprintTaskInput): Task[] {
  const raw = [...fromCodeBlocks(doc), ...fromHeadings(doc)];
  const seen = new Set<number>();
  const tasks: Task[] = [];
  for (const r of raw) {
    if (seen.has(r.n)) continue;
    seen.add(r.n);
    tasks.push(toTask(r, doc, spec, specDone));
  }
  tasks.sort((a, b) => blueprintNumber(a) - blueprintNumber(b));
  // Blueprint order: each task follows the one numbered before it.
  for (let i = 1; i < tasks.length; i++) {
    const prev = tasks[i - 1] as Task;
    const t = tasks[i] as Task;
    if (!t.deps.some((d) => d.target === prev.id))
      t.deps.unshift({ target: prev.id, via: 'blueprint-order', inferred: true, file: t.file, line: t.line });
  }
  return tasks;
}

const blueprintNumber = (t: Task) => Number(t.id.slice(t.id.lastIndexOf('-') + 1));

function fromCodeBlocks(doc: SpecDocument): RawTask[] {
  const out: RawTask[] = [];
  for (const block of doc.code) {
    if (!/^(?:ya?ml|text|txt|)$/i.test(block.lang)) continue;
    if (!block.sectionPath.some((s) => BLUEPRINT_SECTION.test(s))) continue;
    let current: RawTask | undefined;
    let line = block.bodyRange.start.line;
    for (const rawLine of block.body.split('\n')) {
      const text = rawLine.replace(/\r$/, '');
      const m = TASK_LINE.exec(text);
      if (m && (m[1] as string).length <= 2) {
        const record = findYamlRecord(text);
        const rest = (record ? text.slice(0, record.start) : text).replace(TASK_LINE, '$3');
        current = {
          n: Number(m[2]),
          name: rest.replace(/\s*:\s*$/, '').trim(),
          line,
          lineText: text,
          body: [],
        };
        out.push(current);
      } else if (current) current.body.push({ text, line });
      line++;
    }
  }
  return out;
}

/** `### Task 1: CREATE ...` headings under a blueprint or tasks section (PRP plans, specs alike). */
function fromHeadings(doc: SpecDocument): RawTask[] {
  const out: RawTask[] = [];
  const walk = (sections: Section[]) => {
    for (const s of sections) {
      const title = s.title.replace(/\*\*/g, '');
      const m = HEADING_TASK.exec(title);
      const chain = sectionChainAt(doc, s.headingRange.start.offset).slice(0, -1);
      if (m && chain.some((c) => BLUEPRINT_SECTION.test(c.plainTitle))) {
        const body = doc.text.slice(s.headingRange.end.offset, s.range.end.offset).split('\n');
        const first = s.headingRange.start.line + 1;
        out.push({
          n: Number(m[1]),
          name: (m[2] as string).trim(),
          line: s.headingRange.start.line,
          lineText: title,
          body: body.map((text, i) => ({ text: text.replace(/\r$/, ''), line: first + i })),
        });
      } else walk(s.children);
    }
  };
  walk(doc.sections);
  return out;
}

function toTask(r: RawTask, doc: SpecDocument, spec: string, specDone: DoneDecision | undefined): Task {
  const id = `${spec}:task-${r.n}`;
  const steps: BlueprintStep[] = [];
  const titleStep = STEP.exec(r.name);
  if (titleStep && ACTIONS.test(titleStep[1] as string))
    steps.push({ action: titleStep[1] as string, target: clean(titleStep[2] as string), line: r.line });
  const deps: Dependency[] = [];
  for (const { text, line } of r.body) {
    const step = /^\s*-/.test(text) ? null : STEP.exec(text);
    if (step && ACTIONS.test(step[1] as string))
      steps.push({ action: step[1] as string, target: clean(step[2] as string), line });
    MENTION.lastIndex = 0;
    for (let m = MENTION.exec(text); m; m = MENTION.exec(text)) {
      const from = Number(m[1]);
      const to = m[2] ? Number(m[2]) : from;
      for (let n = from; n <= Math.min(to, from + 50); n++) {
        const target = `${spec}:task-${n}`;
        if (n < r.n && !deps.some((d) => d.target === target))
          deps.push({ target, via: 'mention', inferred: false, file: doc.path, line });
      }
    }
  }
  const record = findYamlRecord(r.lineText);
  const task: Task = {
    id,
    key: id,
    spec,
    title: r.name || `Task ${r.n}`,
    source: 'blueprint',
    idSource: 'blueprint',
    file: doc.path,
    line: r.line,
    labels: [],
    assignees: [],
    progress: { checked: 0, total: 0 },
    deps,
    blocks: [],
    doneOwn: blueprintDone(doc, r.line, record?.link.closed === true, specDone),
    statusBlocked: false,
    inProgress: false,
    steps,
    subitems: [],
    alsoAt: [],
  };
  if (record) task.issue = record.link;
  return task;
}

const clean = (s: string) => s.replace(/^`|`$/g, '').replace(/\s*:$/, '');

function blueprintDone(
  doc: SpecDocument,
  line: number,
  closed: boolean,
  specDone: DoneDecision | undefined,
): DoneDecision {
  if (closed)
    return {
      done: true,
      rule: 'github-closed',
      detail: 'its issue is closed on GitHub',
      file: doc.path,
      line,
    };
  if (specDone)
    return {
      ...specDone,
      rule: 'spec-status',
      detail: `${specDone.done ? 'the PRP is done' : 'the PRP is not done'} (${specDone.detail})`,
    };
  return { done: false, rule: 'none', detail: 'the PRP states no status', file: doc.path, line };
}
