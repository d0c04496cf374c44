import type { Finding, Rule } from './types.js';
import { itemsIn } from './util/checklist.js';
import { perDocument } from './util/memo.js';
import { type SectionInfo, sectionList } from './util/sections.js';

/** `Phase 3`, `Phase 2: Expert Research`, `Stage 1 -`, `Milestone 2.1`, with emoji or markup before it. */
const PHASE = /^(?:phase|stage|milestone)\s*(\d+)(?:\.(\d+))?(?![\d.]*\d)/i;
const DONE_EMOJI = /[✅✔☑]/u;
const DONE_WORD =
  /(?:[([]\s*(?:complete|completed|done|finished)\s*[)\]]|[-–—:|]\s*(?:complete|completed|done|finished))\s*$/i;

export interface Phase {
  section: SectionInfo;
  /** [major, minor]: Phase 2.1 is [2, 1]. */
  number: [number, number];
  open: number;
  total: number;
  /** All items ticked, or its heading or status line says complete. */
  complete: boolean;
}

/** Numbered phase sections with their progress, grouped by parent section (phases compare within a group). */
export const phaseGroups = perDocument((doc): Phase[][] => {
  const groups = new Map<SectionInfo | undefined, Phase[]>();
  for (const s of sectionList(doc)) {
    const m = PHASE.exec(s.section.plainTitle);
    if (!m) continue;
    const items = itemsIn(doc, s);
    const open = items.filter((i) => !i.checked).length;
    const statusDone = doc.sectionStatuses.some(
      (st) =>
        st.range.start.offset > s.section.headingRange.start.offset &&
        st.range.start.offset <= s.bodyEnd &&
        (st.state === 'complete' || st.state === 'implemented'),
    );
    const title = s.section.title;
    const phase: Phase = {
      section: s,
      number: [Number(m[1]), Number(m[2] ?? 0)],
      open,
      total: items.length,
      complete:
        (items.length > 0 && open === 0) || statusDone || DONE_EMOJI.test(title) || DONE_WORD.test(title),
    };
    const group = groups.get(s.parent) ?? [];
    group.push(phase);
    groups.set(s.parent, group);
  }
  return [...groups.values()];
});

const before = (a: Phase, b: Phase) =>
  a.number[0] < b.number[0] || (a.number[0] === b.number[0] && a.number[1] < b.number[1]);

/**
 * A phase that is complete (all its items ticked, or its heading or status line says so) while
 * an earlier-numbered phase under the same parent still has open items: work was skipped, or
 * the earlier phase's boxes were never ticked.
 */
export const rule: Rule = {
  meta: {
    id: 'phase-order',
    description: 'A later phase is complete while an earlier phase still has open items.',
    rationale:
      'Phases are ordered because later ones build on earlier ones; a later phase marked complete over an ' +
      'open earlier one means either work was skipped or the checklist no longer tells the truth.',
    severity: 'warning',
    fixable: false,
    tags: ['checklist', 'progress'],
    messages: {
      laterComplete:
        '"{later}" is complete, but the earlier "{earlier}" still has {open} of {total} items open',
    },
  },
  check(doc) {
    const findings: Finding[] = [];
    for (const group of phaseGroups(doc)) {
      for (const later of group) {
        if (!later.complete) continue;
        const earlier = group
          .filter((p) => p.open > 0 && before(p, later))
          .sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0))[0];
        if (!earlier) continue;
        findings.push({
          messageId: 'laterComplete',
          data: {
            later: later.section.section.plainTitle,
            earlier: earlier.section.section.plainTitle,
            open: earlier.open,
            total: earlier.total,
          },
          range: later.section.section.headingRange,
          note: 'Tick what is done in the earlier phase, or move what is left to a later phase and say why.',
        });
      }
    }
    return findings;
  },
};
