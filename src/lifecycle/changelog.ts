/**
 * Dated changelog entries, written the way the document already writes them:
 * - dated headings with bullets under them (`### 2026-03-01` / `- Started`), the spec template's form;
 *   an entry for a date that already has a heading becomes one more bullet under it;
 * - dated bullets (`- 2026-03-01: Started`, `- **2026-03-01** — Started`), copying the first one's shape;
 * - a table with a Date column, one row per entry.
 * Entries go at the end, or at the top when the existing ones run newest first. Entries still
 * dated `YYYY-MM-DD` (the template's examples) are replaced by the first real one. A kind whose
 * template names a changelog section gets the section created when a document lacks it.
 */
import { SpecwrightError } from '../errors.js';
import type { Edit, Section, SpecDocument, Table } from '../model/types.js';
import type { LoadedTemplate } from '../templates/index.js';
import { afterLine, insertLinesAfter, insertLinesBefore, lineEnd, lineStart } from './lines.js';
import { isIsoDate } from './today.js';

const CHANGELOG_TITLES =
  /^(?:changelog|change ?log|changes|history|revision history|version history|change history)$/i;
const REAL_DATE = /\d{4}-\d{2}-\d{2}/;
const PLACEHOLDER_DATE = /YYYY-MM-DD/;
const DATED_BULLET =
  /^([ \t]*[-*+][ \t]+)(\*\*|`|\[)?(\d{4}-\d{2}-\d{2}|YYYY-MM-DD)(\*\*|`|\])?([ \t]*[:—–-][ \t]*|[ \t]+)(.*)$/;
const LIST_MARKER = /^([ \t]*[-*+][ \t]+)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

export interface ChangelogOptions {
  /** Create the section even when the kind has none (used to record a `--force`). */
  create?: boolean;
}

