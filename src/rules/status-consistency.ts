import type { StatusState } from '../model/types.js';
import type { Finding, Rule } from './types.js';
import { itemsIn } from './util/checklist.js';
import { doneCriteriaSections } from './util/criteria.js';
import { quote } from './util/quote.js';

const DONE: ReadonlySet<StatusState> = new Set(['complete', 'implemented']);
const NOT_STARTED: ReadonlySet<StatusState> = new Set(['draft', 'planned']);

/**
 * The status contradicts the checklists: a done status (Complete, Implemented) while an item of a
 * done-criteria section (the template's `doneCriteria`: Acceptance Criteria, Definition of Done,
 * Success Criteria) is unticked, reported once per open item; or a draft/planned status while
 * every implementation item (every item outside those sections) is ticked.
 */
export const rule: Rule = {
  meta: {
    id: 'status-consistency',
    description:
      'A done status while acceptance criteria are unticked, or a draft status while all implementation items are ticked.',
    rationale:
      'A spec marked done with open acceptance criteria claims more than was verified, and the next ' +
      'reader (or agent) trusts the claim; a spec still marked draft after all its work is ticked hides finished work.',
    severity: 'error',
    fixable: false,
    tags: ['status', 'checklist'],
    messages: {
      openCriterion: '{status} says done, but this {section} item is not ticked: {item}',
      allTicked: '{status} says not started, but all {count} implementation items are ticked',
    },
  },
  check(doc, ctx) {
    const status = doc.status;
    if (!status?.state || status.unset) return [];
    const shown =
      status.source === 'folder'
        ? `the folder "${status.raw}/"`
        : `status "${quote(status.raw.replace(/[*_`]/g, ''), 40)}"`;
    const criteria = doneCriteriaSections(doc, ctx.template);
    const findings: Finding[] = [];

    if (DONE.has(status.state)) {
      for (const section of criteria) {
        for (const item of itemsIn(doc, section)) {
          if (item.checked) continue;
          findings.push({
            messageId: 'openCriterion',
            data: { status: shown, section: section.section.plainTitle, item: quote(item.text, 50) },
            range: { start: item.markRange.start, end: item.lineRange.end },
            note: 'Tick it if it has been verified; if not, the document is not done: set the status back, or move the item to a follow-up and say so.',
          });
        }
      }
      return findings;
    }

    if (NOT_STARTED.has(status.state)) {
      const inCriteria = new Set(criteria.flatMap((s) => itemsIn(doc, s)));
      const work = doc.checklist.filter((i) => !inCriteria.has(i));
      if (work.length > 0 && work.every((i) => i.checked)) {
        findings.push({
          messageId: 'allTicked',
          data: { status: shown, count: work.length },
          range: status.range,
          severity: 'warning',
          note: 'Move the status on (in progress, or done once the criteria are verified), or untick what is not done.',
        });
      }
    }
    return findings;
  },
};
