import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FoundDate, findDates, toIso } from '../../../src/rules/util/dates.js';

const one = (s: string) => {
  const found = findDates(s);
  expect(found, s).toHaveLength(1);
  return found[0] as FoundDate;
};

describe('findDates', () => {
  it.each([
    ['2024-03-05', 'ok', '2024-03-05'],
    ['2024-3-5', 'fixable', '2024-03-05'],
    ['2024/03/05', 'fixable', '2024-03-05'],
    ['2024.03.05', 'fixable', '2024-03-05'],
    ['March 5, 2024', 'fixable', '2024-03-05'],
    ['Mar. 5th 2024', 'fixable', '2024-03-05'],
    ['sept 30, 2024', 'fixable', '2024-09-30'],
    ['Tuesday, March 5, 2024', 'fixable', '2024-03-05'],
    ['5 March 2024', 'fixable', '2024-03-05'],
    ['5th of March, 2024', 'fixable', '2024-03-05'],
    ['31/03/2024', 'fixable', '2024-03-31'],
    ['03/31/2024', 'fixable', '2024-03-31'],
    ['05/05/2024', 'fixable', '2024-05-05'],
    ['29 February 2024', 'fixable', '2024-02-29'],
  ])('%s is %s (%s)', (text, verdict, iso) => {
    expect(one(text)).toMatchObject({ text, verdict, iso, start: 0, end: text.length });
  });

  it('takes the date of an ISO date-time', () => {
    expect(one('2024-03-05T10:00:00Z')).toMatchObject({ text: '2024-03-05', verdict: 'ok' });
  });

  it('gives both readings of an ambiguous date', () => {
    expect(one('03/05/2024')).toMatchObject({ verdict: 'ambiguous', readings: ['2024-03-05', '2024-05-03'] });
  });

  it.each(['January 2025', 'Jan 2025', '2025-01', '03/05/24'])('%s is partial', (text) => {
    expect(one(text).verdict).toBe('partial');
  });

  it.each(['2024-02-30', '2023-02-29', '13/13/2024', 'February 30, 2024', '2024-13-01'])(
    '%s is invalid',
    (text) => {
      expect(one(text).verdict).toBe('invalid');
    },
  );

  it('finds dates inside text with their offsets, and nothing in version numbers or ids', () => {
    const s = 'v1.2.3 shipped 2024/03/05, reviewed March 6, 2024; ticket 2024-0042; 1.2024.3';
    expect(findDates(s).map((d) => [d.text, s.slice(d.start, d.end)])).toEqual([
      ['2024/03/05', '2024/03/05'],
      ['March 6, 2024', 'March 6, 2024'],
    ]);
  });

  it('reads every real date back from every unambiguous shape (property)', () => {
    const MONTHS =
      'January February March April May June July August September October November December'.split(' ');
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const iso = toIso(y, m, d);
          fc.pre(iso !== undefined);
          const name = MONTHS[m - 1] as string;
          for (const text of [
            `${y}/${m}/${d}`,
            `${name} ${d}, ${y}`,
            `${d} ${name} ${y}`,
            `${y}-${m}-${d}`,
          ]) {
            expect(one(text).iso, text).toBe(iso);
          }
        },
      ),
    );
  });
});
