import type { Range, SpecDocument } from '../model/types.js';
import type { Finding, Rule } from './types.js';
import { sectionList } from './util/sections.js';
import { proseLines } from './util/text-lines.js';

/** `8`, `8/10`, `8 / 10`, `7.5/10`, bold digits, `80%`: the number, its denominator, a percent sign. */
const SCORE = /(\d+(?:\.\d+)?)(?:[ \t]*\**[ \t]*(?:(\/)[ \t]*\**[ \t]*(\d+(?:\.\d+)?)|(%)))?/y;
const CONFIDENCE_FIELDS = new Set([
  'confidence',
  'confidence-score',
  'confidence-level',
  'confidence-rating',
]);
const CONFIDENCE_HEADING = /\bconfidence\b/i;
/** `Confidence Score: 8/10` in a heading: the score follows the label and a colon or dash. */
const HEADING_SCORE = /\bconfidence(?:\s+(?:score|level|rating))?\s*\**\s*[:：—–-]\s*\**\s*/i;
/** A rubric line: `- Documentation completeness: 2/2`, `- Pattern examples: 1 / 2`, label in bold or not. */
const PART =
  /^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+(?:\*\*)?([^:*\n]+?)(?:\*\*)?[ \t]*(?::|\*\*:|:\*\*)[ \t]*(?:\*\*)?/;
/** A rubric line that states the total rather than a part. */
const TOTAL = /^(?:total|overall|score|confidence(?: score)?|sum)$/i;

interface Score {
  value: number;
  /** What was written, for messages (`8/10`). */
  text: string;
  /** Denominator, when one was written; 100 for a percentage. */
  max?: number;
  range: Range;
}

/**
 * A PRP's confidence score: the `Confidence` metadata and the `## Confidence Score: N/10` section.
 * The score is on a 1–10 scale; the rubric parts listed under the confidence section (`- Name: X/Y`)
 * must each stay within their maximum and add up to the stated score.
 */
export const rule: Rule = {
  meta: {
    id: 'confidence-score',
    description:
      "A PRP's confidence is outside 1–10, its rubric parts do not add up to it, or a part exceeds its maximum.",
    rationale:
      'The confidence score tells a reader (and an agent) how likely one-pass implementation is; a score off ' +
      'the scale, or a rubric that contradicts it, means the number was not actually worked out.',
    severity: 'error',
    fixable: false,
    tags: ['prp'],
    kinds: ['prp'],
    messages: {
      outOfRange: 'confidence {value} is outside the 1–10 scale',
      disagree: 'the confidence section says {section} but the Confidence field says {field}',
      partOverMax: '"{part}" scores {value}, above its maximum of {max}',
      sumMismatch: 'the rubric parts add up to {sum}, but the stated confidence is {score}',
    },
  },
  check(doc) {
    if (doc.kind.kind !== 'prp') return [];
    const findings: Finding[] = [];
    const field = fieldScore(doc);
    const section = confidenceSection(doc);
    const heading = section ? headingScore(doc, section.start, section.headingEnd) : undefined;
    for (const s of [field, heading]) {
      if (s && !onScale(s))
        findings.push({ messageId: 'outOfRange', data: { value: s.text }, range: s.range });
    }
    if (field && heading && onScale(field) && onScale(heading) && field.value !== heading.value) {
      findings.push({
        messageId: 'disagree',
        data: { section: heading.text, field: field.text },
        range: heading.range,
      });
    }
    if (!section) return findings;

    const parts = rubric(doc, section.headingEnd, section.end);
    let complete = parts.parts.length >= 2 && !parts.unfilled;
    for (const p of parts.parts) {
      if (p.value > p.max) {
        findings.push({
          messageId: 'partOverMax',
          data: { part: p.name, value: p.value, max: p.max },
          range: p.range,
        });
        complete = false;
      }
    }
    const stated = parts.total ?? heading ?? field;
    if (complete && stated && onScale(stated)) {
      const sum = parts.parts.reduce((n, p) => n + p.value, 0);
      if (Math.abs(sum - stated.value) > 1e-9) {
        findings.push({
          messageId: 'sumMismatch',
          data: { sum: round(sum), score: stated.text },
          range: stated.range,
          note: 'Correct the part that is off, or the stated score.',
        });
      }
    }
    return findings;
  },
};

function onScale(s: Score): boolean {
  return (s.max === undefined || s.max === 10) && s.value >= 1 && s.value <= 10;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A score at `offset` in the text, or undefined when the text there is not a number (a placeholder). */
function scoreAt(doc: SpecDocument, offset: number, limit: number): Score | undefined {
  SCORE.lastIndex = offset;
  const m = SCORE.exec(doc.text);
  if (!m || m.index + m[0].length > limit) return undefined;
  const end = m.index + m[0].replace(/[\s*]+$/, '').length;
  const max = m[4] ? 100 : m[3] !== undefined ? Number(m[3]) : undefined;
  const value = Number(m[1]);
  const text = m[4] ? `${m[1]}%` : max !== undefined ? `${m[1]}/${m[3]}` : (m[1] as string);
  return { value, text, max, range: { start: doc.posAt(m.index), end: doc.posAt(end) } };
}

function fieldScore(doc: SpecDocument): Score | undefined {
  const field = doc.fields.find((f) => CONFIDENCE_FIELDS.has(f.name));
  if (!field) return undefined;
  let at = field.valueRange.start.offset;
  const end = field.valueRange.end.offset;
  while (at < end && (doc.text[at] === '*' || doc.text[at] === ' ')) at++;
  return scoreAt(doc, at, end);
}

interface ConfidenceSection {
  start: number;
  headingEnd: number;
  end: number;
}

function confidenceSection(doc: SpecDocument): ConfidenceSection | undefined {
  const s = sectionList(doc).find((info) => CONFIDENCE_HEADING.test(info.section.title));
  if (!s) return undefined;
  return { start: s.section.headingRange.start.offset, headingEnd: s.bodyStart, end: s.end };
}

function headingScore(doc: SpecDocument, start: number, end: number): Score | undefined {
  const line = doc.text.slice(start, end);
  const m = HEADING_SCORE.exec(line);
  if (!m) return undefined;
  return scoreAt(doc, start + m.index + m[0].length, end);
}

interface Part {
  name: string;
  value: number;
  max: number;
  range: Range;
}

function rubric(
  doc: SpecDocument,
  from: number,
  to: number,
): { parts: Part[]; unfilled: boolean; total?: Score } {
  const parts: Part[] = [];
  let unfilled = false;
  let total: Score | undefined;
  for (const line of proseLines(doc, from, to)) {
    const m = PART.exec(line.text);
    if (!m) continue;
    const name = (m[1] as string).trim();
    const at = line.start + m[0].length;
    const score = scoreAt(doc, at, line.end);
    if (!score) {
      // `- Pattern examples: [X]/2`: a rubric still waiting for its numbers.
      if (/^\S*\s*\/\s*\d/.test(line.text.slice(m[0].length))) unfilled = true;
      continue;
    }
    if (score.max === undefined || score.max === 100) continue;
    if (TOTAL.test(name)) {
      total = score;
      continue;
    }
    parts.push({ name, value: score.value, max: score.max, range: score.range });
  }
  return { parts, unfilled, total };
}
