import type { KindOrUnknown, SpecDocument, StatusState } from '../model/types.js';

/** What `list` and `status` need of a document: small, JSON-safe, cacheable by content hash. */
export interface SpecSummary {
  path: string;
  kind: KindOrUnknown;
  title: string | null;
  status: { raw: string; state: StatusState | null; unset: boolean; source: string } | null;
  progress: { checked: number; total: number };
  placeholders: number;
  problems: number;
}

export function summarize(doc: SpecDocument): SpecSummary {
  const checked = doc.checklist.reduce((n, c) => n + (c.checked ? 1 : 0), 0);
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
    progress: { checked, total: doc.checklist.length },
    placeholders: doc.placeholders.length,
    problems: doc.problems.length,
  };
}

/**
 * A copy of `s` that does not keep the document alive: V8 represents a slice as a view
 * into its parent string, so a 20-character title would otherwise pin the whole file's
 * text in memory for as long as the summary lives (10,000 summaries = the whole corpus).
 */
function detach(s: string): string {
  return ` ${s}`.slice(1);
}
