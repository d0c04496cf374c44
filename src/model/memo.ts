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
      cache.set(s, v);
    }
    return v as T;
  };
}
