/**
 * Finding a checklist item from what a user types, and ticking it. A tick is one edit: the single
 * character between the brackets of `[ ]`, so the rest of the line (markers, ids, trailing spaces)
 * cannot change.
 */
import { SpecwrightError } from '../errors.js';
import type { ChecklistItem, Edit, SpecDocument } from '../model/types.js';
import { RefusalError } from './refusal.js';

/**
 * What a query may be:
 * - `line:42`: the item on line 42;
 * - a numbered id such as `3.1`, `T1.2`, `AC4` or `Task 1.1` (ids are matched exactly, ignoring case);
 * - otherwise text: an item whose text equals the query (ignoring case, markup and spacing) wins,
 *   else every item containing it matches.
 */
const LINE_QUERY = /^line:(\d+)$/i;
const ID_QUERY = /^(?:task\s+)?([a-z]{0,4}\d+(?:\.\d+)*)$/i;

/** The items `query` names; several means ambiguous, none means not found. */
export function findItems(doc: SpecDocument, query: string): ChecklistItem[] {
  const q = query.trim();
  if (!q) throw new SpecwrightError('the item to tick is empty', doc.path, undefined, 'usage');
  const line = LINE_QUERY.exec(q);
  if (line) {
    const n = Number(line[1]);
    return doc.checklist.filter((c) => c.markRange.start.line === n);
  }
  const id = ID_QUERY.exec(q);
  if (id) {
    const want = (id[1] as string).toLowerCase();
    const byId = doc.checklist.filter((c) => c.id?.toLowerCase() === want);
    if (byId.length) return byId;
    // An id the parser did not take as the item's own (`- [ ] **REQ-3 / AC4**: ...`): a whole-word match.
    const word = new RegExp(`(?<![\\p{L}\\p{N}.])${escapeRegExp(q)}(?![\\p{L}\\p{N}]|\\.\\d)`, 'iu');
    return doc.checklist.filter((c) => word.test(c.text));
  }
  const want = normalize(q);
  const exact = doc.checklist.filter((c) => normalize(c.text) === want);
  if (exact.length) return exact;
  return doc.checklist.filter((c) => normalize(c.text).includes(want));
}

/** The one item `query` names in `doc`; a RefusalError listing the candidates when it is ambiguous. */
export function findItem(doc: SpecDocument, query: string): ChecklistItem {
  const found = findItems(doc, query);
  if (found.length === 1) return found[0] as ChecklistItem;
  if (found.length === 0) throw notFound(doc, query);
  throw ambiguous(
    query,
    found.map((item) => ({ path: doc.path, item })),
  );
}

/** The edit that sets an item's box: `[x]` (in the document's own case) or `[ ]`; none when already so. */
export function tickItemEdits(doc: SpecDocument, item: ChecklistItem, checked: boolean): Edit[] {
  if (item.checked === checked) return [];
  const at = item.markRange.start.offset + 1;
  return [{ start: at, end: at + 1, text: checked ? checkMark(doc) : ' ' }];
}

/** Tick (or with `undo`, untick) the item `query` names. Empty when it already is. */
export function tickEdits(doc: SpecDocument, query: string, opts: { undo?: boolean } = {}): Edit[] {
  return tickItemEdits(doc, findItem(doc, query), !opts.undo);
}

/** `x`, or `X` when the document ticks its boxes with a capital. */
export function checkMark(doc: SpecDocument): string {
  let lower = 0;
  let upper = 0;
  for (const c of doc.checklist) {
    if (!c.checked) continue;
    if (doc.text[c.markRange.start.offset + 1] === 'X') upper++;
    else lower++;
  }
  return upper > lower ? 'X' : 'x';
}

export function itemLabel(item: ChecklistItem): string {
  return `[${item.checked ? 'x' : ' '}] ${item.text}`;
}

export function notFound(doc: SpecDocument, query: string, count = doc.checklist.length): RefusalError {
  const open = count;
  return new RefusalError(
    `no checklist item matches "${query}" (${open} item${open === 1 ? '' : 's'}; ` +
      'name one by its id such as 3.1 or AC4, by a unique part of its text, or as line:N)',
    doc.path,
    'not-found',
  );
}

export function ambiguous(
  query: string,
  candidates: ReadonlyArray<{ path: string; item: ChecklistItem }>,
): RefusalError {
  return new RefusalError(
    `"${query}" matches ${candidates.length} items; name one by its id, more of its text, or line:N`,
    candidates[0]?.path,
    'ambiguous',
    candidates.map((c) => ({ path: c.path, line: c.item.markRange.start.line, message: itemLabel(c.item) })),
  );
}

/** Text for matching: no emphasis or code markup, single spaces, lower case. */
export function normalize(s: string): string {
  return s.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
