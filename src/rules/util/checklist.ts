/** Checklist items grouped by the sections that hold them. */
import type { ChecklistItem, SpecDocument } from '../../model/types.js';
import { perDocument } from './memo.js';
import { type SectionInfo, sectionList } from './sections.js';

/** Items of each section, subsections included, in document order. */
const itemsBySection = perDocument((doc: SpecDocument): Map<SectionInfo, ChecklistItem[]> => {
  const map = new Map<SectionInfo, ChecklistItem[]>();
  const sections = sectionList(doc);
  for (const s of sections) map.set(s, []);
  for (const item of doc.checklist) {
    const at = item.lineRange.start.offset;
    for (const s of sections) {
      if (s.section.headingRange.start.offset > at) break;
      if (at <= s.end) map.get(s)?.push(item);
    }
  }
  return map;
});

/** Checklist items inside a section, its subsections included. */
export function itemsIn(doc: SpecDocument, section: SectionInfo): readonly ChecklistItem[] {
  return itemsBySection(doc).get(section) ?? [];
}

export function openItems(doc: SpecDocument, section: SectionInfo): ChecklistItem[] {
  return itemsIn(doc, section).filter((i) => !i.checked);
}
