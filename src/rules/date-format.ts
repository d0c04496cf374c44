import type { Finding, Rule } from './types.js';
import { changelogs } from './util/changelog.js';
import { dateFields } from './util/date-fields.js';
import type { FoundDate } from './util/dates.js';

/**
 * Dates in date fields (Created, Updated, Implemented, Date, Last Updated, Due Date ... and the
 * template's `dates`) and in changelog entries that are not ISO `YYYY-MM-DD`. A date with one
 * reading (`2024/03/05`, `March 5, 2024`, `5 March 2024`, `31/03/2024`, `2024-3-5`) is fixed safely;
 * `03/05/2024` is reported with both readings; `January 2025` and `03/05/24` have no full date.
 */
export const rule: Rule = {
  meta: {
    id: 'date-format',
    description: 'A date in a date field or a changelog entry is not an ISO YYYY-MM-DD date.',
    rationale:
      'ISO dates sort as text, read the same in every country and are what tools parse; "03/05/2024" ' +
      'is March 5th to some readers and May 3rd to others.',
    severity: 'warning',
    fixable: true,
    tags: ['dates', 'format'],
    messages: {
      notIso: 'date "{date}" is not in ISO format: write {iso}',
      ambiguous: 'date "{date}" is ambiguous: {monthFirst} (month first) or {dayFirst} (day first)',
      partial: 'date "{date}" is not a full date: write YYYY-MM-DD',
      invalid: 'date "{date}" does not exist',
    },
  },
  check(doc, ctx) {
    const found = new Map<number, FoundDate>();
    for (const f of dateFields(doc, ctx.template)) for (const d of f.dates) found.set(d.start, d);
    for (const log of changelogs(doc, ctx.template))
      for (const e of log.entries) found.set(e.date.start, e.date);

    const findings: Finding[] = [];
    for (const d of [...found.values()].sort((a, b) => a.start - b.start)) {
      const range = { start: doc.posAt(d.start), end: doc.posAt(d.end) };
      if (d.verdict === 'fixable' && d.iso) {
        findings.push({
          messageId: 'notIso',
          data: { date: d.text, iso: d.iso },
          range,
          fix: {
            edits: [{ start: d.start, end: d.end, text: d.iso }],
            safe: true,
            description: `replace "${d.text}" with "${d.iso}"`,
          },
        });
      } else if (d.verdict === 'ambiguous' && d.readings) {
        findings.push({
          messageId: 'ambiguous',
          data: { date: d.text, monthFirst: d.readings[0], dayFirst: d.readings[1] },
          range,
          note: 'Write the date you mean as YYYY-MM-DD.',
        });
      } else if (d.verdict === 'partial') {
        findings.push({
          messageId: 'partial',
          data: { date: d.text },
          range,
          note: 'Write the full date as YYYY-MM-DD; if only the month is known, pick its first day and say so.',
        });
      } else if (d.verdict === 'invalid') {
        findings.push({
          messageId: 'invalid',
          data: { date: d.text },
          range,
          note: 'Check the day and the month.',
        });
      }
    }
    return findings;
  },
};
