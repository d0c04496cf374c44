import type { IdDef, SpecDocument } from '../../model/types.js';
import { perDocument } from './memo.js';

/**
 * Which of a document's requirement ids are definitions, and which repeat an id defined elsewhere.
 *
 * The model records an id wherever one opens a heading, a list item, a bold label or a table row,
 * so the same id often appears twice without being defined twice: a traceability matrix repeats
 * FR1 in its first column, a completion checklist says `- [ ] Task 1 completed` below the
 * `### Task 1: ...` heading. Occurrences are therefore ranked by how strongly they define:
 *
 *   heading  >  labelled (`**FR1:**`, `FR1:`, `**FR1**`)  >  bare (`- AC1 passes`)  >  table row
 *
 * Within one scope, only the occurrences of the strongest form present are definitions; weaker
 * ones are references to them. Table rows define only when no other form does, and then two rows
 * repeat an id only inside the same table (a second table repeating the first one's ids is a matrix).
 *
 * Scope: ids under different phase-like sections (`## Phase 1` / `## Phase 2`, Milestone, Stage,
 * Sprint, Part, Epic) are numbered independently; `Task 1` of Phase 1 and `Task 1` of Phase 2 are
 * different tasks.
 */

export type IdForm = 'heading' | 'label' | 'bare' | 'table';

export interface IdOccurrence {
  def: IdDef;
  /** Normalised identity: family and numbers (`FR:1.2`, `REQ-PERF:1`, `Task:3`). */
  key: string;
  /** The family: the key without its numbers (`FR`, `REQ-PERF`, `TestCase`). */
  family: string;
  /** Sections above the id up to its phase-like section, joined; '' when none. */
  scope: string;
}

export interface IdDefinitions {
  /** The occurrences that define an id, in document order. */
  definitions: IdOccurrence[];
}

const PHASE_LIKE = /\b(?:phase|milestone|stage|sprint|part|epic|iteration|wave)\s*[\w.]*\d/i;
const RANK: Record<IdForm, number> = { heading: 3, label: 2, bare: 1, table: 0 };

/**
 * Occurrences are grouped by scope and id first; the (costlier) form of an occurrence is only
 * worked out for ids that occur more than once in a scope, which most never do.
 */
export const idDefinitions = perDocument((doc: SpecDocument): IdDefinitions => {
  const scopes = new Map<readonly string[], string>();
  const groups = new Map<string, IdOccurrence[]>();
  for (const def of doc.ids) {
    let scope = scopes.get(def.sectionPath);
    if (scope === undefined) {
      scope = scopeOf(def.sectionPath);
      scopes.set(def.sectionPath, scope);
    }
    // FR-1 and FR1 are the same id; REQ ids keep their category (REQ-PERF-01 is not REQ-SEC-01).
    const family = def.kind === 'REQ' ? idPrefix(def.id).replace(/-$/, '').toUpperCase() : def.kind;
    const key = `${family}:${def.numbers.join('.')}`;
    const o: IdOccurrence = { def, key, family, scope };
    const k = `${scope}\u0000${key}`;
    const g = groups.get(k);
    if (g) g.push(o);
    else groups.set(k, [o]);
  }
  const definitions: IdOccurrence[] = [];
  let repeated = false;
  for (const group of groups.values()) {
    if (group.length === 1) {
      definitions.push(group[0] as IdOccurrence);
      continue;
    }
    repeated = true;
    const forms = group.map((o) => formOf(doc, o.def));
    const best = Math.max(...forms.map((f) => RANK[f.form]));
    const strongest = group.filter((_, i) => RANK[(forms[i] as Form).form] === best);
    if (best > RANK.table) {
      definitions.push(...strongest);
      continue;
    }
    // Only tables: the first table holding the id defines it; later tables refer to it.
    const tables = group.map((_, i) => (forms[i] as Form).table);
    const first = tables[group.indexOf(strongest[0] as IdOccurrence)];
    definitions.push(...strongest.filter((o) => tables[group.indexOf(o)] === first));
  }
  if (repeated) definitions.sort((a, b) => a.def.range.start.offset - b.def.range.start.offset);
  return { definitions };
});

/** The id's letters as written, without its numbers (`FR`, `NFR-`, `REQ-PERF-`, `Task `). */
export function idPrefix(id: string): string {
  let end = id.length;
  while (end > 0 && /[\d.]/.test(id[end - 1] as string)) end--;
  return id.slice(0, end);
}

interface Form {
  form: IdForm;
  /** Index into doc.tables when form is 'table'. */
  table: number;
}

function formOf(doc: SpecDocument, def: IdDef): Form {
  const start = def.range.start.offset;
  const lineStart = start - (def.range.start.column - 1);
  const before = doc.text.slice(lineStart, start);
  const after = doc.text.slice(def.range.end.offset, def.range.end.offset + 3);
  if (/^[ \t>]*#{1,6}[ \t]/.test(before)) return { form: 'heading', table: -1 };
  const table = tableIndex(doc, start);
  if (table >= 0) return { form: 'table', table };
  if (/\*\*$/.test(before) || /^\*{0,2}[:：]|^\*\*|^[.)](?:\s|$)|^\s[—–-]\s/.test(after))
    return { form: 'label', table };
  return { form: 'bare', table };
}

function tableIndex(doc: SpecDocument, offset: number): number {
  for (let i = 0; i < doc.tables.length; i++) {
    const r = (doc.tables[i] as SpecDocument['tables'][number]).range;
    if (offset >= r.start.offset && offset <= r.end.offset) return i;
  }
  return -1;
}

function scopeOf(sectionPath: readonly string[]): string {
  for (let i = sectionPath.length - 1; i >= 0; i--) {
    if (PHASE_LIKE.test(sectionPath[i] as string)) return sectionPath.slice(0, i + 1).join('\u0001');
  }
  return '';
}
