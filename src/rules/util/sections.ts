/**
 * The section tree as flat, ordered records that know their parent, their own body (the text
 * between the heading and the first subsection) and their title in the template's matching form.
 */
import { memoString } from '../../model/memo.js';
import type { Range, Section, SpecDocument } from '../../model/types.js';
import { plainHeading } from '../../templates/index.js';
import { perDocument } from './memo.js';

/** plainHeading(), memoized: documents repeat their template's headings, and the normalisation is regex-heavy. */
export const titleKey: (title: string) => string = memoString(plainHeading);

export interface SectionInfo {
  section: Section;
  parent?: SectionInfo;
  /** Position in document order. */
  index: number;
  /** plainHeading() of the title as templates match it: no emoji or markup, lower case. */
  key: string;
  /** Offset just after the heading line(s). */
  bodyStart: number;
  /** Offset where the section's own text ends: its first subsection's heading, else the section's end. */
  bodyEnd: number;
  /** Offset where the section ends, subsections included. */
  end: number;
}

export const sectionList = perDocument((doc: SpecDocument): SectionInfo[] => {
  const out: SectionInfo[] = [];
  const visit = (sections: readonly Section[], parent: SectionInfo | undefined) => {
    for (const section of sections) {
      const info: SectionInfo = {
        section,
        parent,
        index: out.length,
        key: titleKey(section.title),
        bodyStart: section.headingRange.end.offset,
        bodyEnd: section.children[0]?.headingRange.start.offset ?? section.range.end.offset,
        end: section.range.end.offset,
      };
      out.push(info);
      visit(section.children, info);
    }
  };
  visit(doc.sections, undefined);
  return out;
});

/** Sections whose title matches one of `titles` (compared as plainHeading, so emoji, markup and case do not matter). */
export function sectionsTitled(doc: SpecDocument, titles: readonly string[]): SectionInfo[] {
  const wanted = new Set(titles.map(titleKey));
  return sectionList(doc).filter((s) => wanted.has(s.key));
}

/** The innermost section holding an offset, or undefined in the preamble. */
export function sectionAt(doc: SpecDocument, offset: number): SectionInfo | undefined {
  let found: SectionInfo | undefined;
  for (const s of sectionList(doc)) {
    if (s.section.headingRange.start.offset > offset) break;
    if (offset <= s.end) found = s;
  }
  return found;
}

/** Whether `inner` is `outer` or nested below it. */
export function isWithin(inner: SectionInfo | undefined, outer: SectionInfo): boolean {
  for (let s = inner; s; s = s.parent) if (s === outer) return true;
  return false;
}

/** Whether a range starts inside a section (subsections included). */
export function inSection(range: Range, s: SectionInfo): boolean {
  const at = range.start.offset;
  return at >= s.section.headingRange.start.offset && at <= s.end;
}
