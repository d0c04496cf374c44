import { ownedMemo } from '../../model/owned-memo.js';
import type { SpecDocument } from '../../model/types.js';

/**
 * A per-document lookup computed once and shared by every rule that asks (markdownlint's
 * `lib/cache.mjs`): kept on the document (ownedMemo says why not in a WeakMap), so it is dropped
 * with the document.
 */
export function perDocument<T>(compute: (doc: SpecDocument) => T): (doc: SpecDocument) => T {
  return ownedMemo(compute);
}
