/**
 * Memoize a pure string function. Spec documents repeat the same headings,
 * field keys and status values across thousands of files, so a small cache
 * turns regex-heavy normalisation into a map lookup. Bounded: cleared when full.
 */
export function memoString<T>(fn: (s: string) => T, max = 20_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string): T => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      if (cache.size >= max) cache.clear();
      v = fn(s);
      if (typeof v === 'string') v = detach(v) as T;
      cache.set(detach(s), v);
    }
    return v as T;
  };
}

/**
 * A copy of `s` that does not keep a larger string alive. V8 represents a slice as a
 * view into its parent, so caching a heading sliced from a document would otherwise pin
 * the whole document's text for as long as the cache lives (measured: 114 MB after 10,000 specs).
 */
export function detach(s: string): string {
  return ` ${s}`.slice(1);
}
