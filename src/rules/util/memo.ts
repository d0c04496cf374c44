import type { SpecDocument } from '../../model/types.js';

/**
 * A per-document lookup computed once and shared by every rule that asks (markdownlint's
 * `lib/cache.mjs`): keyed by the document object, so it is dropped with the document.
 */
export function perDocument<T>(compute: (doc: SpecDocument) => T): (doc: SpecDocument) => T {
  const cache = new WeakMap<SpecDocument, T>();
  return (doc) => {
    if (cache.has(doc)) return cache.get(doc) as T;
    const value = compute(doc);
    cache.set(doc, value);
    return value;
  };
}
