/**
 * Unified diffs for `--dry-run`. An edit already says exactly which ranges change, so the diff is
 * built from the edits themselves (no longest-common-subsequence search): each edit is widened to
 * whole lines, lines it did not really change are trimmed from both ends, and neighbouring
 * changes share a hunk. Lines keep their own terminators (a CRLF line is printed with its CR), so
 * the output applies with `patch` or `git apply` to the original bytes.
 */
import type { Edit } from '../model/types.js';
import { applyEdits } from './apply.js';

export interface DiffOptions {
  /** Path shown on the `---` line (default "a"). */
  from?: string;
  /** Path shown on the `+++` line (default: `from`). */
  to?: string;
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
}

interface Block {
  /** 0-based index of the first old line replaced. */
  oldStart: number;
  oldLines: string[];
  newLines: string[];
}

/** The unified diff of applying `edits` to `before`; '' when nothing changes. */
export function unifiedDiff(before: string, edits: readonly Edit[], options: DiffOptions = {}): string {
  const context = options.context ?? 3;
  const from = options.from ?? 'a';
  const to = options.to ?? from;
  const blocks = changedBlocks(before, edits);
  if (blocks.length === 0) return '';
  const oldAll = splitLines(before);
  let out = `--- ${from}\n+++ ${to}\n`;
  let delta = 0; // new line index minus old line index, before the current hunk
  let i = 0;
  while (i < blocks.length) {
    // Gather the blocks whose context windows touch into one hunk.
    let j = i;
    while (
      j + 1 < blocks.length &&
      (blocks[j + 1] as Block).oldStart - blockEnd(blocks[j] as Block) <= 2 * context
    )
      j++;
    const first = blocks[i] as Block;
    const last = blocks[j] as Block;
    const hunkStart = Math.max(0, first.oldStart - context);
    const hunkEnd = Math.min(oldAll.length, blockEnd(last) + context);
    let body = '';
    let oldCount = 0;
    let newCount = 0;
    let at = hunkStart;
    let hunkDelta = 0;
    for (let k = i; k <= j; k++) {
      const b = blocks[k] as Block;
      for (; at < b.oldStart; at++, oldCount++, newCount++) body += line(' ', oldAll[at] as string);
      for (const l of b.oldLines) body += line('-', l);
      for (const l of b.newLines) body += line('+', l);
      oldCount += b.oldLines.length;
      newCount += b.newLines.length;
      hunkDelta += b.newLines.length - b.oldLines.length;
      at = blockEnd(b);
    }
    for (; at < hunkEnd; at++, oldCount++, newCount++) body += line(' ', oldAll[at] as string);
    const newStart = hunkStart + delta;
    out += `@@ -${range(hunkStart, oldCount)} +${range(newStart, newCount)} @@\n${body}`;
    delta += hunkDelta;
    i = j + 1;
  }
  return out;
}

/** Header lines for a move, in the form `git diff` prints a rename. */
export function renameDiff(from: string, to: string): string {
  return `rename from ${from}\nrename to ${to}\n`;
}

/** Split keeping each line's terminator; a final line without one is kept as is. */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function blockEnd(b: Block): number {
  return b.oldStart + b.oldLines.length;
}

/** `start,count` as unified diffs write it: a count of 1 is implied, an empty range names the line before. */
function range(start0: number, count: number): string {
  if (count === 0) return `${start0},0`;
  return count === 1 ? `${start0 + 1}` : `${start0 + 1},${count}`;
}

function line(mark: string, l: string): string {
  if (l.endsWith('\n')) return `${mark}${l}`;
  return `${mark}${l}\n\\ No newline at end of file\n`;
}

/** The edits widened to whole lines, merged where they share a line, with unchanged lines trimmed. */
function changedBlocks(before: string, edits: readonly Edit[]): Block[] {
  if (edits.length === 0) return [];
  const starts = lineStarts(before);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const groups: Array<{ from: number; to: number; edits: Edit[] }> = [];
  for (const e of sorted) {
    const startLine = lineOf(e.start);
    const from = starts[startLine] as number;
    const endLine = lineOf(e.end);
    const to = starts[endLine + 1] ?? before.length;
    const prev = groups[groups.length - 1];
    if (prev && from < prev.to) {
      prev.to = Math.max(prev.to, to);
      prev.edits.push(e);
    } else groups.push({ from, to: Math.max(to, from), edits: [e] });
  }
  const blocks: Block[] = [];
  for (const g of groups) {
    const oldText = before.slice(g.from, g.to);
    const newText = applyEdits(
      oldText,
      g.edits.map((e) => ({ start: e.start - g.from, end: e.end - g.from, text: e.text })),
    );
    let oldLines = splitLines(oldText);
    let newLines = splitLines(newText);
    // At the very end of a file ending with a newline this is the phantom line after the last: the line count.
    let oldStart = lineOf(g.from);
    let head = 0;
    while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
    let tail = 0;
    while (
      tail < oldLines.length - head &&
      tail < newLines.length - head &&
      oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
    )
      tail++;
    oldLines = oldLines.slice(head, oldLines.length - tail);
    newLines = newLines.slice(head, newLines.length - tail);
    oldStart += head;
    if (!oldLines.length && !newLines.length) continue;
    // Changes on consecutive lines read better as one run of removals and one of additions.
    const prev = blocks[blocks.length - 1];
    if (prev && blockEnd(prev) === oldStart) {
      prev.oldLines.push(...oldLines);
      prev.newLines.push(...newLines);
    } else blocks.push({ oldStart, oldLines, newLines });
  }
  return blocks;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
  return starts;
}
