import { placeholdersOnLine } from '../model/placeholders.js';
import type { Placeholder, SpecDocument } from '../model/types.js';
import type { Finding, Rule } from './types.js';
import { booleanOption, stringList } from './util/options.js';
import { quote } from './util/quote.js';

const MESSAGE_BY_REASON: Record<Placeholder['reason'], string> = {
  brace: 'unfilled',
  bracket: 'unfilled',
  date: 'unfilled',
  version: 'unfilled',
  score: 'unfilled',
  comment: 'hintComment',
  choice: 'choice',
  'template-line': 'templateLine',
};

/**
 * Text the template left for the writer to replace, as the parser recognised it (doc.placeholders):
 * generic shapes (`{Feature Name}`, `[FEATURE NAME]`, `YYYY-MM-DD`, `X.Y.Z`, `[X]/10`, hint
 * comments, choice lists) and lines identical to the template's hint prose.
 */
export const rule: Rule = {
  meta: {
    id: 'placeholder',
    description: 'Text the template left unfilled: placeholder shapes and lines identical to the template.',
    rationale:
      'A spec that still says {Feature Name} or "Brief description of what this feature is" reads as ' +
      'written but says nothing; people and agents act on it as if it were decided.',
    severity: 'error',
    fixable: false,
    tags: ['content', 'template'],
    messages: {
      unfilled: 'unfilled placeholder "{text}"',
      hintComment: 'template hint comment left in: "{text}"',
      choice: 'unfilled choice list "{text}": keep the one that applies',
      templateLine: 'the template\'s hint text is still here: "{text}"',
    },
  },
  check(doc, ctx) {
    const ignore = new Set(stringList(ctx.options, 'ignore'));
    const templateLines = booleanOption(ctx.options, 'templateLines', true);
    const findings: Finding[] = [];
    for (const p of distinct([...doc.placeholders, ...frontMatterPlaceholders(doc)])) {
      if (ignore.has(p.text)) continue;
      if (p.reason === 'template-line' && !templateLines) continue;
      const messageId = MESSAGE_BY_REASON[p.reason] ?? 'unfilled';
      findings.push({
        messageId,
        data: { text: quote(p.text) },
        range: p.range,
        note:
          messageId === 'hintComment'
            ? 'Write what the comment asks for, then delete the comment.'
            : 'Replace it with the real content, or delete it if it does not apply.',
      });
    }
    return findings;
  },
};

/**
 * The parser does not search front matter; task documents keep their title and labels there
 * (`title: 'Implement: [Component/functionality to implement]'`).
 */
function frontMatterPlaceholders(doc: SpecDocument): Placeholder[] {
  const out: Placeholder[] = [];
  for (const f of doc.fields) {
    if (f.style !== 'front-matter') continue;
    const start = f.valueRange.start.offset;
    for (const p of placeholdersOnLine(doc.text.slice(start, f.valueRange.end.offset), new Set())) {
      out.push({
        text: p.text,
        reason: p.reason,
        range: { start: doc.posAt(start + p.start), end: doc.posAt(start + p.end) },
      });
    }
  }
  return out;
}

/**
 * One finding per piece of text: a choice-list value is also a bracket shape (`[Low/Medium/High]`),
 * and a shape inside a longer placeholder is part of it. Sorted by position, the longer first.
 */
function distinct(all: Placeholder[]): Placeholder[] {
  const sorted = [...all].sort(
    (a, b) =>
      a.range.start.offset - b.range.start.offset ||
      b.range.end.offset - a.range.end.offset ||
      (a.reason === 'choice' ? -1 : b.reason === 'choice' ? 1 : 0),
  );
  const out: Placeholder[] = [];
  let coveredTo = -1;
  for (const p of sorted) {
    if (p.range.end.offset <= coveredTo) continue;
    out.push(p);
    coveredTo = Math.max(coveredTo, p.range.end.offset);
  }
  return out;
}
