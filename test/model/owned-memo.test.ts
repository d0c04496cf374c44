/** Memos kept on their owner: once per owner, invisible to readers of the owner. */
import { describe, expect, it } from 'vitest';
import { ownedMemo } from '../../src/model/owned-memo.js';

describe('ownedMemo', () => {
  it('computes once per owner and keeps owners apart', () => {
    let calls = 0;
    const size = ownedMemo((o: { items: number[] }) => {
      calls++;
      return o.items.length;
    });
    const a = { items: [1, 2] };
    const b = { items: [1] };
    expect([size(a), size(a), size(b), size(b)]).toEqual([2, 2, 1, 1]);
    expect(calls).toBe(2);
  });

  it('leaves no trace a reader of the owner can see', () => {
    const owner = { a: 1 };
    ownedMemo((o: { a: number }) => o.a + 1)(owner);
    expect(Object.keys(owner)).toEqual(['a']);
    expect(JSON.stringify(owner)).toBe('{"a":1}');
    expect(owner).toEqual({ a: 1 });
  });

  it('computes every time for an owner that cannot be extended', () => {
    let calls = 0;
    const memo = ownedMemo((o: object) => ++calls + Object.keys(o).length);
    const frozen = Object.freeze({ a: 1 });
    expect([memo(frozen), memo(frozen)]).toEqual([2, 3]);
  });
});
