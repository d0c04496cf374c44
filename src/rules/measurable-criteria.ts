import type { SpecDocument } from '../model/types.js';
import type { Finding, Rule } from './types.js';
import { inCode } from './util/code.js';
import { stringList } from './util/options.js';
import { quote } from './util/quote.js';
import { type SectionInfo, sectionsTitled } from './util/sections.js';

const DEFAULT_SECTIONS = ['Success Criteria', 'Acceptance Criteria', 'Success Metrics'];

const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]*)?/;
/** A leading id or number that labels the item (`**AC1**:`, `3.2`, `Task 4 -`): not a quantity. */
const LABEL =
  /^(?:\*\*|__)?(?:[A-Z]{1,5}-?\d+(?:\.\d+)*|Task\s+\d+|\d+(?:\.\d+)+)(?:\*\*|__)?\s*(?:[:.)\]—–-]\s*)?(?:\*\*|__)?\s*/;

/** What makes a criterion checkable: a quantity, a threshold, a comparison, or a concrete artefact. */
const MEASURABLE = new RegExp(
  [
    '\\d', // 500 ms, 95%, 3 retries, p95, 200 OK
    '[<>≤≥=±]',
    '`', // a command, a status code, an identifier: something to run or look up
    '\\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|twice|half|double|dozen|hundred|thousand|million)\\b',
    '\\b(?:percent|per cent|percentile|p\\d\\d)\\b',
    '\\b(?:at (?:least|most)|(?:less|more|fewer|greater|other|rather) than|than|no (?:more|less|later|earlier) than|up to|within|exceed(?:s|ing)?|maximum|minimum|threshold|limit|budget|baseline|target)\\b',
    '\\b(?:FR|NFR|AC|C|REQ)-?\\d', // traced to a numbered requirement
  ].join('|'),
  'i',
);

/** Wording that sounds like a criterion but cannot be checked as written. */
const VAGUE = new RegExp(
  `\\b(?:${[
    'acceptabl[ey]',
    'adequate(?:ly)?',
    'appropriate(?:ly)?',
    'proper(?:ly)?',
    'correct(?:ly)?',
    'reasonabl[ey]',
    'sufficient(?:ly)?',
    'good',
    'better',
    'best',
    'great',
    'nice(?:ly)?',
    'fast(?:er)?',
    'quick(?:er|ly)?',
    'slow(?:er)?',
    'efficient(?:ly)?',
    'performant',
    'responsive',
    'smooth(?:ly)?',
    'seamless(?:ly)?',
    'intuitive(?:ly)?',
    'user[- ]friendly',
    'easy',
    'easily',
    'simple',
    'robust',
    'scalable',
    'reliabl[ey]',
    'stable',
    'secure(?:ly)?',
    'clean',
    'high[- ]quality',
    'optimal(?:ly)?',
    'optimi[sz]ed',
    'minimal',
    'improved',
    'enhanced',
    'significant(?:ly)?',
    'comprehensive',
    // As adjectives of the outcome ("Feature functional", "Documentation complete"), not of a noun.
    'functional(?! (?:requirements?|tests?|specs?|areas?|parity))',
    'complete(?! (?:list|set|history|record)s?\\b)',
    'works? well',
    'as (?:expected|specified|intended|needed|required)',
    '(?:where|if|when) (?:possible|applicable|needed)',
    'etc',
    'various',
    'flexible',
    'happy',
    'relevant',
    'useful',
    'clear(?:ly)?',
    'accurate(?:ly)?',
    'timely',
    'meaningful',
    'sensible',
    'satisf(?:ied|actory)',
  ].join('|')})\\b`,
  'i',
);

/**
 * Items of success / acceptance criteria sections whose wording is vague ("Performance acceptable",
 * "Error handling proper", "Feature works as specified") and that name no number, unit,
 * percentage, threshold, comparison, command or numbered requirement to check them against.
 * Plain behavioural criteria ("Feeds already followed are skipped, never duplicated") are
 * checkable as written and not reported.
 */
export const rule: Rule = {
  meta: {
    id: 'measurable-criteria',
    description:
      'A success or acceptance criterion with vague wording and no number, unit, threshold or comparison.',
    rationale:
      'A criterion is what decides that work is done; "performance acceptable" lets every reader (and every ' +
      'agent) decide differently, while "under 150 ms at p95" settles it.',
    severity: 'info',
    fixable: false,
    tags: ['content', 'criteria'],
    messages: {
      notMeasurable:
        'criterion "{text}" cannot be checked as written: "{vague}" names no number, threshold or comparison',
    },
  },
  check(doc, ctx) {
    const titles = stringList(ctx.options, 'sections', DEFAULT_SECTIONS);
    const sections = sectionsTitled(doc, titles);
    const outer = sections.filter((s) => !sections.some((o) => o !== s && isBelow(s, o)));
    const findings: Finding[] = [];
    for (const section of outer) {
      for (const item of listItems(doc, section)) {
        const text = item.text.replace(LABEL, '');
        if (!text.trim() || MEASURABLE.test(text)) continue;
        const vague = VAGUE.exec(text);
        if (!vague) continue;
        if (coveredByPlaceholder(doc, item.start, item.end)) continue;
        findings.push({
          messageId: 'notMeasurable',
          data: { text: quote(text, 60), vague: vague[0] },
          range: { start: doc.posAt(item.start), end: doc.posAt(item.end) },
          note: 'Say how it is checked: a number with a unit ("under 500 ms"), a percentage, a threshold, or the command or test that must pass.',
        });
      }
    }
    return findings;
  },
};

function isBelow(inner: SectionInfo, outer: SectionInfo): boolean {
  for (let s = inner.parent; s; s = s.parent) if (s === outer) return true;
  return false;
}

/** First lines of the list items in a section (subsections included), outside code. */
function listItems(
  doc: SpecDocument,
  section: SectionInfo,
): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  const end = section.end;
  let at = section.bodyStart;
  while (at < end) {
    let lineEnd = doc.text.indexOf('\n', at);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    const line = doc.text.slice(at, lineEnd).replace(/\r$/, '');
    const m = LIST_ITEM.exec(line);
    if (m && !inCode(doc, at)) {
      const text = line.slice(m[0].length).trim();
      const start = at + m[0].length;
      out.push({ text, start, end: start + line.slice(m[0].length).trimEnd().length });
    }
    at = lineEnd + 1;
  }
  return out;
}

function coveredByPlaceholder(doc: SpecDocument, start: number, end: number): boolean {
  return doc.placeholders.some((p) => p.range.start.offset <= start && p.range.end.offset >= end);
}
