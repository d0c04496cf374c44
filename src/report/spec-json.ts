import type { Section, SpecDocument } from '../model/types.js';
import type { LastRunJson } from '../verify/history.js';
import type { SpecList } from '../workspace/workspace.js';

/** The `--json` contract's version (docs/json-schema.md). Additive fields keep it; breaking changes bump it. */
export const SCHEMA_VERSION = 1;

interface SectionJson {
  level: number;
  title: string;
  line: number;
  progress: { checked: number; total: number };
  children: SectionJson[];
}

/** `show --json`: everything the model knows about one document, with 1-based lines. */
export function showJson(doc: SpecDocument, slug: string, lastRun: LastRunJson | null = null) {
  const metadata: Record<string, string> = {};
  for (const f of doc.fields) if (!(f.key in metadata)) metadata[f.key] = f.value;
  return {
    schemaVersion: SCHEMA_VERSION,
    path: doc.path,
    slug,
    kind: doc.kind.kind,
    kindEvidence: doc.kind.evidence,
    title: doc.title?.value ?? null,
    status: doc.status
      ? {
          raw: doc.status.raw,
          state: doc.status.state,
          unset: doc.status.unset,
          source: doc.status.source,
          line: doc.status.source === 'folder' ? null : doc.status.range.start.line,
        }
      : null,
    progress: { checked: doc.progress.checked, total: doc.progress.total },
    sections: doc.sections.map((s) => sectionJson(doc, s)),
    checklist: doc.checklist.map((c) => ({
      checked: c.checked,
      text: c.text,
      id: c.id ?? null,
      line: c.markRange.start.line,
      depth: c.depth,
      section: c.sectionPath,
    })),
    placeholders: doc.placeholders.map((p) => ({
      text: p.text,
      line: p.range.start.line,
      column: p.range.start.column,
      reason: p.reason,
    })),
    metadata,
    ids: doc.ids.map((i) => ({ id: i.id, kind: i.kind, line: i.range.start.line })),
    references: doc.references.map((r) => ({
      kind: r.kind,
      target: r.target,
      line: r.range.start.line,
      ...(r.relation ? { relation: r.relation } : {}),
    })),
    problems: doc.problems.map((p) => ({
      ruleId: p.ruleId,
      severity: p.severity,
      message: p.message,
      line: p.range.start.line,
      column: p.range.start.column,
    })),
    /** The newest `verify` run of this slug (docs/json-schema.md), or null. */
    lastRun,
  };
}

function sectionJson(doc: SpecDocument, s: Section): SectionJson {
  const inside = doc.checklist.filter(
    (c) => c.markRange.start.offset >= s.range.start.offset && c.markRange.start.offset <= s.range.end.offset,
  );
  return {
    level: s.level,
    title: s.title,
    line: s.headingRange.start.line,
    progress: { checked: inside.filter((c) => c.checked).length, total: inside.length },
    children: s.children.map((c) => sectionJson(doc, c)),
  };
}

/** `list --json`; `lastRuns` maps a slug to its newest `verify` run. */
export function listJson(list: SpecList, lastRuns?: ReadonlyMap<string, LastRunJson | null>) {
  return {
    schemaVersion: SCHEMA_VERSION,
    specs: list.specs.map((s) => ({
      slug: s.slug,
      path: s.path,
      kind: s.kind,
      title: s.title,
      status: s.status ? { raw: s.status.raw, state: s.status.state } : null,
      progress: s.progress,
      placeholders: s.placeholders,
      updated: s.updated,
      parts: s.parts,
      lastRun: lastRuns?.get(s.slug) ?? null,
    })),
    errors: list.errors,
  };
}
