/**
 * The sections a document of a kind must have, derived from the main template file: every
 * level-2 and level-3 heading outside code, minus optional ones (listed in `optionalSections`, or
 * marked "(if …)" in the heading itself) and their subsections, minus headings holding a `{{variable}}`.
 */
import { listHeadings, plainHeading } from './headings.js';

export interface RequiredSection {
  /** Heading text as written in the template. */
  title: string;
  /** What a document heading's plainHeading() must equal (exact) or start with (prefix). */
  plain: string;
  /**
   * `prefix` when the template heading holds a placeholder the user replaces ("Risk 1: {Risk
   * Description}", "Confidence Score: [X]/10"): only the text before it is required.
   */
  match: 'exact' | 'prefix';
  level: number;
  /** Plain titles of the enclosing level-2+ headings, outermost first. */
  parents: string[];
  /** 1-based line in the template file. */
  line: number;
}

/** `{Name}`, `[Name]` (not a link), `YYYY-MM-DD`, `X.Y.Z`: text the user replaces. */
const PLACEHOLDER = /\{[^{}]+\}|\[[^\]]+\](?!\()|YYYY-MM-DD|\bX\.Y\.Z\b/;
const CONDITIONAL = /\((?:[^)]*\s)?if\s[^)]*\)/i;

export function requiredSections(markdown: string, optionalSections: readonly string[]): RequiredSection[] {
  const optional = new Set(optionalSections.map(plainHeading));
  const out: RequiredSection[] = [];
  const stack: Array<{ level: number; plain: string }> = [];
  let skipBelow = Number.POSITIVE_INFINITY;
  for (const h of listHeadings(markdown)) {
    while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= h.level) stack.pop();
    const ph = PLACEHOLDER.exec(h.text);
    const plain = plainHeading(ph ? h.text.slice(0, ph.index) : h.text);
    const match = ph ? 'prefix' : 'exact';
    const parents = stack.map((s) => s.plain);
    if (h.level >= 2) stack.push({ level: h.level, plain });
    if (h.level <= skipBelow) skipBelow = Number.POSITIVE_INFINITY;
    else continue;
    if (h.level < 2 || h.level > 3) continue;
    if (optional.has(plainHeading(h.text)) || CONDITIONAL.test(h.text)) {
      skipBelow = h.level;
      continue;
    }
    if (h.text.includes('{{') || !plain) continue;
    out.push({ title: h.text, plain, match, level: h.level, parents, line: h.line });
  }
  return out;
}
