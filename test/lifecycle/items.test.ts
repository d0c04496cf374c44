/** Naming checklist items the way users do, and ticking them by one character. */
import { describe, expect, it } from 'vitest';
import { checkMark, findItem, findItems, tickEdits } from '../../src/lifecycle/items.js';
import { isRefusal } from '../../src/lifecycle/refusal.js';
import { edit, parse, thrown } from './helpers.js';

const DOC = [
  '# Tasks',
  '',
  '## Phase 1',
  '- [x] 1.1 Create workspace',
  '- [ ] 1.2 Write PRD',
  '  - [ ] Deploy',
  '* [ ] Deploy to staging',
  '+ [ ] **Task 2.1**: Research',
  '1. [ ] T1.2 ordered item',
  '',
  '## Acceptance Criteria',
  '- [ ] **AC4**: All unit tests pass',
  '- [ ] Verify AC5 holds',
  '- [ ] Unit tests run in CI',
  '',
].join('\n');

describe('findItems', () => {
  const doc = parse(DOC);
  it('finds numbered ids, ignoring case and a "Task" prefix', () => {
    expect(findItem(doc, '1.2').text).toBe('1.2 Write PRD');
    expect(findItem(doc, 'AC4').text).toBe('**AC4**: All unit tests pass');
    expect(findItem(doc, 'ac4').text).toBe('**AC4**: All unit tests pass');
    expect(findItem(doc, '2.1').text).toBe('**Task 2.1**: Research');
    expect(findItem(doc, 'Task 2.1').text).toBe('**Task 2.1**: Research');
    expect(findItem(doc, 'T1.2').text).toBe('T1.2 ordered item');
  });

  it('falls back to a whole-word match for an id the item does not start with', () => {
    expect(findItem(doc, 'AC5').text).toBe('Verify AC5 holds');
    expect(findItems(doc, 'AC6')).toEqual([]);
  });

  it('prefers an item whose whole text matches over items that contain the text', () => {
    expect(findItem(doc, 'deploy').markRange.start.line).toBe(6);
    expect(findItem(doc, 'Deploy to staging').markRange.start.line).toBe(7);
  });

  it('matches text ignoring markup and spacing', () => {
    expect(findItem(doc, 'all  unit tests pass').markRange.start.line).toBe(12);
    expect(findItem(doc, '**Task 2.1**: research').markRange.start.line).toBe(8);
  });

  it('names an item by its line', () => {
    expect(findItem(doc, 'line:13').text).toBe('Verify AC5 holds');
    expect(findItems(doc, 'line:2')).toEqual([]);
  });

  it('refuses an ambiguous query, listing every candidate with its line', () => {
    const err = thrown(() => findItem(doc, 'unit tests'));
    expect(isRefusal(err) && err.code).toBe('ambiguous');
    if (!isRefusal(err)) return;
    expect(err.reasons.map((r) => r.line)).toEqual([12, 14]);
    expect(err.format()).toBe(
      [
        'specs/doc.md: "unit tests" matches 2 items; name one by its id, more of its text, or line:N',
        '  specs/doc.md:12: [ ] **AC4**: All unit tests pass',
        '  specs/doc.md:14: [ ] Unit tests run in CI',
      ].join('\n'),
    );
  });

  it('says how to name an item when nothing matches', () => {
    const err = thrown(() => findItem(doc, 'nothing like this'));
    expect(isRefusal(err) && err.code).toBe('not-found');
    expect((err as Error).message).toMatch(
      /no checklist item matches "nothing like this" \(9 items; .*line:N\)/,
    );
  });
});

describe('tickEdits', () => {
  it('changes exactly the character between the brackets, whatever the list marker', () => {
    const doc = parse(DOC);
    for (const q of ['1.2', 'Deploy', 'Deploy to staging', '2.1', 'T1.2', 'AC4']) {
      const edits = tickEdits(doc, q);
      expect(edits).toHaveLength(1);
      const e = edits[0] as { start: number; end: number; text: string };
      expect(e.end - e.start).toBe(1);
      expect(doc.text.slice(e.start - 1, e.end + 1)).toBe('[ ]');
      const after = edit(doc, edits);
      expect(after.text.length).toBe(doc.text.length);
      expect(after.doc.checklist.filter((c) => c.checked).length).toBe(2);
      expect(findItem(after.doc, q).checked).toBe(true);
    }
  });

  it('unticks with undo, and does nothing when the box already is as asked', () => {
    const doc = parse(DOC);
    expect(edit(doc, tickEdits(doc, '1.1', { undo: true })).text).toContain('- [ ] 1.1 Create workspace');
    expect(tickEdits(doc, '1.1')).toEqual([]);
    expect(tickEdits(doc, '1.2', { undo: true })).toEqual([]);
  });

  it('ticks with a capital X in documents that do', () => {
    const doc = parse('- [X] a\n- [X] b\n- [x] c\n- [ ] d\n');
    expect(checkMark(doc)).toBe('X');
    expect(edit(doc, tickEdits(doc, 'd')).text).toBe('- [X] a\n- [X] b\n- [x] c\n- [X] d\n');
    expect(checkMark(parse('- [ ] only open\n'))).toBe('x');
  });

  it('leaves CRLF, trailing spaces and emoji on the line alone', () => {
    const doc = parse('- [ ] 🚀 ship it  \r\n- [ ] other\r\n');
    expect(edit(doc, tickEdits(doc, 'ship it')).text).toBe('- [x] 🚀 ship it  \r\n- [ ] other\r\n');
  });
});
