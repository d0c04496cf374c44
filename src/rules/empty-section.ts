import type { Section, SpecDocument } from '../model/types.js';
import type { Finding, Rule } from './types.js';
import { perDocument } from './util/memo.js';
import { stringList } from './util/options.js';
import { quote } from './util/quote.js';
import { type SectionInfo, sectionList, titleKey } from './util/sections.js';

/** Leading list marker, task box or quote marker: structure, not content. */
const LINE_MARKUP = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)*(?:\[[ xX]\][ \t]*)?/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
/** A heading that states a value itself: "### Current Implementation Status: **Not applicable**". */
const HEADING_WITH_VALUE = /\bstatus[*_]*\s*:\s*\S/i;

/** Characters that carry no content on their own: whitespace and inline markup. */
const QUIET = /[\s*_`|>]/;
const SAYS_SOMETHING = /[^\s*_`|>]/;

/** QUIET for one character code, without a string per character. */
function isQuiet(code: number): boolean {
  if (code < 128)
    return (
      code === 32 ||
      (code >= 9 && code <= 13) ||
      code === 42 ||
      code === 95 ||
      code === 96 ||
      code === 124 ||
      code === 62
    );
  return QUIET.test(String.fromCharCode(code));
}

type Verdict = 'content' | 'blank' | 'hint';

/**
 * A heading with nothing under it before the next heading of the same or a higher level, or with
 * only what the template put there: hint lines, placeholders, hint comments. A heading whose
 * subsections have content is not empty; of an empty subtree only the outermost heading is reported.
 */
export const rule: Rule = {
  meta: {
    id: 'empty-section',
    description: "A heading with nothing under it, or only the template's hint text.",
    rationale:
      'An empty section looks answered in an outline or a table of contents, but says nothing; ' +
      'if nothing applies, a sentence saying so tells the reader it was considered.',
    severity: 'warning',
    fixable: false,
    tags: ['content', 'structure'],
    messages: {
      empty: 'section "{section}" is empty',
      hintOnly: 'section "{section}" holds only the template\'s hint text',
    },
  },
  check(doc, ctx) {
    const allowed = new Set(stringList(ctx.options, 'allow').map(titleKey));
    const hints = ctx.template?.templateLines;
    const list = sectionList(doc);
    const infoOf = new Map<Section, SectionInfo>(list.map((s) => [s.section, s]));
    const verdicts = new Map<SectionInfo, Verdict>();
    // Children come after their parent in document order: walk backwards to judge them first.
    for (let i = list.length - 1; i >= 0; i--) {
      const s = list[i] as SectionInfo;
      let verdict = ownVerdict(doc, s, hints);
      if (HEADING_WITH_VALUE.test(s.section.title)) verdict = 'content';
      for (const child of s.section.children) {
        const v = verdicts.get(infoOf.get(child) as SectionInfo);
        if (v === 'content') verdict = 'content';
        else if (v === 'hint' && verdict === 'blank') verdict = 'hint';
      }
      verdicts.set(s, verdict);
    }
    const findings: Finding[] = [];
    for (const s of list) {
      const verdict = verdicts.get(s);
      if (verdict === 'content' || (s.parent && verdicts.get(s.parent) !== 'content')) continue;
      if (allowed.has(s.key)) continue;
      const sub = s.section.children.length;
      const subsections = sub === 1 ? 'subsection' : `${sub} subsections`;
      const also = sub ? `Neither it nor its ${subsections} say anything. ` : '';
      findings.push({
        messageId: verdict === 'hint' ? 'hintOnly' : 'empty',
        data: { section: quote(s.section.title) || `(level ${s.section.level} heading)` },
        range: s.section.headingRange,
        note: `${also}Write the section, say in a sentence why nothing applies, or delete the heading.`,
      });
    }
    return findings;
  },
};

/** The document's placeholders by start offset, for range lookups. */
const placeholderSpans = perDocument(
  (doc: SpecDocument): Array<[number, number]> =>
    doc.placeholders
      .map((p) => [p.range.start.offset, p.range.end.offset] as [number, number])
      .sort((a, b) => a[0] - b[0]),
);

/** What the section's own text (before its first subsection) holds. */
function ownVerdict(doc: SpecDocument, s: SectionInfo, hints: ReadonlySet<string> | undefined): Verdict {
  const start = s.bodyStart;
  const end = s.bodyEnd;
  if (start >= end) return 'blank';
  const body = doc.text.slice(start, end);
  if (!/\S/.test(body)) return 'blank';

  // Spans that say nothing: placeholders the parser found, and HTML comments (offsets in `body`).
  const covered: Array<[number, number]> = [];
  const spans = placeholderSpans(doc);
  for (let i = firstEndingAfter(spans, start); i < spans.length; i++) {
    const [a, b] = spans[i] as [number, number];
    if (a >= end) break;
    if (b > start) covered.push([a - start, b - start]);
  }
  if (body.includes('<!--'))
    for (const m of body.matchAll(/<!--[\s\S]*?(?:-->|$)/g)) covered.push([m.index, m.index + m[0].length]);

  // Covered offsets are asked in increasing order: `reach` is the furthest end of the spans that
  // start at or before the offset asked, so an offset is covered while it lies before it.
  covered.sort((x, y) => x[0] - y[0]);
  let started = 0;
  let reach = -1;
  const isCovered = (i: number): boolean => {
    for (; started < covered.length && (covered[started] as [number, number])[0] <= i; started++)
      reach = Math.max(reach, (covered[started] as [number, number])[1]);
    return i < reach;
  };

  let verdict: Verdict = 'blank';
  for (let at = 0; at < body.length; ) {
    let next = body.indexOf('\n', at);
    if (next === -1) next = body.length;
    const line = body.charCodeAt(next - 1) === 13 ? body.slice(at, next - 1) : body.slice(at, next);
    const lineAt = at;
    at = next + 1;
    const trimmed = line.trim();
    if (!trimmed || THEMATIC_BREAK.test(line)) continue;
    if (hints?.has(trimmed)) {
      verdict = 'hint';
      continue;
    }
    const from = LINE_MARKUP.exec(line)?.[0].length ?? 0;
    if (covered.length === 0) {
      if (SAYS_SOMETHING.test(line.slice(from))) return 'content';
      continue;
    }
    let said = false;
    let sawCovered = false;
    for (let i = lineAt + from; i < lineAt + line.length; i++) {
      if (isQuiet(body.charCodeAt(i))) continue;
      if (isCovered(i)) {
        sawCovered = true;
        continue;
      }
      said = true;
      break;
    }
    if (said) return 'content';
    if (sawCovered) verdict = 'hint';
  }
  return verdict;
}

/** Index of the first span whose end lies after `offset` (spans sorted by start; ends are close to starts). */
function firstEndingAfter(spans: ReadonlyArray<[number, number]>, offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as [number, number])[0] < offset) lo = mid + 1;
    else hi = mid;
  }
  // A placeholder may start before the body and reach into it: step back over those.
  while (lo > 0 && (spans[lo - 1] as [number, number])[1] > offset) lo--;
  return lo;
}
