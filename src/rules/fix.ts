/**
 * `--fix`: apply the fixes of the diagnostics as byte-range edits on the decoded text (never a
 * re-serialisation), re-lint and repeat until nothing more applies. Fixes that overlap one
 * applied in the same pass wait for the next pass, computed on the new text.
 */
import { createRequire } from 'node:module';
import { applyEdits, nonOverlapping } from '../edit/apply.js';
import type { Edit } from '../model/types.js';
import type { LintDiagnostic } from './types.js';

/** Passes before giving up on fixes that keep producing new fixes (a rule bug, or a ping-pong of two rules). */
export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  /** The text after every applied fix. */
  output: string;
  /** Fixes applied, over all passes. */
  applied: number;
  /** Fixes applied per rule id. */
  byRule: Record<string, number>;
  passes: number;
}

/**
 * Run `lint` on `text`, apply the fixes `wanted` selects, and repeat on the result. Returns what
 * changed and the last lint result, which describes `output`.
 */
export function fixLoop<R extends { diagnostics: readonly LintDiagnostic[] }>(
  text: string,
  lint: (text: string) => R,
  wanted: (d: LintDiagnostic) => boolean,
): { outcome: FixOutcome; last: R } {
  let current = text;
  let last = lint(current);
  const byRule: Record<string, number> = {};
  let applied = 0;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const candidates = last.diagnostics
      .filter((d) => d.fix && wanted(d) && wellFormed(d.fix.edits, current.length))
      .sort((a, b) => firstStart(a) - firstStart(b));
    const owner = new Map<Edit[], string>();
    const groups = candidates.map((d) => {
      const edits = (d.fix as NonNullable<LintDiagnostic['fix']>).edits.slice();
      owner.set(edits, d.ruleId);
      return edits;
    });
    const { kept } = nonOverlapping(groups);
    if (kept.length === 0) break;
    const next = applyEdits(current, kept.flat());
    if (next === current) break;
    for (const g of kept) {
      const rule = owner.get(g) as string;
      byRule[rule] = (byRule[rule] ?? 0) + 1;
    }
    applied += kept.length;
    passes++;
    current = next;
    last = lint(current);
  }
  return { outcome: { output: current, applied, byRule, passes }, last };
}

function firstStart(d: LintDiagnostic): number {
  return Math.min(...(d.fix?.edits.map((e) => e.start) ?? [d.range.start.offset]));
}

/** A fix whose own edits are in range and do not overlap each other (else it is a rule bug: skip it). */
function wellFormed(edits: readonly Edit[], length: number): boolean {
  if (edits.length === 0) return false;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let at = 0;
  for (const e of sorted) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || typeof e.text !== 'string') return false;
    if (e.start < at || e.end < e.start || e.end > length) return false;
    at = e.end;
  }
  return true;
}

/**
 * A unified diff (`--- a/path`, `+++ b/path`) of a file's text before and after fixing; CRs are
 * kept. The diff library is loaded on first use only (a plain check never needs it).
 */
export function unifiedDiff(path: string, before: string, after: string): string {
  const { createTwoFilesPatch } = createRequire(import.meta.url)('diff') as typeof import('diff');
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    context: 3,
  });
  return patch.replace(/^=+\n/, '');
}
