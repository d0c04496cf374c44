import type { Field } from '../model/types.js';
import type { Finding, Rule } from './types.js';
import { isDone, isPatternOrPlaceholder, isRepoPath, repoPathExists } from './util/repo-paths.js';

const LOCATION_FIELD = /^(?:[\w-]+-)?locations?$/;
const URL = /^[a-z][a-z0-9+.-]+:/i;

/**
 * An Implemented (or Complete) spec whose `Location` field names a path that does not exist in
 * the repository. Paths are taken from backticks when the value has any (`src/a.ts`, `src/b/`),
 * else from its path-like words.
 */
export const rule: Rule = {
  meta: {
    id: 'location-missing',
    description: "An implemented spec's Location field names a path that does not exist in the repository.",
    rationale:
      'Location is where a reader goes from a finished spec to its code; once the code moves or is renamed, ' +
      'the spec points nowhere and its claim to be implemented can no longer be checked.',
    severity: 'error',
    fixable: false,
    tags: ['paths', 'lifecycle'],
    messages: {
      missing: 'Location {path} does not exist in the repository',
    },
  },
  check(doc, ctx) {
    if (!isDone(doc)) return [];
    const findings: Finding[] = [];
    for (const field of doc.fields) {
      if (!LOCATION_FIELD.test(field.name)) continue;
      for (const p of locationPaths(field)) {
        if (repoPathExists(ctx, p.path)) continue;
        findings.push({
          messageId: 'missing',
          data: { path: p.path },
          range: { start: doc.posAt(p.start), end: doc.posAt(p.end) },
          note: 'Point Location at where the code lives now, relative to the repository root.',
        });
      }
    }
    return findings;
  },
};

/** The paths a Location value names, with their offsets in the document. */
function locationPaths(field: Field): Array<{ path: string; start: number; end: number }> {
  const value = field.value;
  const base = field.valueRange.start.offset;
  const out: Array<{ path: string; start: number; end: number }> = [];
  const ticked = [...value.matchAll(/`([^`\n]+)`/g)];
  const words = ticked.length
    ? ticked.map((m) => ({
        text: (m[1] as string).trim(),
        at: (m.index as number) + (m[0] as string).indexOf(m[1] as string),
      }))
    : [...value.matchAll(/[^\s,;()]+/g)].map((m) => ({ text: m[0] as string, at: m.index as number }));
  for (const w of words) {
    // `src/x.ts:42` and `src/x.ts#L42` name a line of the file.
    const path = w.text.replace(/(?:[:#]L?\d+(?:-L?\d+)?)$/, '').replace(/[.,;:]+$/, '');
    if (!path || URL.test(path) || isPatternOrPlaceholder(path)) continue;
    // In backticks a bare name (`read-state.ts`, `src`) is a path; in prose only what has a slash is.
    const named = ticked.length ? isRepoPath(path, true) || /^[\w.-]{2,}$/.test(path) : isRepoPath(path);
    if (!named) continue;
    out.push({ path, start: base + w.at, end: base + w.at + path.length });
  }
  return out;
}
