/** The checkboxes a kind requires ticked before a document is done (template `doneCriteria`). */
import type { ChecklistItem, SpecDocument } from '../model/types.js';
import type { LoadedTemplate } from '../templates/index.js';

/** Section names compare on their plain text, ignoring case and a trailing colon. */
function plain(name: string): string {
  return name
    .replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/gu, ' ')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s:]+$/, '')
    .trim()
    .toLowerCase();
}

/** Whether an item sits in (or below) one of the kind's done-criteria sections. */
export function isDoneCriterion(item: ChecklistItem, template: LoadedTemplate): boolean {
  const wanted = new Set(template.schema.doneCriteria.map(plain));
  return wanted.size > 0 && item.sectionPath.some((s) => wanted.has(plain(s)));
}

/** Unticked items under the done-criteria sections, nested ones included. */
export function openDoneCriteria(doc: SpecDocument, template: LoadedTemplate): ChecklistItem[] {
  return doc.checklist.filter((c) => !c.checked && isDoneCriterion(c, template));
}
