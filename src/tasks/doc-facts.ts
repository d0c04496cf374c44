/** Small questions the task extractors ask of a parsed document. */
import { ownedMemo } from '../model/owned-memo.js';
import type { ChecklistItem, Section, SpecDocument, StatusState } from '../model/types.js';

/** The headings enclosing an offset, outermost first. */
export function sectionChainAt(doc: SpecDocument, offset: number): Section[] {
  const chain: Section[] = [];
  let level: Section[] = doc.sections;
  for (;;) {
    const hit = level.find((s) => s.range.start.offset <= offset && offset < s.range.end.offset);
    if (!hit) return chain;
    chain.push(hit);
    level = hit.children;
  }
}

/** Front matter keys normalized once per document (case-insensitive, `-`/`_`/space alike). */
const normalizedFrontMatter = ownedMemo((fm: Record<string, unknown>) => {
  const map = new Map<string, unknown>();
  for (const [k, v] of Object.entries(fm)) if (!map.has(norm(k))) map.set(norm(k), v);
  return map;
});

/** A front matter value by any of several keys (case-insensitive, `-`/`_` alike). */
export function frontMatterValue(doc: SpecDocument, ...keys: string[]): unknown {
  const fm = doc.frontMatter?.value;
  if (!fm) return undefined;
  const map = normalizedFrontMatter(fm);
  for (const k of keys) {
    const v = map.get(norm(k));
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A metadata value (front matter or `**Key**: value` line) by any of several field names. */
export function fieldValue(doc: SpecDocument, ...names: string[]): string | undefined {
  const fm = frontMatterValue(doc, ...names);
  if (fm !== undefined && fm !== null && typeof fm !== 'object') return String(fm);
  const want = new Set(names.map(norm));
  return doc.fields.find((f) => f.style !== 'front-matter' && want.has(norm(f.name)))?.value;
}

const norm = (k: string) => k.toLowerCase().replace(/[\s_]+/g, '-');

/** A YAML list, or a comma-separated string, as trimmed strings. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value))
    return value.filter((v) => v !== null && v !== undefined).map((v) => String(v).trim());
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (typeof value === 'number') return [String(value)];
  return [];
}

export const DONE_STATES: ReadonlySet<StatusState> = new Set(['complete', 'implemented', 'archived']);

const PRIORITY_WORDS: Array<[RegExp, number, string]> = [
  [/^(?:p0|critical|urgent|blocker|highest)$/i, 0, 'critical'],
  [/^(?:p1|high)$/i, 1, 'high'],
  [/^(?:p2|medium|normal|moderate)$/i, 2, 'medium'],
  [/^(?:p3|low)$/i, 3, 'low'],
  [/^(?:p4|lowest|trivial)$/i, 4, 'lowest'],
];

/** `P1`, `High`, `**High**`, `priority:critical` -> a rank (0 is most urgent) and its word. */
export function parsePriority(text: string | undefined): { rank: number; label: string } | undefined {
  if (!text) return undefined;
  const t = text
    .replace(/[*_`]/g, '')
    .replace(/^priority[\s:/_-]*/i, '')
    .trim()
    .split(/[\s(—–-]/)[0];
  if (!t) return undefined;
  for (const [re, rank, label] of PRIORITY_WORDS) if (re.test(t)) return { rank, label };
  return undefined;
}

/** `Phase 3: Deployment` -> 3. */
export function phaseNumberOf(text: string): number | undefined {
  const m = /\bphase[\s#-]*(\d+)\b/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Progress of a set of checklist items. */
export function progressOf(items: readonly ChecklistItem[]): { checked: number; total: number } {
  let checked = 0;
  for (const c of items) if (c.checked) checked++;
  return { checked, total: items.length };
}

/** Item text for titles: the id prefix, bold markers and hidden comments removed. */
export function itemTitle(text: string, id?: string): string {
  let t = text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(?<!!)\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .trim();
  if (id) {
    const re = new RegExp(
      `^(?:\\*\\*)?(?:Task\\s+)?${id.replace(/\./g, '\\.')}(?:\\*\\*)?[\\s:.)\\-—–]*(?:\\*\\*)?\\s*`,
    );
    t = t.replace(re, '');
  }
  return (
    t
      .replace(/^\*\*(.+?)\*\*:?\s*/, '$1: ')
      .replace(/:\s*$/, '')
      .trim() || text.trim()
  );
}
