/** Changelog entries in the format the document already uses. */
import { describe, expect, it } from 'vitest';
import { isSpecwrightError } from '../../src/errors.js';
import { changelogEdits } from '../../src/lifecycle/changelog.js';
import { builtin, edit, parse } from './helpers.js';

const add = (text: string, date: string, message: string, template?: Awaited<ReturnType<typeof builtin>>) => {
  const doc = parse(text);
  return edit(doc, changelogEdits(doc, template, date, message)).text;
};

describe('changelogEdits', () => {
  it('replaces the template’s YYYY-MM-DD examples with the first real entry', async () => {
    const text =
      '# S\n\n## Changelog\n\n### YYYY-MM-DD\n- Initial spec created\n\n### YYYY-MM-DD\n- Updated\n';
    expect(add(text, '2026-03-01', 'Started', await builtin('spec'))).toBe(
      '# S\n\n## Changelog\n\n### 2026-03-01\n- Started\n',
    );
  });

  it('adds a bullet under an existing heading for the same date', () => {
    const text = '# S\n\n## Changelog\n\n### 2026-03-01\n* Started\n\n---\n';
    expect(add(text, '2026-03-01', 'Reviewed')).toBe(
      '# S\n\n## Changelog\n\n### 2026-03-01\n* Started\n* Reviewed\n\n---\n',
    );
  });

  it('appends a dated heading after the last entry, before a trailing rule and the next section', () => {
    const text = '## Changelog\n\n### 2026-01-01\n- One\n\n### 2026-02-01\n- Two\n\n---\n\n## Appendix\n';
    expect(add(text, '2026-03-01', 'Three')).toBe(
      '## Changelog\n\n### 2026-01-01\n- One\n\n### 2026-02-01\n- Two\n\n### 2026-03-01\n- Three\n\n---\n\n## Appendix\n',
    );
  });

  it('puts the entry on top when the entries run newest first', () => {
    const text = '## History\n\n### 2026-02-01\n- Two\n\n### 2026-01-01\n- One\n';
    expect(add(text, '2026-03-01', 'Three')).toBe(
      '## History\n\n### 2026-03-01\n- Three\n\n### 2026-02-01\n- Two\n\n### 2026-01-01\n- One\n',
    );
  });

  it('copies the shape of dated bullets', () => {
    expect(add('## Changelog\n\n- 2026-01-01: One\n- 2026-02-01: Two\n', '2026-03-01', 'Three')).toBe(
      '## Changelog\n\n- 2026-01-01: One\n- 2026-02-01: Two\n- 2026-03-01: Three\n',
    );
    expect(
      add('## Changelog\n\n* **2026-02-01** — Two\n* **2026-01-01** — One\n', '2026-03-01', 'Three'),
    ).toBe('## Changelog\n\n* **2026-03-01** — Three\n* **2026-02-01** — Two\n* **2026-01-01** — One\n');
    expect(add('## Changelog\n\n- YYYY-MM-DD: Example\n', '2026-03-01', 'Real')).toBe(
      '## Changelog\n\n- 2026-03-01: Real\n',
    );
  });

  it('adds a row to a table with a Date column, escaping pipes', () => {
    const text =
      '## Changelog\n\n| Date | Change | Author |\n|---|---|---|\n| 2026-01-01 | One | ada |\n\nAfter.\n';
    expect(add(text, '2026-03-01', 'a | b')).toBe(
      '## Changelog\n\n| Date | Change | Author |\n|---|---|---|\n| 2026-01-01 | One | ada |\n| 2026-03-01 | a \\| b |  |\n\nAfter.\n',
    );
  });

  it('writes a dated heading one level down in an empty or free-form section', () => {
    expect(add('## Changelog\n', '2026-03-01', 'Started')).toBe(
      '## Changelog\n\n### 2026-03-01\n- Started\n',
    );
    expect(add('# T\n\n## Changelog\n\nSee git.\n\n## Next\n', '2026-03-01', 'x')).toBe(
      '# T\n\n## Changelog\n\nSee git.\n\n### 2026-03-01\n- x\n\n## Next\n',
    );
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    expect(add('## Changelog\r\n\r\n### 2026-01-01\r\n- One', '2026-03-01', 'Two')).toBe(
      '## Changelog\r\n\r\n### 2026-01-01\r\n- One\r\n\r\n### 2026-03-01\r\n- Two',
    );
  });

  it('creates the section for a kind that keeps one, after a rule when the document separates sections so', async () => {
    const spec = await builtin('spec');
    expect(add('# S\n\n---\n\n## A\n\nx\n\n---\n\n## B\n\ny\n', '2026-03-01', 'Started', spec)).toBe(
      '# S\n\n---\n\n## A\n\nx\n\n---\n\n## B\n\ny\n\n---\n\n## Changelog\n\n### 2026-03-01\n- Started\n',
    );
    expect(add('# S\n\n## A\n\nx', '2026-03-01', 'Started', spec)).toBe(
      '# S\n\n## A\n\nx\n\n## Changelog\n\n### 2026-03-01\n- Started',
    );
  });

  it('refuses a kind that keeps no changelog unless asked to create one', async () => {
    const prd = await builtin('prd');
    const doc = parse('# PRD: X\n\n## Overview\n');
    try {
      changelogEdits(doc, prd, '2026-03-01', 'x');
      throw new Error('expected a throw');
    } catch (err) {
      expect(isSpecwrightError(err) && err.code).toBe('no-changelog');
      expect((err as Error).message).toMatch(/kind prd keeps none/);
    }
    expect(edit(doc, changelogEdits(doc, prd, '2026-03-01', 'x', { create: true })).text).toBe(
      '# PRD: X\n\n## Overview\n\n## Changelog\n\n### 2026-03-01\n- x\n',
    );
    // A document that has the section anyway gets the entry.
    expect(add('# PRD: X\n\n## Changelog\n', '2026-03-01', 'x', prd)).toBe(
      '# PRD: X\n\n## Changelog\n\n### 2026-03-01\n- x\n',
    );
  });

  it.each([
    ['03/01/2026', 'x', /not a date/],
    ['2026-13-01', 'x', /not a date/],
    ['2026-03-01', '', /one non-empty line/],
    ['2026-03-01', 'a\nb', /one non-empty line/],
  ])('refuses date %j with message %j', (date, message, error) => {
    const doc = parse('## Changelog\n');
    expect(() => changelogEdits(doc, undefined, date, message)).toThrow(error);
  });
});
