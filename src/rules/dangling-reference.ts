import type { Reference, SpecDocument } from '../model/types.js';
import type { Finding, Rule } from './types.js';
import { inFilesSection, mentionsRemoval, verbClaims } from './util/file-claims.js';
import {
  isDone,
  isExternalTarget,
  isPatternOrPlaceholder,
  isRepoPath,
  linkPath,
  linkTargetExists,
  repoPathExists,
} from './util/repo-paths.js';

type IssueMode = 'auto' | 'always' | 'never';
type PathMode = 'done' | 'always' | 'never';

/** `#12` after these words is a pull request, a commit, a step or a rank, not an issue of the workspace. */
const NOT_AN_ISSUE = new Set(
  (
    'pr prs pull pulls request requests mr mrs commit commits step steps item items no no. number ' +
    'rank top phase version row line page slide'
  ).split(' '),
);
/** Link targets a template leaves for the author to fill in. */
const PLACEHOLDER_TARGET = /^(?:url|link|path|href|todo|tbd|file|target)$/i;
const LOCATION_FIELD = /^(?:[\w-]+-)?locations?$/;

/**
 * References that lead nowhere: `#N` to an issue the workspace does not know, a relative link to
 * a missing file, a backticked repository path that does not exist.
 */
export const rule: Rule = {
  meta: {
    id: 'dangling-reference',
    description:
      'An issue reference (`#N`) no task document or configured issue list knows, or a relative link or ' +
      'backticked repository path to a file that does not exist.',
    rationale:
      'Specs are navigated by their references: a dependency on an issue that does not exist can never be ' +
      'satisfied, and a link or path that leads nowhere sends the reader, or an agent, to look for ' +
      'something that was renamed, moved or never written.',
    severity: 'error',
    fixable: false,
    tags: ['references', 'paths'],
    messages: {
      issue: '#{number} is not an issue this workspace knows',
      dependency: '{relation} #{number}, which is not an issue this workspace knows',
      link: 'link target {target} does not exist',
      path: '{path} does not exist in the repository',
    },
  },
  check(doc, ctx) {
    if (doc.references.length === 0) return [];
    const issueMode = choice<IssueMode>(ctx.options.issues, ['auto', 'always', 'never'], 'auto');
    const pathMode = choice<PathMode>(ctx.options.paths, ['done', 'always', 'never'], 'done');
    const checkPaths = pathMode === 'always' || (pathMode === 'done' && isDone(doc));
    const findings: Finding[] = [];
    const lines = new Map<number, LineFacts>();
    let issuesKnown: boolean | undefined;
    for (const ref of doc.references) {
      if (ref.kind === 'issue') {
        if (issueMode === 'never' || notAnIssue(doc, ref)) continue;
        // With no task documents and no configured issue list, `#N` points at a tracker we cannot see.
        issuesKnown ??= issueMode === 'always' || ctx.issueNumbers.size > 0;
        if (!issuesKnown || ctx.issueNumbers.has(Number(ref.target))) continue;
        findings.push(
          ref.relation
            ? {
                messageId: 'dependency',
                data: { number: ref.target, relation: ref.relation === 'blocks' ? 'blocks' : 'depends on' },
                range: ref.range,
                note: 'Fix the number, add the task document, or list the issue under `issues:` in specwright.config.yaml.',
              }
            : {
                messageId: 'issue',
                data: { number: ref.target },
                range: ref.range,
                note: 'Fix the number, add the task document, or list the issue under `issues:` in specwright.config.yaml.',
              },
        );
      } else if (ref.kind === 'link') {
        const target = ref.target;
        if (isExternalTarget(target) || PLACEHOLDER_TARGET.test(target) || inPlaceholder(doc, ref)) continue;
        const path = linkPath(target);
        if (!path || isPatternOrPlaceholder(path) || linkTargetExists(ctx, path)) continue;
        findings.push({ messageId: 'link', data: { target }, range: ref.range });
      } else if (checkPaths && isRepoPath(ref.target) && !claimedOrHistorical(doc, ref, lines)) {
        if (repoPathExists(ctx, ref.target.replace(/^\.\//, ''))) continue;
        findings.push({ messageId: 'path', data: { path: ref.target }, range: ref.range });
      }
    }
    return findings;
  },
};

function choice<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

function lineOf(doc: SpecDocument, ref: Reference): { start: number; end: number; text: string } {
  const start = ref.range.start.offset - (ref.range.start.column - 1);
  const nl = doc.text.indexOf('\n', start);
  let end = nl === -1 ? doc.text.length : nl;
  if (end > start && doc.text.charCodeAt(end - 1) === 13) end--;
  return { start, end, text: doc.text.slice(start, end) };
}

function notAnIssue(doc: SpecDocument, ref: Reference): boolean {
  // The word before the `#`, found by walking back over spaces and then letters (and a `.`).
  const text = doc.text;
  let end = ref.range.start.offset;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  let start = end;
  while (start > 0 && start > end - 12 && /[A-Za-z.]/.test(text[start - 1] as string)) start--;
  return start < end && NOT_AN_ISSUE.has(text.slice(start, end).toLowerCase());
}

function inPlaceholder(doc: SpecDocument, ref: Reference): boolean {
  const s = ref.range.start.offset;
  const e = ref.range.end.offset;
  return doc.placeholders.some((p) => p.range.start.offset < e && p.range.end.offset > s);
}

interface LineFacts {
  /** The whole line is out of scope: a removal, a Files to Create/Modify section, the Location field. */
  skip: boolean;
  /** Start offsets of the paths the line says are created or modified. */
  claims: number[];
}

/**
 * Paths that are another rule's business or not meant to exist: a file to create or modify
 * (phantom-completion), the Location field (location-missing), a file named as removed or renamed.
 * What holds for a line is worked out once per line.
 */
function claimedOrHistorical(doc: SpecDocument, ref: Reference, lines: Map<number, LineFacts>): boolean {
  const at = ref.range.start.offset;
  const start = at - (ref.range.start.column - 1);
  let facts = lines.get(start);
  if (!facts) {
    const line = lineOf(doc, ref);
    const skip =
      mentionsRemoval(line.text) ||
      inFilesSection(doc, at) ||
      doc.fields.some((f) => LOCATION_FIELD.test(f.name) && f.valueRange.start.line === ref.range.start.line);
    facts = { skip, claims: skip ? [] : verbClaims(line).map((c) => c.start) };
    lines.set(start, facts);
  }
  return facts.skip || facts.claims.some((c) => c >= at && c < ref.range.end.offset);
}
