import type { Section, SpecDocument } from '../model/types.js';
import { plainHeading } from '../templates/index.js';
import type { Finding, Rule } from './types.js';
import { stringList } from './util/options.js';
import { quote } from './util/quote.js';
import { type SectionInfo, sectionList } from './util/sections.js';

/** Leading list marker, task box or quote marker: structure, not content. */
const LINE_MARKUP = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)*(?:\[[ xX]\][ \t]*)?/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
/** A heading that states a value itself: "### Current Implementation Status: **Not applicable**". */
const HEADING_WITH_VALUE = /\bstatus[*_]*\s*:\s*\S/i;

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
    const allowed = new Set(stringList(ctx.options, 'allow').map(plainHeading));
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

/** What the section's own text (before its first subsection) holds. */
function ownVerdict(doc: SpecDocument, s: SectionInfo, hints: ReadonlySet<string> | undefined): Verdict {
  const start = s.bodyStart;
  const end = s.bodyEnd;
  if (start >= end) return 'blank';
  const body = doc.text.slice(start, end);
  if (!/\S/.test(body)) return 'blank';

  // Spans that say nothing: placeholders the parser found, and HTML comments.
  const covered: Array<[number, number]> = [];
  for (const p of doc.placeholders) {
    if (p.range.end.offset > start && p.range.start.offset < end)
      covered.push([p.range.start.offset - start, p.range.end.offset - start]);
  }
  for (const m of body.matchAll(/<!--[\s\S]*?(?:-->|$)/g)) covered.push([m.index, m.index + m[0].length]);

  let verdict: Verdict = 'blank';
  let lineStart = 0;
  for (const raw of body.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const at = lineStart;
    lineStart += raw.length + 1;
    const trimmed = line.trim();
    if (!trimmed || THEMATIC_BREAK.test(line)) continue;
    if (hints?.has(trimmed)) {
      verdict = 'hint';
      continue;
    }
    const from = (LINE_MARKUP.exec(line)?.[0].length ?? 0) + at;
    let said = false;
    let sawCovered = false;
    for (let i = from; i < at + line.length; i++) {
      const c = body[i] as string;
      if (/[\s*_`|>]/.test(c)) continue;
      if (covered.some(([a, b]) => i >= a && i < b)) {
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
