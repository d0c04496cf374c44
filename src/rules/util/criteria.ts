/** The sections whose checkboxes must all be ticked before a document is done. */
import type { SpecDocument } from '../../model/types.js';
import type { LoadedTemplate } from '../../templates/index.js';
import { type SectionInfo, sectionsTitled } from './sections.js';

/** Used when the document's kind has no template. */
export const DEFAULT_DONE_CRITERIA = ['Acceptance Criteria', 'Definition of Done', 'Success Criteria'];

/** The template's doneCriteria sections present in the document (outermost only, so no item counts twice). */
export function doneCriteriaSections(doc: SpecDocument, template?: LoadedTemplate): SectionInfo[] {
  const titles = template?.schema.doneCriteria.length ? template.schema.doneCriteria : DEFAULT_DONE_CRITERIA;
  const found = sectionsTitled(doc, titles);
  return found.filter((s) => !found.some((o) => o !== s && isBelow(s, o)));
}

function isBelow(inner: SectionInfo, outer: SectionInfo): boolean {
  for (let s = inner.parent; s; s = s.parent) if (s === outer) return true;
  return false;
}
