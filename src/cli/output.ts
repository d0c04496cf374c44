/** Small helpers the commands share for printing: colour only on a TTY, JSON, aligned tables. */

export const useColor = (): boolean => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

const paint = (code: number) => (s: string) => (useColor() ? `\x1b[${code}m${s}\x1b[0m` : s);
export const bold = paint(1);
export const dim = paint(2);
export const red = paint(31);
export const green = paint(32);
export const yellow = paint(33);
export const cyan = paint(36);

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Visible width, ignoring colour codes; emoji count as two columns. */
function width(s: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
  const plain = s.replace(/\x1b\[[0-9;]*m/g, '');
  let w = 0;
  for (const ch of plain) w += /\p{Extended_Pictographic}/u.test(ch) ? 2 : ch === '\uFE0F' ? 0 : 1;
  return w;
}

export function table(rows: string[][], header: string[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => width(r[c] ?? ''))));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat((widths[c] as number) - width(cell))))
      .join('  ')
      .trimEnd();
  return [bold(line(header)), ...rows.map(line)].join('\n');
}

export function progressBar(checked: number, total: number, size = 20): string {
  if (total === 0) return dim('-'.repeat(size));
  const filled = Math.round((checked / total) * size);
  const bar = '█'.repeat(filled) + '░'.repeat(size - filled);
  return checked === total ? green(bar) : bar;
}

export function percent(checked: number, total: number): string {
  return total === 0 ? '  -' : `${Math.round((checked / total) * 100)}%`.padStart(4);
}
