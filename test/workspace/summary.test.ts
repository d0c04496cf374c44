import { describe, expect, it } from 'vitest';
import { type SpecSummary, summaryFromRow, summaryRow } from '../../src/workspace/summary.js';

describe('summary rows (the cache form)', () => {
  it('give back the summary they were made from', () => {
    const summaries: SpecSummary[] = [
      {
        path: 'specs/active/a/prd.md',
        kind: 'feature',
        title: 'Feature: A',
        status: { raw: 'In Progress', state: 'in-progress', unset: false, source: 'field' },
        progress: { checked: 3, total: 7 },
        placeholders: 2,
      },
      {
        path: 'specs/b.md',
        kind: 'unknown',
        title: null,
        status: { raw: 'Draft | Done', state: null, unset: true, source: 'front-matter' },
        progress: { checked: 0, total: 0 },
        placeholders: 0,
      },
      {
        path: 'c.md',
        kind: 'spec',
        title: 'C',
        status: null,
        progress: { checked: 1, total: 1 },
        placeholders: 9,
      },
    ];
    for (const s of summaries) {
      const row = JSON.parse(JSON.stringify(summaryRow(s)));
      expect(summaryFromRow(s.path, row)).toEqual(s);
    }
  });
});
