import { createHash } from 'node:crypto';
import { SpecwrightError } from '../errors.js';
import type { Edit } from '../model/types.js';

/**
 * Apply byte-range replacements to the original text. Nothing outside the
 * edited ranges changes: the text is never re-serialized. Edits may come in any
 * order; overlapping edits are a bug in the caller and throw.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.end < e.start || e.end > text.length)
      throw new Error(`overlapping or out-of-range edit [${e.start}, ${e.end}) at ${at}`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Drop edits that overlap an earlier one (first wins): for applying many independent fixes at once. */
export function nonOverlapping(edits: readonly Edit[][]): { kept: Edit[][]; skipped: number } {
  const taken: Array<[number, number]> = [];
  const kept: Edit[][] = [];
  let skipped = 0;
  for (const group of edits) {
    const clash = group.some((e) =>
      taken.some(([s, t]) => (e.start < t && s < e.end) || (e.start === e.end && e.start === s && s === t)),
    );
    if (clash) {
      skipped++;
      continue;
    }
    for (const e of group) taken.push([e.start, e.end]);
    kept.push(group);
  }
  return { kept, skipped };
}

/** The hash an edit was computed from, so that a write can refuse a file that changed since it was read. */
export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Throw (nothing written) when the file on disk is no longer the one the edit was computed from. */
export function assertUnchanged(path: string, expectedHash: string, current: Uint8Array): void {
  if (contentHash(current) !== expectedHash)
    throw new SpecwrightError(
      'changed on disk since it was read; nothing written, run again',
      path,
      undefined,
      'conflict',
    );
}
