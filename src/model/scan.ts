/**
 * The block scanner: one pass over the lines of a Markdown document that finds
 * the block structure a spec tool needs (headings, fenced and indented code,
 * list items with task boxes and nesting, tables, blockquotes, HTML blocks),
 * with exact offsets.
 *
 * It follows the CommonMark container algorithm (block quotes and list items
 * are containers matched line by line; paragraphs allow lazy continuation) and
 * GFM tables as markdown-it implements them. It does not build inline trees.
 * test/model/differential.test.ts proves it against markdown-it.
 */

import { withLazy } from './lazy.js';

export enum LineKind {
  Text = 0,
  Blank = 1,
  Code = 2,
  Fence = 3,
  Html = 4,
  Heading = 5,
  Rule = 6,
  Table = 7,
}

export interface ScannedHeading {
  level: number;
  /** 0-based line of the heading (for setext, the first line of its text). */
  line: number;
  /** Last line of the heading (the underline for setext). */
  endLine: number;
  textStart: number;
  textEnd: number;
  setext: boolean;
}

export interface ScannedFence {
  line: number;
  /** Line of the closing fence, or the last line of the block when unclosed. */
  endLine: number;
  closed: boolean;
  info: string;
  /** Body lines with container prefixes and fence indentation removed. */
  body: string;
  bodyStart: number;
  bodyEnd: number;
  start: number;
  end: number;
}

export interface ScannedItem {
  line: number;
  /** Offset of the list marker. */
  markerStart: number;
  /** Offset where the item's content starts on its first line. */
  contentStart: number;
  depth: number;
  ordered: boolean;
  marker: string;
  /** -1: not a task item; 0: `[ ]`; 1: `[x]`. */
  task: -1 | 0 | 1;
  /** Offset of the `[` of the task box. */
  markOffset: number;
}

export interface ScannedTable {
  startLine: number;
  /** Exclusive. */
  endLine: number;
}

export interface Scan {
  lineStarts: number[];
  lineEnds: number[];
  kinds: Uint8Array;
  /** Offset where a line's content starts after block-quote and list-item prefixes. */
  contentStarts: Int32Array;
  /** 1 when the line is inside a block quote. */
  quoted: Uint8Array;
  /** Index into `items` when the line opens a list item, else -1. */
  itemAt: Int32Array;
  headings: ScannedHeading[];
  fences: ScannedFence[];
  items: ScannedItem[];
  tables: ScannedTable[];
  /** Lines (0-based) of indented code blocks: [start, endExclusive]. */
  indentedCode: Array<[number, number]>;
  frontMatterEnd: number;
}

enum C {
  Quote = 0,
  Item = 1,
}

interface Container {
  type: C;
  /** For items: columns of indentation, past the enclosing container's content start, that continue the item. */
  contentIndent: number;
  /** For items: true while the item has seen only its (blank) first line. */
  blankStart: boolean;
  /** For items: the list marker (`-`, `*`, `1.`, `2)`). */
  marker: string;
  depth: number;
}

enum Leaf {
  None = 0,
  Paragraph = 1,
  Fence = 2,
  Html = 3,
  IndentedCode = 4,
  Table = 5,
}

const HTML_BLOCK_TAGS = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl ' +
    'dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend ' +
    'li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td ' +
    'tfoot th thead title tr track ul'
  ).split(' '),
);
const HTML_RAW = /^<(script|pre|style|textarea)(?=[\s>]|$)/i;
const HTML_OPEN_TAG =
  /^<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^"'=<>`\s]+|'[^']*'|"[^"]*"))?)*\s*\/?>\s*$/;
const HTML_CLOSE_TAG = /^<\/[A-Za-z][A-Za-z0-9-]*\s*>\s*$/;
const SETEXT = /^(?:=+|-+)[ \t]*$/;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;

/** The state of a cursor over one line: offset and visual column (tabs to multiples of 4). */
interface Cursor {
  pos: number;
  col: number;
  /** Columns of a tab already consumed as container indentation. */
  partial: number;
}

