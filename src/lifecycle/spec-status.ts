/** A status change across the files of one spec: the main file always, the others where they carry a status. */
import type { Edit, SpecDocument } from '../model/types.js';
import type { LoadedTemplate, StatusValue } from '../templates/index.js';
import type { StatusChange } from './result.js';
import { statusEdits, statusText } from './status.js';

/** A status of the document's own, not one inferred from its folder. */
export function hasOwnStatus(doc: SpecDocument): boolean {
  return doc.status !== undefined && doc.status.source !== 'folder';
}

/** Per-document edits (same order as `docs`, main first), recording each change in `changes`. */
export function specStatusEdits(
  docs: readonly SpecDocument[],
  template: LoadedTemplate,
  value: StatusValue,
  changes: StatusChange[],
): Edit[][] {
  return docs.map((doc, i) => {
    if (i > 0 && !hasOwnStatus(doc)) return [];
    const edits = statusEdits(doc, template, value);
    if (edits.length)
      changes.push({
        path: doc.path,
        from: hasOwnStatus(doc) ? (doc.status?.raw ?? null) : null,
        to: statusText(template, value),
        state: value.state,
      });
    return edits;
  });
}
