/**
 * Dates as specs write them, and what ISO `YYYY-MM-DD` each one means. A date is `ok` when already
 * ISO; `fixable` when it has exactly one reading (`2024/03/05`, `March 5, 2024`, `5 March 2024`,
 * `31/03/2024`); `ambiguous` when day and month could swap (`03/05/2024`); `partial` when it has no
 * day (`January 2025`) or a two-digit year; `invalid` when no calendar has it (`2024-02-30`).
 */

export type DateVerdict = 'ok' | 'fixable' | 'ambiguous' | 'partial' | 'invalid';

export interface FoundDate {
  /** The date as written. */
  text: string;
  /** Offsets in the string searched. */
  start: number;
  end: number;
  verdict: DateVerdict;
  /** The ISO date, when there is exactly one reading. */
  iso?: string;
  /** Both ISO readings of an ambiguous date: month first, day first. */
  readings?: [string, string];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const WEEKDAY = '(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday)?\\.?,?\\s+)?';
const ORDINAL = '(?:st|nd|rd|th)?';

interface Shape {
  re: RegExp;
  read(m: RegExpExecArray): Omit<FoundDate, 'text' | 'start' | 'end'>;
}

const SHAPES: Shape[] = [
  {
    // ISO, possibly unpadded (2024-3-5) or with a time after it (2024-03-05T10:00Z).
    re: /(?<![\d.\w/-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d/-])/g,
    read: (m) => {
      const iso = toIso(+(m[1] as string), +(m[2] as string), +(m[3] as string));
      if (!iso) return { verdict: 'invalid' };
      return iso === m[0] ? { verdict: 'ok', iso } : { verdict: 'fixable', iso };
    },
  },
  {
    // Year first with slashes or dots: 2024/03/05, 2024.03.05.
    re: /(?<![\d.\w/-])(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?![\d/.-]\d)/g,
    read: (m) => fixableOrInvalid(+(m[1] as string), +(m[3] as string), +(m[4] as string)),
  },
  {
    // Numeric with the year last: 03/05/2024, 31.03.2024, 5-3-2024.
    re: /(?<![\d.\w/-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-]\d)/g,
    read: (m) => {
      const a = +(m[1] as string);
      const b = +(m[3] as string);
      const y = +(m[4] as string);
      const monthFirst = toIso(y, a, b);
      const dayFirst = toIso(y, b, a);
      if (monthFirst && dayFirst && monthFirst !== dayFirst)
        return { verdict: 'ambiguous', readings: [monthFirst, dayFirst] };
      const iso = monthFirst ?? dayFirst;
      return iso ? { verdict: 'fixable', iso } : { verdict: 'invalid' };
    },
  },
  {
    // Two-digit years: 03/05/24.
    re: /(?<![\d.\w/-])(\d{1,2})([/.])(\d{1,2})\2(\d{2})(?![\d/.-]?\d)/g,
    read: () => ({ verdict: 'partial' }),
  },
  {
    // Month first: March 5, 2024 / Mar 5th 2024 / Tuesday, March 5, 2024.
    re: new RegExp(`(?<![\\w])${WEEKDAY}${MONTH}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})(?![\\w])`, 'gi'),
    read: (m) => fixableOrInvalid(+(m[3] as string), monthNumber(m[1] as string), +(m[2] as string)),
  },
  {
    // Day first: 5 March 2024 / 5th Mar, 2024.
    re: new RegExp(
      `(?<![\\w])${WEEKDAY}(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})(?![\\w])`,
      'gi',
    ),
    read: (m) => fixableOrInvalid(+(m[3] as string), monthNumber(m[2] as string), +(m[1] as string)),
  },
  {
    // No day: January 2025, Jan. 2025, 2025-01.
    re: new RegExp(
      `(?<![\\w])${MONTH},?\\s+(\\d{4})(?![\\w])|(?<![\\d.\\w/-])\\d{4}-\\d{2}(?![\\d/.-]|\\w)`,
      'gi',
    ),
    read: () => ({ verdict: 'partial' }),
  },
];

function fixableOrInvalid(y: number, m: number, d: number): Omit<FoundDate, 'text' | 'start' | 'end'> {
  const iso = toIso(y, m, d);
  return iso ? { verdict: 'fixable', iso } : { verdict: 'invalid' };
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]) + 1;
}

/** `YYYY-MM-DD` for a real calendar date, else undefined. */
export function toIso(y: number, m: number, d: number): string | undefined {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return undefined;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
  if (d > days) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Every date written in a string, in order; overlapping shapes resolve to the earliest, longest one. */
export function findDates(s: string): FoundDate[] {
  // Cheap gate: every shape holds four digits in a row.
  if (!/\d{4}/.test(s) && !/\d[/.]\d{1,2}[/.]\d\d/.test(s)) return [];
  const all: FoundDate[] = [];
  for (const shape of SHAPES) {
    shape.re.lastIndex = 0;
    for (let m = shape.re.exec(s); m; m = shape.re.exec(s)) {
      all.push({ text: m[0], start: m.index, end: m.index + m[0].length, ...shape.read(m) });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FoundDate[] = [];
  for (const d of all) {
    const last = out[out.length - 1];
    if (last && d.start < last.end) continue;
    out.push(d);
  }
  return out;
}

/** The first date in a string, or undefined. */
export function firstDate(s: string): FoundDate | undefined {
  return findDates(s)[0];
}

/** The ISO date a found date stands for, when it has one reading (ok or fixable). */
export function isoOf(d: FoundDate | undefined): string | undefined {
  return d && (d.verdict === 'ok' || d.verdict === 'fixable') ? d.iso : undefined;
}
