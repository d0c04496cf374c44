import type { Finding, Rule } from './types.js';
import { type IdOccurrence, idDefinitions, idPrefix } from './util/id-definitions.js';

/**
 * Gaps in a numbered id sequence: FR1, FR2, FR4 (FR3 missing), and the same one level down:
 * FR1.1, FR1.2, FR1.4 (FR1.3 missing). Only gaps between numbers that exist are reported: a
 * sequence may start above 1 on purpose (Phase 2 numbering its tasks 2.1, 2.2, a document
 * continuing another one's numbering).
 */
export const rule: Rule = {
  meta: {
    id: 'id-sequence',
    description: 'A numbered id sequence (FR1, FR2, FR4; Task 1.1, 1.2, 1.4) skips a number.',
    rationale:
      'A gap usually means a requirement was deleted or never written, and readers who count ids ' +
      '(reviews, traceability matrices, "all FRs met") silently miss it.',
    severity: 'warning',
    fixable: false,
    tags: ['ids'],
    messages: {
      gap: '{missing} missing between {before} and {after}',
    },
  },
  check(doc) {
    if (doc.ids.length < 2) return [];
    const findings: Finding[] = [];
    const byName = new Map<string, IdOccurrence[]>();
    for (const o of idDefinitions(doc).definitions) {
      const list = byName.get(o.family);
      if (list) list.push(o);
      else byName.set(o.family, [o]);
    }
    for (const list of byName.values()) if (list.length > 1) checkLevel(list, 0, findings);
    return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  },
};

/** `items` share their first `depth` numbers; look for gaps in number `depth`, then one level down. */
function checkLevel(items: readonly IdOccurrence[], depth: number, out: Finding[]): void {
  const firstByValue = new Map<number, IdOccurrence>();
  for (const o of items) {
    const v = o.def.numbers[depth] as number;
    if (!firstByValue.has(v)) firstByValue.set(v, o);
  }
  const values = [...firstByValue.keys()].sort((a, b) => a - b);
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1] as number;
    const b = values[i] as number;
    if (b - a < 2) continue;
    const before = firstByValue.get(a) as IdOccurrence;
    const after = firstByValue.get(b) as IdOccurrence;
    const missing =
      b - a === 2
        ? label(after, depth, a + 1)
        : `${label(after, depth, a + 1)} to ${label(after, depth, b - 1)}`;
    out.push({
      messageId: 'gap',
      data: { missing, before: label(before, depth), after: label(after, depth) },
      range: after.def.range,
      note: 'Renumber the ids that follow, or say what became of the missing one (e.g. "FR3: removed").',
    });
  }
  // One level down, per parent number: FR1.1, FR1.2, FR1.4 under FR1.
  const children = new Map<number, IdOccurrence[]>();
  for (const o of items) {
    if (o.def.numbers.length <= depth + 1) continue;
    const v = o.def.numbers[depth] as number;
    const list = children.get(v);
    if (list) list.push(o);
    else children.set(v, [o]);
  }
  for (const list of children.values()) if (list.length > 1) checkLevel(list, depth + 1, out);
}

/** The id as written, cut after number `depth`, optionally with that number replaced (zero padding kept). */
function label(o: IdOccurrence, depth: number, replace?: number): string {
  const parts = (/\d+(?:\.\d+)*$/.exec(o.def.id)?.[0] ?? '').split('.').slice(0, depth + 1);
  if (replace !== undefined) {
    const width = (parts[depth] ?? '').length;
    parts[depth] = String(replace).padStart(width, '0');
  }
  return idPrefix(o.def.id) + parts.join('.');
}
