/**
 * Hint prose in a template: the lines a user is meant to replace. The parser flags document lines
 * identical to one of these (placeholder reason `template-line`).
 *
 * A template line is a trimmed paragraph line or non-checkbox list item outside front matter,
 * fenced code and tables; not a heading, not a thematic break; without a `{{variable}}`; at least
 * MIN_LENGTH characters long (shorter lines such as "- README" are too generic to flag).
 */
import { scanLines } from './headings.js';

export const MIN_TEMPLATE_LINE_LENGTH = 12;

const HEADING = /^#{1,6}(?:\s|$)/;
const RULE = /^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/;
const CHECKBOX = /^(?:[-*+]|\d+[.)])\s+\[[ xX]\]/;

export function templateLines(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const l of scanLines(markdown)) {
    if (l.where !== 'markdown') continue;
    const t = l.text.trim();
    if (t.length < MIN_TEMPLATE_LINE_LENGTH) continue;
    if (HEADING.test(t) || RULE.test(t) || t.startsWith('|') || CHECKBOX.test(t) || t.includes('{{'))
      continue;
    out.add(t);
  }
  return out;
}