/** The changelog section: the template's name for it, or a usual one (Changelog, History, ...). */
export function findChangelogSection(doc: SpecDocument, template?: LoadedTemplate): Section | undefined {
  const wanted = template?.schema.changelog?.toLowerCase();
  const matches = (s: Section) =>
    (wanted !== undefined && s.plainTitle.toLowerCase() === wanted) || CHANGELOG_TITLES.test(s.plainTitle);
  const walk = (sections: readonly Section[]): Section | undefined => {
    for (const s of sections) {
      if (matches(s)) return s;
      const inner = walk(s.children);
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(doc.sections);
}

/** Whether `changelogEdits` would find or create a section (without `create`). */
export function hasChangelog(doc: SpecDocument, template?: LoadedTemplate): boolean {
  return findChangelogSection(doc, template) !== undefined || template?.schema.changelog !== undefined;
}

/** The edit adding `message` under `date` to the document's changelog. */
export function changelogEdits(
  doc: SpecDocument,
  template: LoadedTemplate | undefined,
  date: string,
  message: string,
  options: ChangelogOptions = {},
): Edit[] {
  if (!isIsoDate(date))
    throw new SpecwrightError(`"${date}" is not a date (YYYY-MM-DD)`, doc.path, undefined, 'usage');
  const msg = message.trim();
  if (!msg || /[\r\n]/.test(msg))
    throw new SpecwrightError('a changelog message is one non-empty line', doc.path, undefined, 'usage');
  const section = findChangelogSection(doc, template);
  if (!section) {
    if (template?.schema.changelog === undefined && !options.create)
      throw new SpecwrightError(
        `no changelog section${template ? ` (kind ${template.kind} keeps none)` : ''}; add a "## Changelog" heading to keep one`,
        doc.path,
        undefined,
        'no-changelog',
      );
    return [createSection(doc, template?.schema.changelog ?? 'Changelog', date, msg)];
  }
  return [
    headingEntry(doc, section, date, msg) ??
      bulletEntry(doc, section, date, msg) ??
      tableEntry(doc, section, date, msg) ??
      defaultEntry(doc, section, date, msg),
  ];
}

/** `### 2026-03-01` headings under the section, each with its bullets. */
function headingEntry(doc: SpecDocument, section: Section, date: string, message: string): Edit | undefined {
  const eol = doc.eol;
  const text = doc.text;
  const dated = section.children.filter((c) => REAL_DATE.test(c.title) || PLACEHOLDER_DATE.test(c.title));
  const first = dated[0];
  if (!first) return undefined;
  const real = dated.filter((c) => REAL_DATE.test(c.title));
  const heading = `${'#'.repeat(first.level)} ${date}`;
  const marker = bulletMarker(doc, real[0] ?? first);
  const entry = [heading, `${marker}${message}`];
  if (real.length === 0) {
    const i = section.children.indexOf(first);
    const last = dated[dated.length - 1] as Section;
    if (section.children.indexOf(last) - i === dated.length - 1)
      return { start: first.headingRange.start.offset, end: contentEnd(text, last), text: entry.join(eol) };
  }
  const same = real.find((c) => c.title.match(REAL_DATE)?.[0] === date);
  if (same)
    return insertLinesAfter(text, contentEnd(text, same), [`${bulletMarker(doc, same)}${message}`], eol);
  if (isNewestFirst(real.map((c) => c.title.match(REAL_DATE)?.[0] as string)))
    return insertLinesBefore((real[0] as Section).headingRange.start.offset, [...entry, ''], eol);
  return insertLinesAfter(text, contentEnd(text, dated[dated.length - 1] as Section), ['', ...entry], eol);
}

/** `- 2026-03-01: Started` lines directly in the section. */
function bulletEntry(doc: SpecDocument, section: Section, date: string, message: string): Edit | undefined {
  const eol = doc.eol;
  const text = doc.text;
  const bodyEnd = section.children[0]?.headingRange.start.offset ?? section.range.end.offset;
  const lines: Array<{ start: number; end: number; m: RegExpExecArray }> = [];
  for (let at = afterLine(text, section.headingRange.end.offset); at < bodyEnd; ) {
    const end = lineEnd(text, at);
    const m = DATED_BULLET.exec(text.slice(at, end));
    if (m) lines.push({ start: at, end, m });
    const next = afterLine(text, end);
    if (next === at) break;
    at = next;
  }
  const model = lines.find((l) => REAL_DATE.test(l.m[3] as string)) ?? lines[0];
  if (!model) return undefined;
  const [, prefix, open = '', , close = '', sep] = model.m;
  const line = `${prefix}${open}${date}${close}${sep}${message}`;
  const real = lines.filter((l) => REAL_DATE.test(l.m[3] as string));
  if (real.length === 0) {
    const first = lines[0] as (typeof lines)[number];
    const last = lines[lines.length - 1] as (typeof lines)[number];
    return { start: first.start, end: last.end, text: line };
  }
  if (isNewestFirst(real.map((l) => l.m[3] as string)))
    return insertLinesBefore((real[0] as (typeof real)[number]).start, [line], eol);
  return insertLinesAfter(text, (real[real.length - 1] as (typeof real)[number]).end, [line], eol);
}

/** A table with a Date column: one new row. */
function tableEntry(doc: SpecDocument, section: Section, date: string, message: string): Edit | undefined {
  const inside = (t: Table) =>
    t.range.start.offset >= section.range.start.offset && t.range.end.offset <= section.range.end.offset;
  const table = doc.tables.find((t) => inside(t) && t.header.some((h) => /^\W*date\W*$/i.test(h.trim())));
  if (!table) return undefined;
  const dateCol = table.header.findIndex((h) => /^\W*date\W*$/i.test(h.trim()));
  const messageCol = table.header.findIndex((_, i) => i !== dateCol);
  const cells = table.header.map((_, i) =>
    i === dateCol ? date : i === messageCol ? message.replace(/\|/g, '\\|') : '',
  );
  const row = `| ${cells.join(' | ')} |`;
  const text = doc.text;
  const eol = doc.eol;
  const dates = table.rows.map((r) => r[dateCol]?.match(REAL_DATE)?.[0]).filter((d): d is string => !!d);
  if (isNewestFirst(dates)) {
    // After the delimiter row, the table's second line.
    const headerEnd = lineEnd(text, table.range.start.offset);
    return insertLinesAfter(text, lineEnd(text, afterLine(text, headerEnd)), [row], eol);
  }
  return insertLinesAfter(text, table.range.end.offset, [row], eol);
}

/** Nothing to copy: the spec template's form, a dated heading one level down with a bullet. */
function defaultEntry(doc: SpecDocument, section: Section, date: string, message: string): Edit {
  const level = Math.min(6, section.level + 1);
  return insertLinesAfter(
    doc.text,
    contentEnd(doc.text, section),
    ['', `${'#'.repeat(level)} ${date}`, `- ${message}`],
    doc.eol,
  );
}

/** A new `## Changelog` at the end of the document, after a `---` when the document separates sections so. */
function createSection(doc: SpecDocument, name: string, date: string, message: string): Edit {
  const eol = doc.eol;
  const text = doc.text;
  const endsWithEol = text.endsWith('\n');
  const last = contentEndOfText(text);
  const body = [`## ${name}`, '', `### ${date}`, `- ${message}`];
  if (last === 0)
    return { start: 0, end: text.length, text: `${body.join(eol)}${endsWithEol || !text ? eol : ''}` };
  return insertLinesAfter(text, last, ['', ...(usesRules(doc) ? ['---', ''] : []), ...body], eol);
}

/** Whether the document puts a `---` line before its level-2 headings, as the spec template does. */
function usesRules(doc: SpecDocument): boolean {
  const text = doc.text;
  const headings = doc.sections
    .flatMap((s) => (s.level === 1 ? s.children : [s]))
    .filter((s) => s.level === 2);
  let ruled = 0;
  for (const h of headings) {
    let at = h.headingRange.start.offset;
    while (at > 0) {
      const prevEnd = at - (text[at - 2] === '\r' ? 2 : 1);
      const prevStart = lineStart(text, prevEnd);
      const line = text.slice(prevStart, prevEnd);
      if (line.trim() === '') {
        at = prevStart;
        continue;
      }
      // The closing `---` of front matter is not a section rule.
      if (THEMATIC_BREAK.test(line) && prevStart > (doc.frontMatter?.range.end.offset ?? -1)) ruled++;
      break;
    }
  }
  return headings.length > 1 && ruled * 2 >= headings.length;
}

/** The bullet marker the entries under a dated heading use (`- ` unless they use another). */
function bulletMarker(doc: SpecDocument, section: Section): string {
  const text = doc.text;
  const end = section.range.end.offset;
  for (let at = afterLine(text, section.headingRange.end.offset); at < end; ) {
    const lineEndAt = lineEnd(text, at);
    const m = LIST_MARKER.exec(text.slice(at, lineEndAt));
    if (m) return m[1] as string;
    const next = afterLine(text, lineEndAt);
    if (next === at) break;
    at = next;
  }
  return '- ';
}

/** End of a section's last line of content: trailing blank lines and `---` rules are not content. */
export function contentEnd(text: string, section: Section): number {
  const floor = section.headingRange.end.offset;
  let end = section.range.end.offset;
  for (;;) {
    if (end <= floor) return floor;
    const start = lineStart(text, end);
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim() !== '' && !THEMATIC_BREAK.test(line)) return start + line.length;
    if (start === 0) return floor;
    end = start - (text[start - 2] === '\r' ? 2 : 1);
  }
}

/** End of the document's last non-blank line (its trailing spaces included), or 0. */
function contentEndOfText(text: string): number {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1] as string)) end--;
  return end === 0 ? 0 : lineEnd(text, end - 1);
}

/** Two or more dates, never rising and at least once falling: the newest entry is on top. */
function isNewestFirst(dates: readonly string[]): boolean {
  if (dates.length < 2) return false;
  let fell = false;
  for (let i = 1; i < dates.length; i++) {
    const a = dates[i - 1] as string;
    const b = dates[i] as string;
    if (b > a) return false;
    if (b < a) fell = true;
  }
  return fell;
}
