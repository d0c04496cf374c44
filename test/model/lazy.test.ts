/** Lazily built properties: they read, serialize and compare like plain ones. */
import { describe, expect, it } from 'vitest';
import { withComputed, withLazy } from '../../src/model/lazy.js';

describe('withLazy', () => {
  it('builds a property once, on first read, and keeps it', () => {
    let builds = 0;
    const o = withLazy({ a: 1 }, { b: () => ++builds });
    expect(builds).toBe(0);
    expect(o.b).toBe(1);
    expect(o.b).toBe(1);
    expect(builds).toBe(1);
  });

  it('is enumerable, serializes and compares like a plain object', () => {
    const o = withLazy({ a: 1 }, { b: () => [2] });
    expect(Object.keys(o)).toEqual(['a', 'b']);
    expect(JSON.stringify(o)).toBe('{"a":1,"b":[2]}');
    expect(o).toEqual({ a: 1, b: [2] });
    expect({ ...withLazy({ a: 1 }, { b: () => 3 }) }).toEqual({ a: 1, b: 3 });
  });

  it('keeps objects apart: each reads its own builder', () => {
    const made = [1, 2, 3].map((n) => withLazy({ n }, { double: () => n * 2 }));
    expect(made.map((o) => o.double)).toEqual([2, 4, 6]);
  });
});

describe('withComputed', () => {
  it('computes on every read and keeps nothing', () => {
    let calls = 0;
    const o = withComputed({ a: 1 }, { list: () => [++calls] });
    expect(o.list).toEqual([1]);
    expect(o.list).toEqual([2]);
    expect(Object.getOwnPropertyDescriptor(o, 'list')?.get).toBeTypeOf('function');
    expect(JSON.stringify(o)).toBe('{"a":1,"list":[3]}');
  });
});
