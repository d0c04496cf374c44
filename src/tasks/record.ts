/**
 * Recording a task's GitHub issue back into the file that holds the task, as a
 * lossless edit (see issue-link.ts for where each kind of task keeps it), and
 * bringing a closed issue's state back (`pull issues`). The edits are computed
 * from the document as it is read under the lock, so the task is found again by
 * its id even if lines moved since the graph was built.
 */
import { SpecwrightError } from '../errors.js';
import {
  replaceValueEdit,
  setFieldsEdits,
  statusEdits,
  statusField,
  tickItemEdits,
} from '../lifecycle/index.js';
import type { Edit, SpecDocument } from '../model/types.js';
import type { LoadedTemplate } from '../templates/index.js';
import { blueprintTasks } from './extract-blueprint.js';
import { phaseTasks } from './extract-phases.js';
import { findItemRecord, findYamlRecord, itemRecordText, yamlRecordText } from './issue-link.js';
import type { IssueLink, Task } from './types.js';

/** What holds the record: the task document itself, a phase item, a blueprint task, or a spec. */
export type RecordTarget =
  | { kind: 'document' }
  | { kind: 'phase'; id: string; spec: string; taskList: boolean }
  | { kind: 'blueprint'; id: string; spec: string }
  | { kind: 'spec' };

export function recordTargetOf(task: Task): RecordTarget {
  if (task.source === 'issue') return { kind: 'document' };
  if (task.source === 'phase')
    return { kind: 'phase', id: task.id, spec: task.spec, taskList: /(?:^|\/)tasks\.md$/i.test(task.file) };
  return { kind: 'blueprint', id: task.id, spec: task.spec };
}

/** The edits recording `link` for the target in `doc` (none when it is already recorded exactly so). */
export function recordEdits(
  doc: SpecDocument,
  target: RecordTarget,
  link: IssueLink,
  template: LoadedTemplate | undefined,
): Edit[] {
  switch (target.kind) {
    case 'document': {
      const fm = doc.frontMatter?.value ?? {};
      if (Number(fm.number) === link.number && fm.url === link.url) return [];
      return setFieldsEdits(doc, template, [
        ['number', String(link.number)],
        ['url', link.url],
      ]);
    }
    case 'spec':
      return setFieldsEdits(doc, template, [['Issue', link.url]]).filter(
        (e) => doc.text.slice(e.start, e.end) !== e.text,
      );
    case 'phase': {
      const line = locate(doc, target);
      return appendRecord(doc, line, link, 'html');
    }
    case 'blueprint': {
      const line = locate(doc, target);
      return appendRecord(doc, line, link, inCodeBlock(doc, line) ? 'yaml' : 'html');
    }
  }
}

/**
 * `pull issues`: the edits that make a task done because its issue was closed on GitHub. A task
 * document takes its kind's done status; a phase item is ticked; a blueprint task, which has no
 * box of its own, gets ` closed` in its record.
 */
export function closeEdits(
  doc: SpecDocument,
  target: RecordTarget,
  link: IssueLink,
  template: LoadedTemplate | undefined,
): Edit[] {
  switch (target.kind) {
    case 'document': {
      if (template) return statusEdits(doc, template, 'complete');
      // No kind to ask (a `type: Task` document of another tool): its own status key, in its own words.
      const field = statusField(doc);
      if (field) return [replaceValueEdit(doc, field, /^state$/i.test(field.key) ? 'closed' : 'done')];
      return setFieldsEdits(doc, undefined, [['status', 'done']]);
    }
    case 'phase': {
      const line = locate(doc, target);
      const item = doc.checklist.find((c) => c.markRange.start.line === line);
      return item ? tickItemEdits(doc, item, true) : [];
    }
    case 'blueprint': {
      const line = locate(doc, target);
      return appendRecord(doc, line, { ...link, closed: true }, inCodeBlock(doc, line) ? 'yaml' : 'html');
    }
    case 'spec':
      return [];
  }
}

/** The line the task is on in this version of the document. */
function locate(doc: SpecDocument, target: Extract<RecordTarget, { kind: 'phase' | 'blueprint' }>): number {
  const tasks =
    target.kind === 'phase'
      ? phaseTasks({ doc, spec: target.spec, taskList: target.taskList })
      : blueprintTasks({ doc, spec: target.spec });
  const task = tasks.find((t) => t.id === target.id);
  if (!task)
    throw new SpecwrightError(
      `task ${target.id} is no longer in this file; nothing written, run again`,
      doc.path,
      undefined,
      'conflict',
    );
  return task.line;
}

/** Put (or replace) the record at the end of a line: an HTML comment, or a YAML comment inside a yaml block. */
function appendRecord(doc: SpecDocument, line: number, link: IssueLink, style: 'html' | 'yaml'): Edit[] {
  const { start, end } = lineBounds(doc.text, line);
  const text = doc.text.slice(start, end);
  const record = style === 'yaml' ? yamlRecordText(link) : itemRecordText(link);
  const found = style === 'yaml' ? findYamlRecord(text) : findItemRecord(text);
  const sep = style === 'yaml' ? '  ' : ' ';
  if (found) {
    const replacement = `${sep}${record}`;
    if (text.slice(found.start, found.end) === replacement) return [];
    return [{ start: start + found.start, end: start + found.end, text: replacement }];
  }
  // After the content, before any trailing blanks (a Markdown hard break stays a hard break).
  const content = text.replace(/[ \t]+$/, '').length;
  return [{ start: start + content, end: start + content, text: `${sep}${record}` }];
}

function inCodeBlock(doc: SpecDocument, line: number): boolean {
  return doc.code.some((c) => c.bodyRange.start.line <= line && line <= c.bodyRange.end.line);
}

/** Offsets of a 1-based line's content, its line ending excluded. */
export function lineBounds(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return { start: text.length, end: text.length };
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (text[end - 1] === '\r') end--;
  return { start, end };
}
