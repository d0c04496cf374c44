/** Whether an offset lies inside a fenced code block, by binary search over the document's blocks. */
import type { SpecDocument } from '../../model/types.js';
import { perDocument } from './memo.js';

const blocks = perDocument(
  (doc: SpecDocument): Array<[number, number]> =>
    doc.code
      .map((c) => [c.range.start.offset, c.range.end.offset] as [number, number])
      .sort((a, b) => a[0] - b[0]),
);

export function inCode(doc: SpecDocument, offset: number): boolean {
  const list = blocks(doc);
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = list[mid] as [number, number];
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}
