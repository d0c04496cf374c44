/**
 * Changelog sections and their dated entries. An entry is, in order of preference: a subsection
 * whose heading holds a date (`### 2024-03-05`, `## [1.2.0] - 2024-03-05`), else a list item that
 * starts with one (`- 2024-03-05: ...`, `- **2024-03-05** ...`), else a table row whose Date
 * column (or first cell) holds one.
 */
import type { SpecDocument } from '../../model/types.js';
import type { LoadedTemplate } from '../../templates/index.js';
import { inCode } from './code.js';
import { type FoundDate, findDates } from './dates.js';
import { perDocument } from './memo.js';
import { type SectionInfo, sectionList, sectionsTitled } from './sections.js';

/** Section titles that hold a changelog in any kind; the template's own `changelog` name is added. */
export const CHANGELOG_TITLES = [
  'Changelog',
  'Change Log',
  'Change History',
  'Revision History',
  'Version History',
  'Release History',
  'Revisions',
];

export interface ChangelogEntry {
  /** The entry's date, offsets in doc.text. */
  date: FoundDate;
  line: number;
  form: 'heading' | 'item' | 'table';
}

export interface Changelog {
  section: SectionInfo;
  entries: ChangelogEntry[];
}

/** How far into a list item the date may sit (`- **v1.2** (2024-03-05): ...`). */
const ITEM_DATE_WINDOW = 30;
const LIST_ITEM = /^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;

const byDoc = perDocument(() => new Map<string, Changelog[]>());

/** Every changelog section of the document (outermost only) with its dated entries. */
export function changelogs(doc: SpecDocument, template?: LoadedTemplate): Changelog[] {
  const name = template?.schema.changelog ?? '';
  const cache = byDoc(doc);
  let found = cache.get(name);
  if (!found) {
    const titles = name ? [...CHANGELOG_TITLES, name] : CHANGELOG_TITLES;
    const sections = sectionsTitled(doc, titles);
    found = sections
      .filter((s) => !sections.some((o) => o !== s && isAncestor(o, s)))
      .map((section) => ({ section, entries: entriesOf(doc, section) }));
    cache.set(name, found);
  }
  return found;
}

function isAncestor(outer: SectionInfo, inner: SectionInfo): boolean {
  for (let s = inner.parent; s; s = s.parent) if (s === outer) return true;
  return false;
}

function entriesOf(doc: SpecDocument, changelog: SectionInfo): ChangelogEntry[] {
  const headings: ChangelogEntry[] = [];
  for (const s of sectionList(doc)) {
    if (s.parent !== changelog) continue;
    const r = s.section.headingRange;
    const date = findDates(doc.text.slice(r.start.offset, r.end.offset))[0];
    if (date) headings.push({ date: shift(date, r.start.offset), line: r.start.line, form: 'heading' });
  }
  if (headings.length) return headings;

  const items = listEntries(doc, changelog);
  return items.length ? items : tableEntries(doc, changelog);
}

/** List items in the section (subsections included) that start with a date. */
function listEntries(doc: SpecDocument, changelog: SectionInfo): ChangelogEntry[] {
  const out: ChangelogEntry[] = [];
  forEachLine(doc.text, changelog.bodyStart, changelog.end, (line, lineStart) => {
    const item = LIST_ITEM.exec(line);
    if (!item || inCode(doc, lineStart)) return;
    const from = item[0].length;
    const date = findDates(line.slice(from, from + ITEM_DATE_WINDOW + 20))[0];
    if (date && date.start <= ITEM_DATE_WINDOW)
      out.push({ date: shift(date, lineStart + from), line: doc.posAt(lineStart).line, form: 'item' });
  });
  return out;
}

/** Table rows in the section whose Date column (else first cell) holds a date. */
function tableEntries(doc: SpecDocument, changelog: SectionInfo): ChangelogEntry[] {
  const out: ChangelogEntry[] = [];
  for (const table of doc.tables) {
    const at = table.range.start.offset;
    if (at < changelog.bodyStart || at > changelog.end) continue;
    const column = Math.max(
      0,
      table.header.findIndex((h) => /\bdate\b/i.test(h)),
    );
    let row = 0;
    forEachLine(doc.text, at, table.range.end.offset, (line, lineStart) => {
      // The header and the delimiter row come first.
      if (row++ < 2) return;
      const cell = cellSpans(line)[column];
      const date = cell ? findDates(cell.text)[0] : undefined;
      if (cell && date)
        out.push({
          date: shift(date, lineStart + cell.start),
          line: doc.posAt(lineStart).line,
          form: 'table',
        });
    });
  }
  return out;
}

function forEachLine(
  text: string,
  start: number,
  end: number,
  visit: (line: string, start: number) => void,
): void {
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    visit(text.slice(lineStart, lineEnd).replace(/\r$/, ''), lineStart);
    lineStart = lineEnd + 1;
  }
}

function shift(d: FoundDate, by: number): FoundDate {
  return { ...d, start: d.start + by, end: d.end + by };
}

/** The cells of a table row with their offsets in the line (pipes inside code spans are rare here; not handled). */
function cellSpans(line: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let i = line.indexOf('|') + 1;
  while (i > 0 && i < line.length) {
    let j = i;
    while (j < line.length && (line[j] !== '|' || line[j - 1] === '\\')) j++;
    if (j >= line.length && !line.slice(i).trim()) break;
    out.push({ text: line.slice(i, j), start: i });
    i = j + 1;
  }
  return out;
}
