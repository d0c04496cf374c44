import type { Pos, Range } from './types.js';

/**
 * Line starts of a text, for turning offsets into line/column positions.
 * Offsets are the source of truth everywhere; line and column are derived
 * (as ESLint's getLocFromIndex does), so CRLF and LF files behave the same.
 */
export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset just past the line's content, before its `\n` or `\r\n`. */
  lineEnd(lineIndex: number): number {
    const next = this.starts[lineIndex + 1];
    if (next === undefined) return this.text.length;
    return this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  /** 0-based line index holding an offset (binary search). */
  lineOf(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  pos(offset: number): Pos {
    const line = this.lineOf(offset);
    return { offset, line: line + 1, column: offset - (this.starts[line] as number) + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(end) };
  }
}
