import type { Placeholder } from './types.js';

/**
 * Generic placeholder shapes that templates leave for a writer to fill:
 * `{Feature Name}`, `{{title}}`, `[FEATURE NAME]`, `[Description of ...]` (not a
 * link), `[time]`, `YYYY-MM-DD`, `X.Y.Z`, `[X]/10` (any maximum), `[1-10]`, `<!-- Describe ... -->`.
 * Applied to text with code spans masked out.
 */
const SHAPES: Array<{ re: RegExp; reason: Placeholder['reason']; holds: string }> = [
  { re: /\{\{?[A-Za-z][^{}\n]{0,60}\}\}?/g, reason: 'brace', holds: '{' },
  { re: /(?<![\w/])YYYY-MM-DD(?![\w])/g, reason: 'date', holds: 'YYYY-MM-DD' },
  { re: /(?<![\w.])X\.Y\.Z(?![\w])/g, reason: 'version', holds: 'X.Y.Z' },
  { re: /\[X\]\/\d{1,3}\b/g, reason: 'score', holds: '[X]/' },
  { re: /\[1-10\]/g, reason: 'score', holds: '[1-10]' },
  {
    re: /<!--\s*(?:Describe|Explain|List|Add|Provide|Enter|Fill|Summari[sz]e|Write|Insert|Replace|TODO)\b[\s\S]*?-->/gi,
    reason: 'comment',
    holds: '<!--',
  },
];

// [Something] that is not a link `[t](u)`, a reference `[t][r]`, a task box, a footnote or a wiki link.
// `[t]:` may be a definition's label: the caller passes the defined labels, which are never hints.
const BRACKET = /(?<![\]!\\[])\[([^[\]\n]{2,160})\](?![([\]])/g;

export interface LinePlaceholder {
  text: string;
  start: number;
  end: number;
  reason: Placeholder['reason'];
}

export function placeholdersOnLine(masked: string, linkLabels: ReadonlySet<string>): LinePlaceholder[] {
  const found: LinePlaceholder[] = [];
  for (const { re, reason, holds } of SHAPES) {
    // Cheap gate, native: a line without the shape's fixed text is never run through its pattern.
    if (masked.indexOf(holds) === -1) continue;
    re.lastIndex = 0;
    for (let m = re.exec(masked); m; m = re.exec(masked)) {
      found.push({ text: m[0], start: m.index, end: m.index + m[0].length, reason });
    }
  }
  if (masked.indexOf('[') !== -1) {
    BRACKET.lastIndex = 0;
    for (let m = BRACKET.exec(masked); m; m = BRACKET.exec(masked)) {
      const inner = (m[1] as string).trim();
      if (/^[ xX]$/.test(inner) || inner.startsWith('^')) continue;
      // `items[INDEX]`, `map[key]`: an index, not a hint.
      if (m.index > 0 && /\w/.test(masked[m.index - 1] as string)) continue;
      if (linkLabels.has(inner.toLowerCase())) continue;
      if (found.some((f) => f.start <= m.index && f.end >= m.index + m[0].length)) continue;
      if (!looksLikeHint(inner)) continue;
      found.push({ text: m[0], start: m.index, end: m.index + m[0].length, reason: 'bracket' });
    }
  }
  return found.length > 1 ? found.sort((a, b) => a.start - b.start) : found;
}

/**
 * A bracketed text reads as a fill-in hint when it is written in capitals
 * (`[FEATURE NAME]`, `[X]`), title case (`[Feature Name]`), or as an instruction
 * or a choice (`[Describe ...]`, `[Low/Med/High]`, `[Oracle | None]`).
 */
function looksLikeHint(inner: string): boolean {
  if (/^[A-Z0-9][A-Z0-9 _/&.-]*$/.test(inner)) return true;
  if (/\||\//.test(inner) && inner.length < 80) return true;
  if (/^[A-Z]/.test(inner)) return true;
  if (
    /\b(?:e\.g\.|describe|description|list|what|why|how|which|name|number|link|example|todo|time|date|duration|owner|author|value|amount|reason|url|version|percent(?:age)?|count|email|team)\b/i.test(
      inner,
    )
  )
    return true;
  return false;
}

/** A field value that is a choice list (`Draft | In Progress | Complete`, `Low/Medium/High`). */
export function isChoiceList(value: string): boolean {
  // Both shapes need a separator.
  if (value.indexOf('|') === -1 && value.indexOf('/') === -1) return false;
  const v = value.replace(/\*+/g, '').trim();
  if (/ \| /.test(v)) return v.split('|').filter((p) => p.trim()).length >= 2;
  return /^\[?[A-Z][\w -]{0,20}(?:\/[A-Z][\w -]{0,20}){2,}\]?$/.test(v);
}
