import { LineKind, type Scan } from '../model/scan.js';
import type { ChecklistItem, Edit, SpecDocument } from '../model/types.js';
import type { Finding, Rule } from './types.js';
import { blockScan } from './util/block-scan.js';

type Bullet = '-' | '*' | '+';

/** A box at the start of content that is not a task item (`-[ ]`, `[ ]`, `-[]`), and the character after it. */
const LOOSE_BOX = /^([-*+])?\[([ xX]?)\](.?)/;
/** The box at the start of a list item's content that the parser did not take (`[]`, `[ ]text`), and what follows. */
const ITEM_BOX = /^\[([ xX]?)\](.?)/;

/**
 * Task boxes written so that GitHub (and every Markdown renderer) either does not see them as boxes
 * or sees them inconsistently: `- [X]`, `* [ ]` among `- [ ]`, `-[ ]`, `[ ]` without a list
 * marker, `- []`, `- [ ]text`. Lines inside code blocks, HTML blocks, headings and tables are not
 * looked at.
 */
export const rule: Rule = {
  meta: {
    id: 'checkbox-format',
    description:
      'A checklist box written so that it is not a task item (`-[ ]`, `[ ]` without a list marker, `- []`) ' +
      'or in a form the rest of the document does not use (`- [X]`, `* [ ]` among `- [ ]`).',
    rationale:
      'Only `- [ ] ` and `- [x] ` are task items: a malformed box renders as plain text, cannot be ticked on ' +
      'GitHub and is missed by every progress count, so the document reports less (or more) done than it says.',
    severity: 'error',
    fixable: true,
    tags: ['checklist', 'style'],
    messages: {
      uppercase: 'ticked box written as [X]; use [x]',
      marker: 'task item uses "{marker}" where the document\'s other task items use "{dominant}"',
      missingSpace: 'no space between the list marker and the box: "{found}" is not a task item',
      noMarker: 'box without a list marker: "{found}" is not a task item',
      emptyBox: 'empty box "[]" is not a task item; write "[ ]"',
      spaceAfter: 'no space after the box: "{found}" is not a task item',
    },
  },
  check(doc) {
    const findings: Finding[] = [];
    const seen = survey(doc);
    let dominant: Bullet = '-';
    // Most documents write every box `- [ ]` / `- [x]`: look at the items only when one may differ.
    if (seen.otherBullet || seen.upper) {
      const items = doc.checklist.map((item) => taskMarker(doc, item));
      if (seen.otherBullet) dominant = dominantBullet(items);
      for (const item of items) findings.push(...taskItem(doc, item, dominant));
    }
    // Malformed boxes are not checklist items: find them line by line, outside code, and only in a
    // document where one may be.
    if (seen.malformed) {
      const scan = blockScan(doc);
      for (let i = 0; i < scan.lineStarts.length; i++) {
        if (scan.kinds[i] !== LineKind.Text) continue;
        const f = malformed(doc, scan, i, dominant);
        if (f) findings.push(f);
      }
    }
    return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  },
};

interface TaskMarker {
  /** Offset of the `[`. */
  markOffset: number;
  /** The bullet, or undefined for an ordered item (`1.`). */
  bullet?: Bullet;
  markerStart: number;
}

/** A checklist item's list marker: the last character before its box, past the spaces. */
function taskMarker(doc: SpecDocument, item: ChecklistItem): TaskMarker {
  const markOffset = item.markRange.start.offset;
  let at = markOffset - 1;
  while (at > item.lineRange.start.offset && (doc.text[at] === ' ' || doc.text[at] === '\t')) at--;
  const c = doc.text[at];
  return { markOffset, markerStart: at, bullet: c === '-' || c === '*' || c === '+' ? c : undefined };
}

/** The bullet most task items use; on a tie `-`, GitHub's and the built-in templates' choice. */
interface Survey {
  /** A box that may be malformed: glued to its marker, without one, empty, or glued to its text. */
  malformed: boolean;
  /** A task item with a `*` or `+` bullet: only then can the bullets of a document's task items differ. */
  otherBullet: boolean;
  upper: boolean;
}

/**
 * One cheap pass over the boxes of the text (`[ ]`, `[x]`, `[X]`, `[]`, found with indexOf) telling
 * whether the costlier checks are needed at all. A box that is a checklist item's (the checklist is
 * in document order, so one pointer walks it alongside) is well formed; any other box is looked at
 * from its line start. Boxes in code are counted too: the checks that follow look again, outside code.
 */
function survey(doc: SpecDocument): Survey {
  const text = doc.text;
  const items = doc.checklist;
  const out: Survey = { malformed: false, otherBullet: false, upper: false };
  let k = 0;
  for (let at = text.indexOf('['); at !== -1; at = text.indexOf('[', at + 1)) {
    const c = text.charCodeAt(at + 1);
    let len: number;
    if (c === 93) len = 2;
    else if ((c === 32 || c === 120 || c === 88) && text.charCodeAt(at + 2) === 93) len = 3;
    else continue;
    while (k < items.length && (items[k] as ChecklistItem).markRange.start.offset < at) k++;
    if (k < items.length && (items[k] as ChecklistItem).markRange.start.offset === at) {
      if (c === 88) out.upper = true;
      let j = at - 1;
      while (j > 0 && (text[j] === ' ' || text[j] === '\t')) j--;
      if (text[j] === '*' || text[j] === '+') out.otherBullet = true;
    } else if (!out.malformed) {
      out.malformed = maybeMalformed(text, at, len);
    }
  }
  return out;
}

