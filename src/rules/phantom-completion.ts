import type { Finding, Rule } from './types.js';
import { type FileClaim, inFilesSection, mentionsRemoval, verbClaims } from './util/file-claims.js';
import { isDone, isPatternOrPlaceholder, isRepoPath, repoPathExists } from './util/repo-paths.js';
import { proseLines, type TextLine } from './util/text-lines.js';

const LIST_ITEM = /^[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])[ \t]/;

/**
 * Work claimed as done for files that are not there: a ticked checklist item, or any item of a
 * done document, that names a file to create or modify (`CREATE src/x.ts`, "Update
 * `src/index.ts`", a backticked path under "Files to Create/Modify") which does not exist in the
 * repository.
 */
export const rule: Rule = {
  meta: {
    id: 'phantom-completion',
    description:
      'A ticked item, or an item of a done document, names a file to create or modify that does not exist.',
    rationale:
      'A box ticked for a file that was never written (or was written somewhere else) makes progress look ' +
      'further along than it is, and sends the next reader, or agent, looking for code that is not there.',
    severity: 'warning',
    fixable: false,
    tags: ['progress', 'paths'],
    messages: {
      ticked: 'the ticked item names {path} as created or modified, but it does not exist',
      done: 'the document is {status}, but {path}, named as a file to create or modify, does not exist',
    },
  },
  check(doc, ctx) {
    const done = isDone(doc);
    const ticked = new Map<number, boolean>();
    for (const item of doc.checklist) ticked.set(item.lineRange.start.offset, item.checked);
    if (!done && !doc.checklist.some((i) => i.checked)) return [];

    const findings: Finding[] = [];
    const seen = new Set<number>();
    const report = (claim: FileClaim, isTicked: boolean) => {
      if (seen.has(claim.start)) return;
      seen.add(claim.start);
      if (!isRepoPath(claim.path, true) || isPatternOrPlaceholder(claim.path)) return;
      if (repoPathExists(ctx, claim.path)) return;
      findings.push({
        messageId: isTicked ? 'ticked' : 'done',
        data: isTicked
          ? { path: claim.path }
          : { path: claim.path, status: doc.status?.raw.trim() || 'done' },
        range: { start: doc.posAt(claim.start), end: doc.posAt(claim.end) },
        note: 'Untick the item until the file exists, or correct the path if the file lives elsewhere.',
      });
    };

    for (const line of proseLines(doc)) {
      const isTicked = ticked.get(line.start) === true;
      const isItem = ticked.has(line.start) || LIST_ITEM.test(line.text);
      if (!isTicked && !done) continue;
      if (isTicked || isItem) for (const claim of verbClaims(line)) report(claim, isTicked);
      // Under "Files to Create/Modify" every named path is a claim: items, and in a done document
      // also the prose lines ("**New files:** `a`, `b`").
      if ((isTicked || done) && inFilesSection(doc, line.start) && !mentionsRemoval(line.text)) {
        for (const claim of backtickedPaths(doc, line)) report(claim, isTicked);
      }
    }
    return findings;
  },
};

function backtickedPaths(doc: Parameters<Rule['check']>[0], line: TextLine): FileClaim[] {
  const out: FileClaim[] = [];
  for (const ref of doc.references) {
    if (ref.kind !== 'path') continue;
    const at = ref.range.start.offset;
    if (at < line.start || at > line.end) continue;
    const start = at + ref.text.indexOf(ref.target);
    out.push({ path: ref.target, start, end: start + ref.target.length });
  }
  return out;
}