export function scanBlocks(text: string): Scan {
  const lineStarts: number[] = [0];
  const lineEnds: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lineEnds.push(i > 0 && text.charCodeAt(i - 1) === 13 ? i - 1 : i);
    lineStarts.push(i + 1);
  }
  lineEnds.push(text.length);
  const n = lineStarts.length;
  // Lines holding a pipe, found with the native indexOf: only they can start a table.
  const pipeLines = new Uint8Array(n);
  for (let p = text.indexOf('|'), line = 0; p !== -1; p = text.indexOf('|', p + 1)) {
    while ((lineEnds[line] as number) < p) line++;
    pipeLines[line] = 1;
  }
  const kinds = new Uint8Array(n);
  const contentStarts = new Int32Array(n);
  const quoted = new Uint8Array(n);
  const itemAt = new Int32Array(n).fill(-1);
  const headings: ScannedHeading[] = [];
  const fences: ScannedFence[] = [];
  const items: ScannedItem[] = [];
  const tables: ScannedTable[] = [];
  const indentedCode: Array<[number, number]> = [];

  // Open containers are containers[0 .. open): the objects are reused from line to line.
  const containers: Container[] = [];
  let open = 0;
  const openContainer = (
    type: C,
    contentIndent: number,
    blankStart: boolean,
    depth: number,
    marker: string,
  ) => {
    const c = containers[open];
    if (c) {
      c.type = type;
      c.contentIndent = contentIndent;
      c.blankStart = blankStart;
      c.depth = depth;
      c.marker = marker;
    } else containers.push({ type, contentIndent, blankStart, depth, marker });
    open++;
  };
  let leaf: Leaf = Leaf.None;
  let paraStart = -1;
  let paraTextStart = 0;
  let fence: {
    line: number;
    char: number;
    len: number;
    indent: number;
    info: string;
    /** Body lines that start with the rest of a tab split by the fence's indentation: line -> columns. */
    partials: Map<number, number> | undefined;
  } | null = null;
  let htmlEnd: RegExp | null = null; // null with Leaf.Html means "ends at a blank line"
  let codeStart = -1;
  let lastCodeLine = -1;
  let tableStart = -1;

  const cur: Cursor = { pos: 0, col: 0, partial: 0 };

  // measureIndent's results, kept in the scan's state rather than returned as an object: it runs several times a line.
  let indCols = 0;
  let indAt = 0;
  /** Columns of whitespace from the cursor (a partly consumed tab counts its rest) into indCols, the offset after it into indAt. */
  const measureIndent = (end: number): void => {
    let p = cur.pos;
    let c = cur.col;
    let cols = 0;
    if (cur.partial > 0) {
      cols = cur.partial;
      c += cur.partial;
      p++;
    }
    for (; p < end; p++) {
      const ch = text.charCodeAt(p);
      if (ch === 32) {
        cols++;
        c++;
      } else if (ch === 9) {
        const w = 4 - (c % 4);
        cols += w;
        c += w;
      } else break;
    }
    indCols = cols;
    indAt = p;
  };

  /** Advance the cursor by `count` columns of indentation, splitting a tab where needed. */
  const consumeCols = (count: number, end: number): void => {
    let remaining = count;
    if (cur.partial > 0) {
      const use = Math.min(cur.partial, remaining);
      cur.partial -= use;
      cur.col += use;
      remaining -= use;
      if (cur.partial === 0) cur.pos++;
    }
    while (remaining > 0 && cur.pos < end) {
      const ch = text.charCodeAt(cur.pos);
      if (ch === 32) {
        cur.pos++;
        cur.col++;
        remaining--;
      } else if (ch === 9) {
        const w = 4 - (cur.col % 4);
        if (w <= remaining) {
          cur.pos++;
          cur.col += w;
          remaining -= w;
        } else {
          // Part of the tab belongs to the container, the rest is content indentation.
          cur.col += remaining;
          cur.partial = w - remaining;
          remaining = 0;
        }
      } else break;
    }
  };

  /** Step over a block-quote marker at `at` (indentation before it measured as `cols`) and one optional space. */
  const consumeQuoteMarker = (at: number, cols: number, end: number): void => {
    cur.col += cols;
    cur.partial = 0;
    cur.pos = at + 1;
    cur.col++;
    const after = text.charCodeAt(cur.pos);
    if (after === 32) {
      cur.pos++;
      cur.col++;
    } else if (after === 9) consumeCols(1, end);
  };

  const isBlankFrom = (p: number, end: number): boolean => {
    for (; p < end; p++) {
      const ch = text.charCodeAt(p);
      if (ch !== 32 && ch !== 9) return false;
    }
    return true;
  };

  /** Whether [from, to) holds the character code `ch` (indexOf would search past the line). */
  const holds = (ch: number, from: number, to: number): boolean => {
    for (let p = from; p < to; p++) if (text.charCodeAt(p) === ch) return true;
    return false;
  };

  /** A closing fence at `p`: at least `len` of the opening `char`, then only spaces or tabs. */
  const closesFence = (p: number, end: number, char: number, len: number): boolean => {
    let run = 0;
    while (p + run < end && text.charCodeAt(p + run) === char) run++;
    return run >= len && isBlankFrom(p + run, end);
  };

  // listMarker's results besides its width, kept in state: it runs on most lines.
  let markerOrdered = false;
  let markerNumber = 0;
  /** The width of a list marker at `p` (indentation already skipped), or 0; its kind into markerOrdered and markerNumber. */
  const listMarker = (p: number, end: number): number => {
    const ch = text.charCodeAt(p);
    if (ch === 45 || ch === 42 || ch === 43) {
      const next = text.charCodeAt(p + 1);
      if (p + 1 < end && next !== 32 && next !== 9) return 0;
      markerOrdered = false;
      markerNumber = 0;
      return 1;
    }
    if (ch < 48 || ch > 57) return 0;
    // 1 to 9 digits, then `.` or `)`.
    let q = p;
    let value = 0;
    while (q < end && q - p < 10) {
      const d = text.charCodeAt(q);
      if (d < 48 || d > 57) break;
      value = value * 10 + (d - 48);
      q++;
    }
    const delimiter = text.charCodeAt(q);
    if (q - p > 9 || q >= end || (delimiter !== 46 && delimiter !== 41)) return 0;
    const width = q + 1 - p;
    const next = text.charCodeAt(p + width);
    if (p + width < end && next !== 32 && next !== 9) return 0;
    markerOrdered = true;
    markerNumber = value;
    return width;
  };

  /** Whether a list marker at `p` ends with the same character (`-`, `*`, `+`, `.`, `)`) as `marker`. */
  const sameListDelimiter = (p: number, end: number, marker: string): boolean => {
    const width = listMarker(p, end);
    return width > 0 && text.charCodeAt(p + width - 1) === marker.charCodeAt(marker.length - 1);
  };

  /** Would the rest of the line (from `at`, indented `cols`) start a block that interrupts a paragraph? */
  const interruptsParagraph = (
    at: number,
    cols: number,
    end: number,
    inParagraphContainer: boolean,
  ): boolean => {
    if (at >= end) return true; // blank
    if (cols >= 4) return false;
    const ch = text.charCodeAt(at);
    if (ch === 62) return true; // >
    // Only these first characters can start an interrupting block.
    if (
      !(
        ch === 35 ||
        ch === 96 ||
        ch === 126 ||
        ch === 45 ||
        ch === 42 ||
        ch === 95 ||
        ch === 43 ||
        ch === 60 ||
        (ch >= 48 && ch <= 57)
      )
    )
      return false;
    if (ch === 35) return atxLevel(text, at, end) > 0;
    const rest = text.slice(at, end);
    if (ch === 96 || ch === 126) {
      const m = FENCE_OPEN.exec(rest);
      if (m && !(ch === 96 && (m[2] as string).includes('`'))) return true;
    }
    if (isThematicBreak(text, at, end)) return true;
    if (ch === 60 && htmlStart(rest, true) !== false) return true;
    const width = listMarker(at, end);
    if (width) {
      if (!inParagraphContainer) return true;
      const empty = isBlankFrom(at + width, end);
      return !empty && (!markerOrdered || markerNumber === 1);
    }
    return false;
  };

  /** HTML block start: returns the end pattern (null: ends at blank line) or false. */
  const htmlStart = (rest: string, interrupting: boolean): RegExp | null | false => {
    if (rest.startsWith('<!--')) return /-->/;
    if (HTML_RAW.test(rest)) return /<\/(script|pre|style|textarea)>/i;
    if (rest.startsWith('<?')) return /\?>/;
    if (rest.startsWith('<![CDATA[')) return /\]\]>/;
    if (/^<![A-Za-z]/.test(rest)) return />/;
    const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)/.exec(rest);
    if (tag && HTML_BLOCK_TAGS.has((tag[1] as string).toLowerCase())) {
      if (rest[0 + 1] === '/' || /^<[A-Za-z][A-Za-z0-9-]*(?:[\s>]|\/>|$)/.test(rest)) return null;
    }
    if (!interrupting && (HTML_OPEN_TAG.test(rest) || HTML_CLOSE_TAG.test(rest))) return null;
    return false;
  };

  const closeLeaf = (line: number): void => {
    if (leaf === Leaf.Fence && fence) finishFence(line - 1, false);
    if (leaf === Leaf.IndentedCode) indentedCode.push([codeStart, lastCodeLine + 1]);
    if (leaf === Leaf.Table) tables.push({ startLine: tableStart, endLine: line });
    leaf = Leaf.None;
    fence = null;
    htmlEnd = null;
  };

  const finishFence = (endLine: number, closed: boolean): void => {
    if (!fence) return;
    const f = fence;
    const bodyFirst = f.line + 1;
    const bodyLast = closed ? endLine - 1 : endLine;
    const bodyStart =
      bodyFirst <= bodyLast ? (lineStarts[bodyFirst] as number) : (lineEnds[f.line] as number);
    const bodyEnd = bodyFirst <= bodyLast ? (lineEnds[bodyLast] as number) : bodyStart;
    // Joined on first read: most readers of a scan never look at code bodies.
    const joinBody = (): string => {
      let out = '';
      for (let k = bodyFirst; k <= bodyLast; k++) {
        const partial = f.partials?.get(k);
        if (partial) out += ' '.repeat(partial);
        out += `${text.slice(contentStarts[k], lineEnds[k])}\n`;
      }
      return out;
    };
    const located = {
      line: f.line,
      endLine,
      closed,
      info: f.info,
      bodyStart,
      bodyEnd,
      start: lineStarts[f.line] as number,
      end: lineEnds[endLine] as number,
    };
    fences.push(withLazy(located, { body: joinBody }));
  };

  /** Column count of the delimiter row of a table (or 0), markdown-it's rule. */
  const delimiterColumns = (row: string): number => {
    const t = row.trim();
    if (t.length < 2) return 0;
    const c0 = t.charCodeAt(0);
    const c1 = t.charCodeAt(1);
    if (c0 !== 124 && c0 !== 45 && c0 !== 58) return 0;
    if (c1 !== 124 && c1 !== 45 && c1 !== 58 && c1 !== 32 && c1 !== 9) return 0;
    if (c0 === 45 && (c1 === 32 || c1 === 9)) return 0;
    if (!/^[|\-:\s]+$/.test(t)) return 0;
    const cols = row.split('|');
    let count = 0;
    for (let i = 0; i < cols.length; i++) {
      const c = (cols[i] as string).trim();
      if (!c) {
        if (i === 0 || i === cols.length - 1) continue;
        return 0;
      }
      if (!/^:?-+:?$/.test(c)) return 0;
      count++;
    }
    return count;
  };

  /**
   * Can the line `i` (content from `at`) be a table header, given the next line?
   * The next line must match the same containers; we check that by re-running the
   * container match on it without changing state.
   */
  const startsTable = (i: number, at: number, end: number): boolean => {
    if (i + 1 >= n) return false;
    // Cheap gates first: a header holds a pipe, a delimiter row a dash.
    if (!pipeLines[i]) return false;
    const nextStart = lineStarts[i + 1] as number;
    const nextEnd = lineEnds[i + 1] as number;
    if (!holds(45, nextStart, nextEnd)) return false;
    const header = text.slice(at, end).trim();
    const saved = { pos: cur.pos, col: cur.col, partial: cur.partial };
    cur.pos = nextStart;
    cur.col = 0;
    cur.partial = 0;
    const matched = matchContainers(nextEnd);
    measureIndent(nextEnd);
    const indentCols = indCols;
    const contentAt = indAt;
    const rowAt = contentAt;
    const ok = matched === open && indentCols < 4;
    cur.pos = saved.pos;
    cur.col = saved.col;
    cur.partial = saved.partial;
    if (!ok) return false;
    const cols = delimiterColumns(text.slice(rowAt, nextEnd));
    return cols > 0 && cols === splitRow(header).length;
  };

  /** Match open containers against the line at the cursor; returns how many matched. */
  const matchContainers = (end: number): number => {
    let matched = 0;
    for (let k = 0; k < open; k++) {
      const c = containers[k] as Container;
      if (c.type === C.Quote) {
        measureIndent(end);
        const indentCols = indCols;
        const contentAt = indAt;
        if (indentCols <= 3 && text.charCodeAt(contentAt) === 62) {
          consumeQuoteMarker(contentAt, indentCols, end);
          matched++;
          continue;
        }
        break;
      }
      if (isBlankFrom(cur.pos, end)) {
        if (c.blankStart) break; // an item can start with at most one blank line
        matched++;
        continue;
      }
      measureIndent(end);
      if (indCols >= c.contentIndent) {
        consumeCols(c.contentIndent, end);
        matched++;
        continue;
      }
      break;
    }
    return matched;
  };

  let frontMatterEnd = -1;
  if (text.startsWith('---') && /^---[ \t]*$/.test(text.slice(0, lineEnds[0]))) {
    for (let i = 1; i < n; i++) {
      const line = text.slice(lineStarts[i], lineEnds[i]);
      if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) {
        frontMatterEnd = i;
        break;
      }
    }
  }

  // Front matter lines are not Markdown: the scan starts after them.
  for (let i = frontMatterEnd + 1; i < n; i++) {
    const start = lineStarts[i] as number;
    const end = lineEnds[i] as number;
    cur.pos = start;
    cur.col = 0;
    cur.partial = 0;

    const matched = matchContainers(end);
    const allMatched = matched === open;
    let inQuote = 0;
    for (let k = 0; k < matched; k++) if ((containers[k] as Container).type === C.Quote) inQuote = 1;
    quoted[i] = inQuote;

    if (leaf === Leaf.Fence && fence) {
      if (allMatched) {
        measureIndent(end);
        const indentCols = indCols;
        const contentAt = indAt;
        const closing = indentCols < 4 && closesFence(contentAt, end, fence.char, fence.len);
        if (closing) {
          kinds[i] = LineKind.Fence;
          contentStarts[i] = contentAt;
          finishFence(i, true);
          fence = null;
          leaf = Leaf.None;
          continue;
        }
        consumeCols(Math.min(fence.indent, indentCols), end);
        kinds[i] = LineKind.Code;
        contentStarts[i] = cur.pos;
        if (cur.partial > 0) {
          fence.partials ??= new Map();
          fence.partials.set(i, cur.partial);
        }
        continue;
      }
      closeLeaf(i);
    } else if (leaf === Leaf.Html) {
      if (allMatched) {
        if (htmlEnd === null && isBlankFrom(cur.pos, end)) {
          leaf = Leaf.None;
          kinds[i] = LineKind.Blank;
          continue;
        }
        if (htmlEnd !== null || !isBlankFrom(cur.pos, end)) {
          kinds[i] = LineKind.Html;
          contentStarts[i] = cur.pos;
          if (htmlEnd?.test(text.slice(cur.pos, end))) leaf = Leaf.None;
          continue;
        }
      }
      closeLeaf(i);
    } else if (leaf === Leaf.Paragraph && !allMatched) {
      measureIndent(end);
      const indentCols = indCols;
      const contentAt = indAt;
      // A lazy line may still be a table header when the next line, in the open containers, is a delimiter row.
      if (!interruptsParagraph(contentAt, indentCols, end, false) && !startsTable(i, contentAt, end)) {
        kinds[i] = LineKind.Text;
        contentStarts[i] = contentAt;
        continue;
      }
    }

    // The marker of the item this line closes, if any: a sibling marker continues its list (markdown-it's list
    // rule owns such a line before its table rule can see it).
    let closedMarker: string | undefined;
    if (!allMatched) {
      closeLeaf(i);
      for (let k = matched; k < open && closedMarker === undefined; k++)
        if ((containers[k] as Container).type === C.Item) closedMarker = (containers[k] as Container).marker;
      open = matched;
    }

    // Open new containers.
    let opened = false;
    for (;;) {
      measureIndent(end);
      const indentCols = indCols;
      const contentAt = indAt;
      if (indentCols >= 4 || contentAt >= end) break;
      // markdown-it tries tables before every other block, containers included, except for the next item
      // of a list that is already open.
      const continuesList =
        !opened && closedMarker !== undefined && sameListDelimiter(contentAt, end, closedMarker);
      if (!continuesList && startsTable(i, contentAt, end)) break;
      const ch = text.charCodeAt(contentAt);
      if (ch === 62) {
        closeLeaf(i);
        consumeQuoteMarker(contentAt, indentCols, end);
        openContainer(C.Quote, 0, false, 0, '>');
        quoted[i] = 1;
        opened = true;
        continue;
      }
      if ((ch === 45 || ch === 42 || ch === 95) && isThematicBreak(text, contentAt, end)) break;
      const markerWidth = listMarker(contentAt, end);
      if (!markerWidth) break;
      const ordered = markerOrdered;
      const marker = text.slice(contentAt, contentAt + markerWidth);
      const afterMarker = contentAt + markerWidth;
      const emptyItem = isBlankFrom(afterMarker, end);
      if (leaf === Leaf.Paragraph && !opened && (emptyItem || (ordered && markerNumber !== 1))) break;
      // A setext underline made of '-' wins over an empty list item.
      if (leaf === Leaf.Paragraph && !opened && SETEXT.test(text.slice(contentAt, end))) break;
      closeLeaf(i);
      // Item indentation is relative to where the enclosing container's content starts.
      const baseCol = cur.col;
      cur.col += indentCols;
      cur.partial = 0;
      cur.pos = afterMarker;
      cur.col += markerWidth;
      let contentIndent: number;
      if (emptyItem) {
        contentIndent = cur.col + 1;
        cur.pos = end;
        cur.partial = 0;
      } else {
        measureIndent(end);
        const spCols = indCols;
        if (spCols >= 5 || spCols === 0) {
          contentIndent = cur.col + 1;
          consumeCols(1, end);
        } else {
          contentIndent = cur.col + spCols;
          consumeCols(spCols, end);
        }
      }
      contentIndent -= baseCol;
      let depth = 0;
      for (let k = 0; k < open; k++) if ((containers[k] as Container).type === C.Item) depth++;
      openContainer(C.Item, contentIndent, emptyItem, depth, marker);
      itemAt[i] = items.length;
      items.push({
        line: i,
        markerStart: contentAt,
        contentStart: cur.pos,
        depth,
        ordered,
        marker,
        task: -1,
        markOffset: -1,
      });
      opened = true;
    }
    // Any item that matched a non-blank line is past its blank start.
    if (!isBlankFrom(cur.pos, end))
      for (let k = 0; k < open; k++) (containers[k] as Container).blankStart = false;

    measureIndent(end);
    const indentCols = indCols;
    const contentAt = indAt;
    const at = contentAt;
    contentStarts[i] = at;

    if (at >= end) {
      kinds[i] = LineKind.Blank;
      if (leaf === Leaf.IndentedCode) {
        kinds[i] = LineKind.Code;
        continue;
      }
      if (leaf === Leaf.Paragraph || leaf === Leaf.Table) closeLeaf(i);
      continue;
    }

    if (leaf === Leaf.IndentedCode) {
      if (indentCols >= 4) {
        kinds[i] = LineKind.Code;
        lastCodeLine = i;
        continue;
      }
      closeLeaf(i);
    }

    if (indentCols >= 4) {
      if (leaf === Leaf.Paragraph && !opened) {
        kinds[i] = LineKind.Text;
        continue;
      }
      if (leaf === Leaf.Table) closeLeaf(i);
      leaf = Leaf.IndentedCode;
      codeStart = i;
      lastCodeLine = i;
      kinds[i] = LineKind.Code;
      continue;
    }

    // The rest of the line is sliced only where its first character can start a block.
    const ch = text.charCodeAt(at);

    if (leaf === Leaf.Table) {
      // Rows go on until a blank line or a line that starts another block (markdown-it's terminators).
      if (!interruptsParagraph(at, indentCols, end, false)) {
        kinds[i] = LineKind.Table;
        continue;
      }
      closeLeaf(i);
    }

    if (startsTable(i, at, end)) {
      closeLeaf(i);
      leaf = Leaf.Table;
      tableStart = i;
      kinds[i] = LineKind.Table;
      kinds[i + 1] = LineKind.Table;
      // The delimiter row is consumed here: re-match it so its content start is right.
      i++;
      cur.pos = lineStarts[i] as number;
      cur.col = 0;
      cur.partial = 0;
      matchContainers(lineEnds[i] as number);
      measureIndent(lineEnds[i] as number);
      contentStarts[i] = indAt;
      quoted[i] = quoted[i - 1] as number;
      continue;
    }

    if (ch === 96 || ch === 126) {
      const m = FENCE_OPEN.exec(text.slice(at, end));
      if (m && !(ch === 96 && (m[2] as string).includes('`'))) {
        closeLeaf(i);
        leaf = Leaf.Fence;
        fence = {
          line: i,
          char: ch,
          len: (m[1] as string).length,
          indent: indentCols,
          info: (m[2] as string).trim(),
          partials: undefined,
        };
        kinds[i] = LineKind.Fence;
        continue;
      }
    }

    if (ch === 35) {
      const level = atxLevel(text, at, end);
      if (level > 0) {
        closeLeaf(i);
        let textStart = at + level;
        let textEnd = end;
        while (textStart < textEnd && isSpace(text.charCodeAt(textStart))) textStart++;
        while (textEnd > textStart && isSpace(text.charCodeAt(textEnd - 1))) textEnd--;
        // Optional closing sequence: spaces then #s at the end.
        let k = textEnd;
        while (k > textStart && text.charCodeAt(k - 1) === 35) k--;
        if (k < textEnd && (k === textStart || isSpace(text.charCodeAt(k - 1)))) {
          textEnd = k;
          while (textEnd > textStart && isSpace(text.charCodeAt(textEnd - 1))) textEnd--;
        }
        headings.push({ level, line: i, endLine: i, textStart, textEnd, setext: false });
        kinds[i] = LineKind.Heading;
        continue;
      }
    }

    if (leaf === Leaf.Paragraph && !opened && (ch === 61 || ch === 45) && SETEXT.test(text.slice(at, end))) {
      const level = ch === 61 ? 1 : 2;
      let textEnd = lineEnds[i - 1] as number;
      while (textEnd > paraTextStart && isSpace(text.charCodeAt(textEnd - 1))) textEnd--;
      headings.push({ level, line: paraStart, endLine: i, textStart: paraTextStart, textEnd, setext: true });
      for (let k = paraStart; k <= i; k++) kinds[k] = LineKind.Heading;
      leaf = Leaf.None;
      continue;
    }

    if ((ch === 45 || ch === 42 || ch === 95) && isThematicBreak(text, at, end)) {
      closeLeaf(i);
      kinds[i] = LineKind.Rule;
      continue;
    }

    if (ch === 60) {
      const rest = text.slice(at, end);
      const endPattern = htmlStart(rest, leaf === Leaf.Paragraph && !opened);
      if (endPattern !== false) {
        closeLeaf(i);
        kinds[i] = LineKind.Html;
        leaf = endPattern?.test(rest.slice(4)) ? Leaf.None : Leaf.Html;
        if (endPattern && !rest.startsWith('<!--') && endPattern.test(rest)) leaf = Leaf.None;
        if (endPattern && rest.startsWith('<!--') && rest.indexOf('-->', 4) !== -1) leaf = Leaf.None;
        htmlEnd = endPattern;
        continue;
      }
    }

    kinds[i] = LineKind.Text;
    if (leaf !== Leaf.Paragraph || opened) {
      leaf = Leaf.Paragraph;
      paraStart = i;
      paraTextStart = at;
      const itemIndex = itemAt[i] as number;
      if (itemIndex >= 0 && ch === 91) {
        const item = items[itemIndex] as ScannedItem;
        const box = text.charCodeAt(at + 1);
        const after = text.charCodeAt(at + 3);
        // `[ ]`, `[x]` or `[X]`, then a space, a tab or the end of the text.
        if (
          (box === 32 || box === 120 || box === 88) &&
          text.charCodeAt(at + 2) === 93 &&
          (at + 3 === text.length || after === 32 || after === 9) &&
          item.contentStart === at
        ) {
          item.task = box === 32 ? 0 : 1;
          item.markOffset = at;
        }
      }
    }
  }
  // A final line ending does not start another line: blocks left open end at the last real line.
  const lineCount = n > 1 && lineStarts[n - 1] === text.length ? n - 1 : n;
  closeLeaf(lineCount);

  if (frontMatterEnd > 0) {
    for (let i = 0; i <= frontMatterEnd; i++) kinds[i] = LineKind.Code;
  }

  return {
    lineStarts,
    lineEnds,
    kinds,
    contentStarts,
    quoted,
    itemAt,
    headings,
    fences,
    items,
    tables,
    indentedCode,
    frontMatterEnd,
  };
}

