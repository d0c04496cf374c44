/** Line arithmetic on a document's text, and inserting whole lines without moving anyone's line break. */
import type { Edit } from '../model/types.js';

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** End of the line holding `offset`, before its line break. */
export function lineEnd(text: string, offset: number): number {
  let nl = text.indexOf('\n', offset);
  if (nl === -1) return text.length;
  if (nl > 0 && text[nl - 1] === '\r') nl--;
  return Math.max(nl, offset);
}

/** Length of the line break at `at` (0 at the end of a file without a final newline). */
export function lineBreakLength(text: string, at: number): number {
  if (text[at] === '\r' && text[at + 1] === '\n') return 2;
  return text[at] === '\n' ? 1 : 0;
}

/** Start of the line after the one ending at `end` (which is before its line break). */
export function afterLine(text: string, end: number): number {
  return end + lineBreakLength(text, end);
}

/**
 * Insert `lines` after the line ending at `end`. They go after that line's own break, each with
 * `eol`, so every existing line keeps its own ending (a CRLF line in a mostly-LF file stays CRLF);
 * at the end of a file without a final newline they go before nothing, and it still has none.
 */
export function insertLinesAfter(text: string, end: number, lines: readonly string[], eol: string): Edit {
  const brk = lineBreakLength(text, end);
  if (brk === 0) return { start: end, end, text: lines.map((l) => eol + l).join('') };
  const at = end + brk;
  return { start: at, end: at, text: lines.map((l) => l + eol).join('') };
}

/** Insert `lines` before the line starting at `start`. */
export function insertLinesBefore(start: number, lines: readonly string[], eol: string): Edit {
  return { start, end: start, text: lines.map((l) => l + eol).join('') };
}
