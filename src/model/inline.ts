/** Inline facts on one line of text: code spans to skip, and helpers shared by the extractors. */

/** [start, end) ranges of inline code spans on a line (CommonMark: matching backtick runs). */
export function codeSpans(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = line.indexOf('`');
  while (i !== -1) {
    let run = 1;
    while (line.charCodeAt(i + run) === 96) run++;
    const fence = '`'.repeat(run);
    let j = line.indexOf(fence, i + run);
    while (j !== -1 && line.charCodeAt(j + run) === 96) {
      let k = j;
      while (line.charCodeAt(k) === 96) k++;
      j = line.indexOf(fence, k);
    }
    if (j === -1) {
      i = line.indexOf('`', i + run);
      continue;
    }
    spans.push([i, j + run]);
    i = line.indexOf('`', j + run);
  }
  return spans;
}

export function inSpans(spans: Array<[number, number]>, at: number): boolean {
  for (const [s, e] of spans) if (at >= s && at < e) return true;
  return false;
}

/** Blank out code spans (same length) so that patterns do not match inside them. */
export function maskCode(line: string, spans: Array<[number, number]>): string {
  if (!spans.length) return line;
  let out = '';
  let last = 0;
  for (const [s, e] of spans) {
    out += line.slice(last, s) + ' '.repeat(e - s);
    last = e;
  }
  return out + line.slice(last);
}
