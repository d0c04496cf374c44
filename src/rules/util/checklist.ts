/** Checklist items grouped by the sections that hold them. */
import type { ChecklistItem, SpecDocument } from '../../model/types.js';
import { perDocument } from './memo.js';
import type { SectionInfo } from './sections.js';

/** The checklist in document order (the parser lists items in order; sorted here to rely on it). */
const ordered = perDocument((doc: SpecDocument): ChecklistItem[] => {
  const items = doc.checklist;
  for (let i = 1; i < items.length; i++) {
    if (
      (items[i] as ChecklistItem).lineRange.start.offset <
      (items[i - 1] as ChecklistItem).lineRange.start.offset
    )
      return [...items].sort((a, b) => a.lineRange.start.offset - b.lineRange.start.offset);
  }
  return items;
});

const cache = perDocument(() => new Map<SectionInfo, readonly ChecklistItem[]>());

/** Checklist items inside a section, its subsections included, in document order. */
export function itemsIn(doc: SpecDocument, section: SectionInfo): readonly ChecklistItem[] {
  const map = cache(doc);
  let found = map.get(section);
  if (!found) {
    const items = ordered(doc);
    const from = lowerBound(items, section.section.headingRange.start.offset);
    const to = lowerBound(items, section.end + 1);
    found = items.slice(from, to);
    map.set(section, found);
  }
  return found;
}

/** Index of the first item starting at or after `offset`. */
function lowerBound(items: readonly ChecklistItem[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid] as ChecklistItem).lineRange.start.offset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
