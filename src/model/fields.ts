import { memoString } from './memo.js';
import type { Field } from './types.js';

/**
 * Metadata lines: `**Key**: value`, `**Key:** value`, `- **Key**: value`,
 * and `> **Status: value.**` where the whole pair sits inside the bold.
 * Returns offsets relative to `line`.
 */
export interface LineField {
  key: string;
  value: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
  style: Field['style'];
}

// **Key**: value  |  **Key:** value   (key: up to 60 chars, no '*', no ':' inside for the outside style)
const BOLD_KEY = /^\*\*([^*:\n]{1,60}?)(:?)\*\*(:?)/;
// **Key: value**  (both inside the bold; a blockquote status such as "> **Status: not started.**")
const BOLD_PAIR = /^\*\*([A-Za-z][\w ./-]{0,40}):[ \t]+([^*]+?)\*\*/;

export function fieldOnLine(
  line: string,
  from: number,
  listItem: boolean,
  quoted: boolean,
): LineField | null {
  if (line.charCodeAt(from) !== 42 || line.charCodeAt(from + 1) !== 42) return null;
  const rest = line.slice(from);
  const m = BOLD_KEY.exec(rest);
  if (m && (m[2] || m[3])) {
    const key = (m[1] as string).trim();
    if (!key) return null;
    let valueStart = from + (m[0] as string).length;
    while (valueStart < line.length && (line[valueStart] === ' ' || line[valueStart] === '\t')) valueStart++;
    let valueEnd = line.length;
    while (valueEnd > valueStart && (line[valueEnd - 1] === ' ' || line[valueEnd - 1] === '\t')) valueEnd--;
    const keyStart = from + 2 + (m[1] as string).indexOf(key);
    return {
      key,
      value: line.slice(valueStart, valueEnd),
      keyStart,
      keyEnd: keyStart + key.length,
      valueStart,
      valueEnd,
      style: listItem
        ? 'list-item'
        : quoted
          ? 'blockquote'
          : m[2]
            ? 'bold-colon-inside'
            : 'bold-colon-outside',
    };
  }
  const p = BOLD_PAIR.exec(rest);
  if (p) {
    const key = p[1] as string;
    let value = p[2] as string;
    value = value.replace(/[.\s]+$/, '');
    const valueStart = from + rest.indexOf(p[2] as string, 2 + key.length);
    return {
      key,
      value,
      keyStart: from + 2,
      keyEnd: from + 2 + key.length,
      valueStart,
      valueEnd: valueStart + value.length,
      style: quoted ? 'blockquote' : listItem ? 'list-item' : 'bold-colon-inside',
    };
  }
  return null;
}

/** "Lifecycle State" -> "lifecycle-state". */
export const fieldName: (key: string) => string = memoString((key) =>
  key
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/[^\p{L}\p{N}-]/gu, ''),
);
