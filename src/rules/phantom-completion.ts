import type { Reference, SpecDocument } from '../model/types.js';
import type { Finding, Rule } from './types.js';
import {
  type FileClaim,
  inFilesSection,
  keywordLines,
  mentionsRemoval,
  verbClaims,
} from './util/file-claims.js';
import { isDone, isPatternOrPlaceholder, isRepoPath, repoPathExists } from './util/repo-paths.js';
import type { TextLine } from './util/text-lines.js';

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
    // A claim names a path: in backticks (a path reference) or after an upper-case keyword. Only
    // the lines holding one of those are looked at.
    const paths = pathsByLine(doc);
    const keywords = keywordLines(doc.text).filter((at) => !inCode(doc, at));
    if (paths.size === 0 && keywords.length === 0) return [];
    const done = isDone(doc);
    const items = new Map<number, boolean>();
    for (const item of doc.checklist) items.set(item.lineRange.start.offset, item.checked);

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

    const starts = new Set([...paths.keys(), ...keywords]);
    for (const start of [...starts].sort((a, b) => a - b)) {
      const isTicked = items.get(start) === true;
      if (!isTicked && !done) continue;
      const line = lineAt(doc, start);
      if (isTicked || items.has(start) || LIST_ITEM.test(line.text)) {
        for (const claim of verbClaims(line)) report(claim, isTicked);
      }
      // Under "Files to Create/Modify" every named path is a claim: items, and in a done document
      // also the prose lines ("**New files:** `a`, `b`").
      const named = paths.get(start);
      if (named && inFilesSection(doc, start) && !mentionsRemoval(line.text)) {
        for (const ref of named) {
          const at = ref.range.start.offset + ref.text.indexOf(ref.target);
          report({ path: ref.target, start: at, end: at + ref.target.length }, isTicked);
        }
      }
    }
    return findings.sort((a, b) => a.range.start.offset - b.range.start.offset);
  },
};

function inCode(doc: SpecDocument, at: number): boolean {
  if (doc.frontMatter && at < doc.frontMatter.range.end.offset) return true;
  return doc.code.some((c) => at >= c.range.start.offset && at < c.range.end.offset);
}

/** Backticked path references by the start offset of their line. */
function pathsByLine(doc: SpecDocument): Map<number, Reference[]> {
  const map = new Map<number, Reference[]>();
  for (const ref of doc.references) {
    if (ref.kind !== 'path') continue;
    const at = ref.range.start.offset - (ref.range.start.column - 1);
    const list = map.get(at);
    if (list) list.push(ref);
    else map.set(at, [ref]);
  }
  return map;
}

function lineAt(doc: SpecDocument, start: number): TextLine {
  const nl = doc.text.indexOf('\n', start);
  let end = nl === -1 ? doc.text.length : nl;
  if (end > start && doc.text.charCodeAt(end - 1) === 13) end--;
  return { start, end, text: doc.text.slice(start, end) };
}