/** Whether a box that is not a checklist item's sits where one of the malformed shapes would. */
function maybeMalformed(text: string, at: number, len: number): boolean {
  const lead = lineLead(text, at);
  if (lead === 'none') return false;
  const after = text.charCodeAt(at + len);
  const spaced = Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13;
  if (lead === 'glued') return true;
  if (lead === 'bare') return len === 3 && spaced;
  return len === 2 || !spaced;
}

/**
 * What stands between a box and the start of its line: only spaces and quote marks ('bare'), a
 * bullet glued to the box ('glued'), a bullet or an ordered marker and spaces (the bullet, or
 * 'ordered'), or anything else ('none': the box is inside text).
 */
function lineLead(text: string, at: number): 'none' | 'bare' | 'glued' | 'ordered' | Bullet {
  let j = at - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  const gap = j < at - 1;
  let lead: 'bare' | 'glued' | 'ordered' | Bullet = 'bare';
  const c = text[j];
  if (c === '-' || c === '*' || c === '+') {
    lead = gap ? c : 'glued';
    j--;
  } else if ((c === '.' || c === ')') && gap) {
    let d = j - 1;
    while (d >= 0 && text.charCodeAt(d) >= 48 && text.charCodeAt(d) <= 57) d--;
    if (d === j - 1) return 'none';
    lead = 'ordered';
    j = d;
  }
  for (; j >= 0; j--) {
    const ch = text[j];
    if (ch === '\n') break;
    if (ch !== ' ' && ch !== '\t' && ch !== '>') return 'none';
  }
  return lead;
}

function dominantBullet(items: readonly TaskMarker[]): Bullet {
  const count: Record<Bullet, number> = { '-': 0, '*': 0, '+': 0 };
  for (const item of items) if (item.bullet) count[item.bullet]++;
  return (['-', '*', '+'] as const).reduce((best, b) => (count[b] > count[best] ? b : best), '-');
}

function taskItem(doc: SpecDocument, item: TaskMarker, dominant: Bullet): Finding[] {
  const out: Finding[] = [];
  if (doc.text[item.markOffset + 1] === 'X') {
    const at = item.markOffset + 1;
    out.push({
      messageId: 'uppercase',
      severity: 'warning',
      range: range(doc, item.markOffset, item.markOffset + 3),
      fix: fix('write the ticked box as [x]', [{ start: at, end: at + 1, text: 'x' }]),
    });
  }
  if (item.bullet && item.bullet !== dominant) {
    out.push({
      messageId: 'marker',
      severity: 'warning',
      data: { marker: item.bullet, dominant },
      range: range(doc, item.markerStart, item.markerStart + 1),
      fix: fix(`use "${dominant}" as the list marker`, [
        { start: item.markerStart, end: item.markerStart + 1, text: dominant },
      ]),
    });
  }
  return out;
}

/** A line whose content starts with a box the parser did not take as a task item. */
function malformed(doc: SpecDocument, scan: Scan, line: number, dominant: Bullet): Finding | undefined {
  const start = scan.contentStarts[line] as number;
  const end = scan.lineEnds[line] as number;
  const content = doc.text.slice(start, Math.min(end, start + 8));
  const itemIndex = scan.itemAt[line] as number;
  const item = itemIndex >= 0 ? scan.items[itemIndex] : undefined;
  if (item) {
    // A list item whose content is `[]` or a box glued to its text: `- []`, `- [ ]text`.
    if (item.task >= 0 || item.contentStart !== start) return undefined;
    const m = ITEM_BOX.exec(content);
    if (!m) return undefined;
    const mark = m[1] as string;
    const next = m[2] as string;
    // `- [x](https://...)`, `- [][ref]`, `- [x]:` are links and labels, not boxes.
    if (/^[([:]/.test(next)) return undefined;
    const glued = next !== '' && next !== ' ' && next !== '\t';
    if (mark !== '' && !glued) return undefined;
    const boxEnd = start + 2 + mark.length;
    return {
      messageId: mark === '' ? 'emptyBox' : 'spaceAfter',
      data: mark === '' ? {} : { found: doc.text.slice(start, boxEnd + 1) },
      range: range(doc, start, boxEnd),
      fix: fix('write a well-formed task box', [
        { start, end: boxEnd, text: `[${box(mark)}]${glued ? ' ' : ''}` },
      ]),
    };
  }
  const m = LOOSE_BOX.exec(content);
  if (!m) return undefined;
  const bullet = m[1] as Bullet | undefined;
  const mark = m[2] as string;
  const next = m[3] as string;
  // `[x](url)`, `[x]: url` are links and labels; without a marker, a box glued to text or a bare `[]` is prose.
  if (/^[([:]/.test(next)) return undefined;
  const glued = next !== '' && next !== ' ' && next !== '\t';
  if (!bullet && (glued || mark === '')) return undefined;
  const boxEnd = start + (bullet ? 1 : 0) + 2 + mark.length;
  const found = doc.text.slice(start, glued ? boxEnd + 1 : boxEnd);
  return {
    messageId: bullet ? 'missingSpace' : 'noMarker',
    data: { found },
    range: range(doc, start, boxEnd),
    fix: fix(
      bullet ? 'put a space between the list marker and the box' : `make the line a "${dominant}" task item`,
      [{ start, end: boxEnd, text: `${bullet ?? dominant} [${box(mark)}]${glued ? ' ' : ''}` }],
    ),
  };
}

/** The mark of a well-formed box: a space or a lower-case x. */
function box(mark: string): string {
  return mark === 'x' || mark === 'X' ? 'x' : ' ';
}

function range(doc: SpecDocument, start: number, end: number) {
  return { start: doc.posAt(start), end: doc.posAt(end) };
}

function fix(description: string, edits: Edit[]) {
  return { safe: true, description, edits };
}
