import { detach } from '../model/memo.js';
import type { KindOrUnknown, SpecDocument, StatusState } from '../model/types.js';

/** What `list` and `status` need of a document: small, JSON-safe, cacheable by content hash. */
export interface SpecSummary {
  path: string;
  kind: KindOrUnknown;
  title: string | null;
  status: { raw: string; state: StatusState | null; unset: boolean; source: string } | null;
  progress: { checked: number; total: number };
  placeholders: number;
}

export function summarize(doc: SpecDocument): SpecSummary {
  return {
    path: doc.path,
    kind: doc.kind.kind,
    title: doc.title ? detach(doc.title.value) : null,
    status: doc.status
      ? {
          raw: detach(doc.status.raw),
          state: doc.status.state,
          unset: doc.status.unset,
          source: doc.status.source,
        }
      : null,
    progress: { checked: doc.progress.checked, total: doc.progress.total },
    placeholders: doc.placeholders.length,
  };
}
