import type { SpecDocument } from '../../model/types.js';

export interface TextLine {
  /** Offset of the line's first character. */
  start: number;
  /** Offset of the line's end, before `\r\n` / `\n`. */
  end: number;
  text: string;
}

/**
 * The lines of `doc.text` that start in [from, to), fenced code blocks and front matter left out.
 * Lines break at `\n` as the model's scanner does; a `\r` before it is not part of the line.
 */
export function proseLines(doc: SpecDocument, from = 0, to = doc.text.length): TextLine[] {
  const text = doc.text;
  const skip: Array<[number, number]> = doc.code.map((c) => [c.range.start.offset, c.range.end.offset]);
  if (doc.frontMatter) skip.push([0, doc.frontMatter.range.end.offset]);
  skip.sort((a, b) => a[0] - b[0]);
  const out: TextLine[] = [];
  let start = from > 0 ? text.lastIndexOf('\n', from - 1) + 1 : 0;
  let s = 0;
  while (start < to && start <= text.length) {
    const nl = text.indexOf('\n', start);
    const next = nl === -1 ? text.length + 1 : nl + 1;
    let end = nl === -1 ? text.length : nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    while (s < skip.length && (skip[s] as [number, number])[1] < start) s++;
    const block = skip[s];
    const inBlock = block !== undefined && start >= block[0] && start < block[1];
    if (!inBlock) out.push({ start, end, text: text.slice(start, end) });
    start = next;
  }
  return out;
}
