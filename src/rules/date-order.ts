import { fieldName } from '../model/fields.js';
import type { Finding, Rule } from './types.js';
import { type ChangelogEntry, changelogs } from './util/changelog.js';
import { type DateField, dateFields } from './util/date-fields.js';
import { isoOf } from './util/dates.js';

/** Field names that record a creation date. */
const CREATED = new Set(['created', 'date-created', 'creation-date', 'created-at', 'created-on']);
/** Field names of things that can only happen after creation. */
const AFTER_CREATED =
  /^(?:(?:last-)?(?:updated|modified)|implemented|completed|finished|closed|done|released|shipped|merged|deployed|archived|approved|reviewed)(?:-(?:at|on|date))?$|^(?:completion|end|release)-date$/;

/**
 * Dates that contradict each other: a field recording something that follows creation
 * (Implemented, Completed, Updated ...) dated before Created; and changelog entries out of the
 * order the changelog itself keeps (newest first or oldest first, whichever most entries follow).
 */
export const rule: Rule = {
  meta: {
    id: 'date-order',
    description: 'Implemented or Updated before Created; changelog entries out of order.',
    rationale:
      'Dates out of order are typing mistakes that make a spec\'s history untrustworthy: an "Implemented" ' +
      'before "Created" misleads every report of how long work took, and a misplaced changelog entry is missed.',
    severity: 'warning',
    fixable: false,
    tags: ['dates'],
    messages: {
      beforeCreated: '{field} {date} is before {created} {createdDate}',
      changelogOrder:
        'changelog entry {date} is out of order: the entries run {direction}, and it comes after {previous}',
    },
  },
  check(doc, ctx) {
    const findings: Finding[] = [];
    const fields = dateFields(doc, ctx.template);
    const createdKey = ctx.template?.schema.dates?.created;
    const isCreated = (f: DateField) =>
      CREATED.has(f.field.name) || (createdKey !== undefined && f.field.name === fieldName(createdKey));
    const created = fields.find((f) => isCreated(f) && isoOf(f.dates[0]));
    const createdIso = created && isoOf(created.dates[0]);
    const doneKey = ctx.template?.schema.dates?.done;
    if (created && createdIso) {
      for (const f of fields) {
        if (f === created || isCreated(f)) continue;
        const later =
          AFTER_CREATED.test(f.field.name) || (doneKey !== undefined && f.field.name === fieldName(doneKey));
        const first = f.dates[0];
        const iso = isoOf(first);
        if (!later || !first || !iso || iso >= createdIso) continue;
        findings.push({
          messageId: 'beforeCreated',
          data: { field: f.field.key, date: first.text, created: created.field.key, createdDate: createdIso },
          range: { start: doc.posAt(first.start), end: doc.posAt(first.end) },
          note: `Check both dates: ${f.field.key} cannot come before ${created.field.key}.`,
        });
      }
    }

    for (const log of changelogs(doc, ctx.template)) {
      const dated = log.entries.filter((e) => isoOf(e.date) !== undefined);
      for (const { entry, previous, direction } of outOfOrder(dated)) {
        findings.push({
          messageId: 'changelogOrder',
          data: { date: entry.date.text, direction, previous: previous.date.text },
          range: { start: doc.posAt(entry.date.start), end: doc.posAt(entry.date.end) },
          note:
            direction === 'newest first'
              ? 'Move the entry to its place (newest at the top), or correct its date.'
              : 'Move the entry to its place (newest at the bottom), or correct its date.',
        });
      }
    }
    return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  },
};

/**
 * The entries that break the changelog's own order. The order is the one the longest run of
 * entries follows (oldest first or newest first; equal dates fit either); the entries outside
 * that run are the misplaced ones. Ties keep the earlier entries and blame the later ones.
 */
function outOfOrder(
  entries: readonly ChangelogEntry[],
): Array<{ entry: ChangelogEntry; previous: ChangelogEntry; direction: string }> {
  if (entries.length < 3) return [];
  const dates = entries.map((e) => isoOf(e.date) as string);
  const ascending = longestRun(dates, (a, b) => a <= b);
  const descending = longestRun(dates, (a, b) => a >= b);
  const first = dates[0] as string;
  const last = dates[dates.length - 1] as string;
  const useAscending =
    ascending.size > descending.size || (ascending.size === descending.size && first <= last);
  const kept = useAscending ? ascending : descending;
  const direction = useAscending ? 'oldest first' : 'newest first';
  const out: Array<{ entry: ChangelogEntry; previous: ChangelogEntry; direction: string }> = [];
  let previous: ChangelogEntry | undefined;
  entries.forEach((entry, i) => {
    if (kept.has(i)) {
      previous = entry;
      return;
    }
    const before = previous ?? entries.find((_, j) => kept.has(j));
    if (before) out.push({ entry, previous: before, direction });
  });
  return out;
}

/** Indices of a longest subsequence in which every pair in order satisfies `fits`, earliest indices preferred. */
function longestRun(dates: readonly string[], fits: (a: string, b: string) => boolean): Set<number> {
  const n = dates.length;
  // from[i]: length of the longest run starting at i.
  const from = new Array<number>(n).fill(1);
  for (let i = n - 2; i >= 0; i--) {
    for (let j = i + 1; j < n; j++) {
      if (fits(dates[i] as string, dates[j] as string))
        from[i] = Math.max(from[i] as number, (from[j] as number) + 1);
    }
  }
  const best = Math.max(...from);
  const kept = new Set<number>();
  let want = best;
  let last: string | undefined;
  for (let i = 0; i < n && want > 0; i++) {
    if (from[i] === want && (last === undefined || fits(last, dates[i] as string))) {
      kept.add(i);
      last = dates[i];
      want--;
    }
  }
  return kept;
}
