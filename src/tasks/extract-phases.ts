/**
 * Tasks written as numbered phase checklists: `## Phase 3: Core Implementation`
 * followed by `- [ ] 3.1 Streaming parser` (a feature workspace's tasks.md and
 * prd.md, and any spec with phases). In a tasks.md every top-level item is a
 * task, phased or not; elsewhere only items under a numbered phase heading are.
 * Nested items are the steps of the item above them.
 */
import type { ChecklistItem, Section, SpecDocument } from '../model/types.js';
import { DONE_STATES, itemTitle, phaseNumberOf, sectionChainAt } from './doc-facts.js';
import { qualifyRef } from './ids.js';
import { findItemRecord } from './issue-link.js';
import type { Dependency, DoneDecision, PhaseRef, Task } from './types.js';

export interface PhaseTaskInput {
  doc: SpecDocument;
  spec: string;
  /** The file is the workspace's task list (tasks.md): unphased top-level items are tasks too. */
  taskList: boolean;
  /** Whether the spec as a whole is done, and what says so. */
  specDone?: DoneDecision;
}

/** "depends on 3.2", "blocked by #5", "after T1.1 and T1.2" inside an item's text. */
const INLINE_DEPS =
  /\b(?:depends on|blocked by|requires|needs|after)\s+((?:#\d+|\d+\.\d+(?:\.\d+)*|[A-Z]{1,4}\d+(?:\.\d+)*)(?:\s*(?:,|and|&)\s*(?:#\d+|\d+\.\d+(?:\.\d+)*|[A-Z]{1,4}\d+(?:\.\d+)*))*)/gi;
const ID_TOKEN = /#\d+|\d+\.\d+(?:\.\d+)*|[A-Z]{1,4}\d+(?:\.\d+)*/g;
const DONE_MARK = /[✅✓✔]/u;

export function phaseTasks({ doc, spec, taskList, specDone }: PhaseTaskInput): Task[] {
  const tasks: Task[] = [];
  const positions = new Map<string, number>();
  const usedIds = new Set(doc.checklist.map((c) => c.id).filter((id): id is string => id !== undefined));
  let parent: { task: Task; depth: number; section: Section | undefined } | undefined;
  let unphased = 0;

  for (const item of doc.checklist) {
    const offset = item.markRange.start.offset;
    const chain = sectionChainAt(doc, offset);
    const innermost = chain[chain.length - 1];
    if (parent && item.depth > parent.depth && innermost === parent.section) {
      parent.task.subitems.push({ checked: item.checked, text: item.text, line: item.markRange.start.line });
      continue;
    }
    if (item.depth > 0 && !item.id) continue;
    const phaseSection = [...chain].reverse().find((s) => phaseNumberOf(s.title) !== undefined);
    if (!phaseSection && !taskList) continue;
    if (/^none\b/i.test(item.text.replace(/[*_]/g, ''))) continue;

    let local = item.id;
    let idSource: Task['idSource'] = 'item';
    let phase: PhaseRef | undefined;
    if (phaseSection) {
      const n = phaseNumberOf(phaseSection.title) as number;
      phase = {
        key: `${spec}:phase-${n}`,
        number: n,
        title: phaseSection.plainTitle,
        line: phaseSection.headingRange.start.line,
      };
      const k = (positions.get(phase.key) ?? 0) + 1;
      positions.set(phase.key, k);
      if (!local) {
        local = `${n}.${k}`;
        idSource = 'position';
      }
    } else if (!local) {
      unphased++;
      local = `item-${unphased}`;
      idSource = 'position';
    }
    // A positional id must not take the name of a numbered item elsewhere in the file.
    if (idSource === 'position') {
      while (usedIds.has(local)) local = `${local}'`;
      usedIds.add(local);
    }

    const id = `${spec}:${local}`;
    const line = item.markRange.start.line;
    const lineText = doc.text.slice(item.lineRange.start.offset, item.lineRange.end.offset);
    const task: Task = {
      id,
      key: id,
      spec,
      title: itemTitle(item.text, item.id),
      source: 'phase',
      idSource,
      file: doc.path,
      line,
      labels: [],
      assignees: [],
      progress: { checked: item.checked ? 1 : 0, total: 1 },
      deps: inlineDeps(item, doc, spec),
      blocks: [],
      doneOwn: itemDone(item, doc, phaseSection, specDone),
      statusBlocked: false,
      inProgress: false,
      steps: [],
      subitems: [],
      alsoAt: [],
    };
    if (phase) task.phase = phase;
    const record = findItemRecord(lineText);
    if (record) task.issue = record.link;
    tasks.push(task);
    parent = { task, depth: item.depth, section: innermost };
  }
  for (const t of tasks) {
    if (t.subitems.length) {
      // The steps nested under the item are its progress; its own box is its state.
      t.progress = { checked: t.subitems.filter((s) => s.checked).length, total: t.subitems.length };
    }
  }
  return tasks;
}

function itemDone(
  item: ChecklistItem,
  doc: SpecDocument,
  phase: Section | undefined,
  specDone: DoneDecision | undefined,
): DoneDecision {
  const file = doc.path;
  const line = item.markRange.start.line;
  if (item.checked) return { done: true, rule: 'checkbox', detail: 'ticked', file, line };
  if (phase && phaseComplete(doc, phase))
    return {
      done: true,
      rule: 'phase-status',
      detail: `phase heading "${phase.title}" says it is complete`,
      file,
      line: phase.headingRange.start.line,
    };
  if (specDone?.done)
    return { ...specDone, rule: 'spec-status', detail: `the spec is done (${specDone.detail})` };
  return { done: false, rule: 'checkbox', detail: 'not ticked', file, line };
}

/** `### Phase 1: Research ✅`, or a `**Status**: Complete` line right under the phase heading. */
function phaseComplete(doc: SpecDocument, phase: Section): boolean {
  if (DONE_MARK.test(phase.title)) return true;
  return doc.sectionStatuses.some(
    (s) =>
      s.range.start.offset >= phase.range.start.offset &&
      s.range.start.offset < phase.range.end.offset &&
      s.state !== null &&
      DONE_STATES.has(s.state),
  );
}

function inlineDeps(item: ChecklistItem, doc: SpecDocument, spec: string): Dependency[] {
  const deps: Dependency[] = [];
  const line = item.markRange.start.line;
  const text = item.text.replace(/<!--[\s\S]*?-->/g, '');
  INLINE_DEPS.lastIndex = 0;
  for (let m = INLINE_DEPS.exec(text); m; m = INLINE_DEPS.exec(text)) {
    for (const token of (m[1] as string).match(ID_TOKEN) ?? []) {
      const target = qualifyRef(token, spec);
      if (target === `${spec}:${item.id}` || deps.some((d) => d.target === target)) continue;
      deps.push({ target, via: 'depends-on', inferred: false, file: doc.path, line });
    }
  }
  // "- [ ] 4.3 Queue ... " followed by a "**Depends on:** #5" line nested under it.
  for (const ref of doc.references) {
    if (ref.kind !== 'issue' || ref.relation !== 'depends-on' || ref.range.start.line !== line) continue;
    const target = `#${Number(ref.target)}`;
    if (!deps.some((d) => d.target === target))
      deps.push({ target, via: 'depends-on', inferred: false, file: doc.path, line });
  }
  return deps;
}
