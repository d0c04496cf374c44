import { findMojibake } from '../model/mojibake.js';
import type { Finding, Rule } from './types.js';

const ENCODING_NAME = { 'windows-1252': 'Windows-1252', 'mac-roman': 'Mac Roman' } as const;

/**
 * UTF-8 text that was once decoded as Windows-1252 or Mac Roman and saved again (`âœ…` for ✅,
 * `‚öôÔ∏è` for ⚙️). Detection and repair are src/model/mojibake.ts; this rule turns each run of
 * damage into one finding with one safe edit.
 */
export const rule: Rule = {
  meta: {
    id: 'mojibake',
    description:
      'UTF-8 text that was mis-decoded as Windows-1252 or Mac Roman and saved again (`âœ…` for ✅).',
    rationale:
      'Mis-decoded emoji and punctuation make status values, headings and checklists unreadable and ' +
      'unmatchable (`ðŸš§ In Progress` is not a status any tool or reader recognises).',
    severity: 'warning',
    fixable: true,
    tags: ['encoding'],
    messages: {
      mojibake: '"{original}" is mis-decoded UTF-8 (read as {encoding}); it should read "{repaired}"',
    },
  },
  check(doc) {
    // The parser already ran the detector: only a document it found damage in is scanned again.
    if (!doc.problems.some((p) => p.ruleId === 'mojibake')) return [];
    return findMojibake(doc.text).map(
      (run): Finding => ({
        messageId: 'mojibake',
        data: {
          original: visible(run.original),
          repaired: visible(run.repaired),
          encoding: ENCODING_NAME[run.encoding],
        },
        range: { start: doc.posAt(run.start), end: doc.posAt(run.end) },
        fix: {
          safe: true,
          description: `replace "${visible(run.original)}" with "${visible(run.repaired)}"`,
          edits: [{ start: run.start, end: run.end, text: run.repaired }],
        },
      }),
    );
  },
};

/** Control characters (the C1 bytes Windows-1252 leaves undefined) shown as escapes, not as nothing. */
function visible(s: string): string {
  return s.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
