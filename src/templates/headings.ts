/**
 * A small line scanner for template files: ATX headings outside fenced code and front matter,
 * and the plain form of a heading used to match sections between a template and a document.
 * Templates are our own well-formed files, so this deliberately ignores setext headings.
 */

export interface TemplateHeading {
  level: number;
  /** Heading text as written, closing #s removed. */
  text: string;
  /** 1-based line number. */
  line: number;
}

/** One classified line of a template file. */
export interface ScannedLine {
  text: string;
  line: number;
  /** Where the line sits: in front matter, inside (or on) a code fence, or in ordinary Markdown. */
  where: 'front-matter' | 'code' | 'markdown';
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** Split a template into lines and mark which are front matter, fenced code, or Markdown. */
export function scanLines(text: string): ScannedLine[] {
  const lines = text.split(/\r?\n/);
  const out: ScannedLine[] = [];
  let i = 0;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) {
      for (; i <= end; i++) out.push({ text: lines[i] ?? '', line: i + 1, where: 'front-matter' });
    }
  }
  let fence: { char: string; length: number } | undefined;
  for (; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const m = FENCE.exec(text);
    if (fence) {
      out.push({ text, line: i + 1, where: 'code' });
      if (m?.[1] && m[1][0] === fence.char && m[1].length >= fence.length && text.trim() === m[1]) {
        fence = undefined;
      }
      continue;
    }
    if (m?.[1]) {
      fence = { char: m[1][0] ?? '`', length: m[1].length };
      out.push({ text, line: i + 1, where: 'code' });
      continue;
    }
    out.push({ text, line: i + 1, where: 'markdown' });
  }
  return out;
}

/** Every ATX heading outside fenced code and front matter. */
export function listHeadings(text: string): TemplateHeading[] {
  const out: TemplateHeading[] = [];
  for (const l of scanLines(text)) {
    if (l.where !== 'markdown') continue;
    const m = ATX.exec(l.text);
    if (!m?.[1]) continue;
    out.push({ level: m[1].length, text: (m[2] ?? '').trim(), line: l.line });
  }
  return out;
}

/** Emoji and the invisible characters that join or style them. */
export const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}/gu;

/**
 * The text of a heading reduced for matching: emoji, inline markup (`*`, `_`, backticks) and
 * surrounding punctuation removed, whitespace collapsed, lower-cased.
 * "🎯 Acceptance Criteria" and "**Scoring Rationale:**" become "acceptance criteria", "scoring rationale".
 */
export function plainHeading(text: string): string {
  return text
    .replace(EMOJI, ' ')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[^\p{L}\p{N}([{]+/u, '')
    .replace(/[\s:;,.!?-]+$/u, '')
    .trim()
    .toLowerCase();
}