/** The level of an ATX heading opening at `at` (1 to 6 `#`, then a space, a tab or the line's end), else 0. */
function atxLevel(text: string, at: number, end: number): number {
  let p = at;
  while (p < end && p - at < 7 && text.charCodeAt(p) === 35) p++;
  const level = p - at;
  if (level < 1 || level > 6) return 0;
  return p === end || isSpace(text.charCodeAt(p)) ? level : 0;
}

/** A thematic break from `at` to `end`: three or more of one of `-`, `*`, `_`, with only spaces and tabs between. */
function isThematicBreak(text: string, at: number, end: number): boolean {
  const mark = text.charCodeAt(at);
  if (mark !== 45 && mark !== 42 && mark !== 95) return false;
  let count = 0;
  for (let p = at; p < end; p++) {
    const ch = text.charCodeAt(p);
    if (ch === mark) count++;
    else if (ch !== 32 && ch !== 9) return false;
  }
  return count >= 3;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9;
}

/** Split a table row on unescaped pipes (markdown-it's escapedSplit: `\\|` becomes a literal pipe), trimming outer pipes. */
export function splitRow(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  const s = row.trim();
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    if (ch === '|') {
      if (s[i - 1] === '\\') current = `${current.slice(0, -1)}|`;
      else {
        cells.push(current);
        current = '';
      }
    } else current += ch;
  }
  cells.push(current);
  if (cells.length && cells[0] === '') cells.shift();
  if (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells.map((c) => c.trim());
}
