/**
 * Tasks written as implementation-task issues (the `task` kind): one document,
 * one task. Dependencies come from "Must be completed first" / "Blocks" lists
 * (`- [ ] #4`), a Dependencies section's bare list (`- FLOW-003`), and front
 * matter (`depends_on: [bundle:T1.1]`, `blocks: [12]`).
 */
import { posix } from 'node:path';
import type { ChecklistItem, Section, SpecDocument } from '../model/types.js';
import {
  DONE_STATES,
  fieldValue,
  frontMatterValue,
  listOf,
  parsePriority,
  phaseNumberOf,
  progressOf,
} from './doc-facts.js';
import { isStandaloneId, qualifyRef } from './ids.js';
import { parseIssueUrl } from './issue-link.js';
import { localNumberOf, recordedNumber } from './number.js';
import type { Dependency, DoneDecision, IssueLink, Task } from './types.js';

const DEPENDS_TITLE =
  /^(?:dependencies|depends on|must (?:be )?complete(?:d)? first|blocked by|blocking this task|prerequisites|requires|follows)\b/i;
const BLOCKS_TITLE = /^(?:blocks|leads to|unblocks|blocking)\b/i;
/** A bare list item naming a task: `- FLOW-003`, `- bundle:T1.1 (...)`, `- [ ] T1.2`. */
const BARE_ITEM = /^[ \t]*[-*+][ \t]+(?:\[[ xX]\][ \t]+)?(?:\*\*)?([A-Z][A-Z0-9]*-\d+|[\w.-]+:[\w.-]+)\b/;

export interface IssueTaskInput {
  doc: SpecDocument;
  /** The document's own slug (its file name without .md). */
  slug: string;
  /** The spec the task belongs to, when one can be told. */
  owner?: string;
}

/** What a task document says about the spec it belongs to; the loader decides once it knows every spec. */
export interface OwnerHints {
  /** Front matter or metadata `spec` / `feature` / `epic` / `parent`. */
  named?: string;
  /** The `<spec>:` prefix of its own id. */
  idPrefix?: string;
  /** For `<dir>/<slug>/tasks/x.md`: the folder that would own the tasks folder. */
  folder?: { slug: string; dir: string };
  labels: string[];
  /** Relative links, resolved against the document's folder. */
  links: string[];
}

/** A task document read without knowing its spec yet: everything but the spec-qualified names. */
export interface IssueDraft {
  task: Task;
  slug: string;
  ownId?: string;
  hints: OwnerHints;
}

/** The document's own id (`FLOW-004`, `cli_import_performance_20261008:T1.2`), if it states one. */
export function ownIdOf(doc: SpecDocument): string | undefined {
  const id = fieldValue(doc, 'id');
  return id?.trim() || undefined;
}

export function issueTask({ doc, slug, owner }: IssueTaskInput): Task {
  return assignOwner(issueDraft(doc, slug), owner);
}

/** Read a task document; names that need the spec are provisional until assignOwner. */
export function issueDraft(doc: SpecDocument, slug: string): IssueDraft {
  // The recorded number of a pushed issue is an alias, never the id: ids must not change on push.
  const fm = doc.frontMatter?.value;
  const number = localNumberOf(doc);
  const ownId = ownIdOf(doc);
  const prefix = ownId?.includes(':') ? ownId.slice(0, ownId.indexOf(':')) : undefined;
  const spec = prefix ?? slug;
  const labels = listOf(frontMatterValue(doc, 'labels') ?? fieldValue(doc, 'labels'));
  const assignees = listOf(frontMatterValue(doc, 'assignees', 'assignee') ?? fieldValue(doc, 'assignees'));
  const priority =
    parsePriority(fieldValue(doc, 'priority')) ??
    labels.map((l) => (/^(?:priority|prio|p)\b/i.test(l) ? parsePriority(l) : undefined)).find(Boolean);
  const phaseText = fieldValue(doc, 'phase', 'milestone');
  const phaseNumber = phaseText ? phaseNumberOf(phaseText) : undefined;

  const { deps, blocks } = dependenciesOf(doc, spec);
  const own = ownChecklist(doc);
  const status = doc.status && !doc.status.unset ? doc.status : undefined;

  const task: Task = {
    id: '',
    key: '',
    spec,
    title: doc.title?.value ?? slug,
    source: 'issue',
    idSource: number !== undefined ? 'number' : ownId ? 'front-matter' : 'file',
    file: doc.path,
    line: doc.title?.range.start.line ?? 1,
    labels,
    assignees,
    progress: progressOf(own),
    deps,
    blocks,
    doneOwn: issueDone(doc, own),
    statusBlocked: status?.state === 'blocked',
    inProgress: status?.state === 'in-progress',
    steps: [],
    subitems: [],
    alsoAt: [],
  };
  if (number !== undefined) task.number = number;
  if (status) task.status = status.raw;
  if (priority) {
    task.priority = priority.rank;
    task.priorityLabel = priority.label;
  }
  if (phaseNumber !== undefined)
    task.phase = { key: '', number: phaseNumber, title: phaseText as string, line: task.line };
  const issue = recordedIssue(doc);
  if (issue) task.issue = issue;
  const recorded = fm ? recordedNumber(fm) : undefined;
  if (recorded !== undefined) task.aliases = [`#${recorded}`];

  const parts = doc.path.split('/');
  const hints: OwnerHints = { labels, links: [] };
  const named = fieldValue(doc, 'spec', 'feature', 'epic', 'parent')?.trim();
  if (named) hints.named = named;
  if (prefix) hints.idPrefix = prefix;
  if (parts.length >= 3 && /^(?:tasks|issues|tickets)$/i.test(parts[parts.length - 2] as string))
    hints.folder = { slug: parts[parts.length - 3] as string, dir: parts.slice(0, -2).join('/') };
  const here = posix.dirname(doc.path);
  for (const ref of doc.references) {
    if (ref.kind !== 'link' || /^[a-z]+:/i.test(ref.target)) continue;
    hints.links.push(posix.normalize(posix.join(here, ref.target.split('#')[0] as string)));
  }
  const draft: IssueDraft = { task, slug, hints };
  if (ownId) draft.ownId = ownId;
  return assignNames(draft, spec);
}

/** Settle the spec a task document belongs to, and the names that depend on it. */
export function assignOwner(draft: IssueDraft, owner: string | undefined): Task {
  if (owner && owner !== draft.task.spec) assignNames(draft, owner);
  return draft.task;
}

function assignNames(draft: IssueDraft, spec: string): IssueDraft {
  const { task, slug, ownId } = draft;
  const previous = task.spec;
  task.spec = spec;
  if (task.number !== undefined) task.id = `#${task.number}`;
  else if (ownId) task.id = isStandaloneId(ownId) ? ownId : `${spec}:${ownId}`;
  else task.id = spec === slug ? slug : `${spec}:${slug}`;
  task.key = task.id.includes(':') ? task.id : `${spec}:${task.id}`;
  if (task.phase) task.phase.key = `${spec}:phase-${task.phase.number}`;
  if (task.aliases) task.aliases = task.aliases.filter((a) => a !== task.id);
  // Ids written without a spec (`T1.1`) belong to the task's own spec.
  for (const d of [...task.deps, ...task.blocks])
    if (d.written !== undefined && d.target === `${previous}:${d.written}`)
      d.target = qualifyRef(d.written, spec);
  return draft;
}

/** What `push issues` recorded in the front matter, if anything. */
export function recordedIssue(doc: SpecDocument): IssueLink | undefined {
  const fm = doc.frontMatter?.value;
  if (!fm) return undefined;
  const url = typeof fm.url === 'string' && parseIssueUrl(fm.url) ? fm.url : undefined;
  const number = recordedNumber(fm);
  if (!url || number === undefined) return undefined;
  const link: IssueLink = { number, url };
  if (fm.closed_at || fm.closed === true) link.closed = true;
  return link;
}

const STATUS_RULE = {
  'front-matter': 'front-matter',
  field: 'status-line',
  heading: 'status-line',
  folder: 'folder',
} as const;

/**
 * A task is done when its own status says so; when it states none, when every
 * item of its Definition of Done (lacking one, of all its checklists) is ticked.
 */
export function issueDone(doc: SpecDocument, own = ownChecklist(doc)): DoneDecision {
  const file = doc.path;
  const st = doc.status;
  if (st && !st.unset && st.state !== null) {
    return {
      done: DONE_STATES.has(st.state),
      rule: STATUS_RULE[st.source],
      detail: st.source === 'folder' ? `in a ${st.raw} folder` : `status: ${st.raw}`,
      file,
      line: st.source === 'folder' ? 1 : st.range.start.line,
    };
  }
  const closedAt = frontMatterValue(doc, 'closed_at', 'closed');
  if (closedAt !== undefined && closedAt !== null && closedAt !== false) {
    return {
      done: true,
      rule: 'github-closed',
      detail: `closed on GitHub${typeof closedAt === 'string' ? ` at ${closedAt}` : ''}`,
      file,
      line: doc.frontMatter?.range.start.line ?? 1,
    };
  }
  const dod = own.filter((c) => c.sectionPath.some((s) => /definition of done/i.test(s)));
  if (dod.length) {
    const p = progressOf(dod);
    return {
      done: p.checked === p.total,
      rule: 'definition-of-done',
      detail: `${p.checked} of ${p.total} ticked in Definition of Done`,
      file,
      line: (dod[0] as (typeof dod)[number]).markRange.start.line,
    };
  }
  if (own.length) {
    const p = progressOf(own);
    return {
      done: p.checked === p.total,
      rule: 'checklists',
      detail: `${p.checked} of ${p.total} checklist items ticked`,
      file,
      line: (own[0] as ChecklistItem).markRange.start.line,
    };
  }
  return { done: false, rule: 'none', detail: 'no status and no checklist', file, line: 1 };
}

/** The task's own checklist: the boxes of its dependency lists are about other tasks. */
export function ownChecklist(doc: SpecDocument): ChecklistItem[] {
  const depLines = new Set(
    doc.references
      .filter((r) => r.kind === 'issue' && r.relation && r.checked !== undefined)
      .map((r) => r.range.start.line),
  );
  return doc.checklist.filter(
    (c) =>
      !depLines.has(c.markRange.start.line) &&
      !c.sectionPath.some((s) => DEPENDS_TITLE.test(s) || BLOCKS_TITLE.test(s)),
  );
}

function dependenciesOf(doc: SpecDocument, spec: string): { deps: Dependency[]; blocks: Dependency[] } {
  const deps: Dependency[] = [];
  const blocks: Dependency[] = [];
  const file = doc.path;
  const depSections = flatten(doc.sections)
    .map((s) => ({ s, rel: relationOfTitle(s.plainTitle) }))
    .filter((x): x is { s: Section; rel: 'depends-on' | 'blocks' } => x.rel !== undefined);
  const sectionRelation = (offset: number) =>
    depSections
      .filter(({ s }) => s.range.start.offset <= offset && offset < s.range.end.offset)
      .sort((a, b) => b.s.level - a.s.level)[0]?.rel;

  for (const ref of doc.references) {
    if (ref.kind !== 'issue') continue;
    let rel = ref.relation;
    // `- #2` straight under a Dependencies heading, with no label in between.
    if (!rel && ref.checked === undefined && startsListItem(doc.text, ref.range.start.offset))
      rel = sectionRelation(ref.range.start.offset);
    if (!rel) continue;
    const dep: Dependency = {
      target: `#${Number(ref.target)}`,
      via: rel,
      inferred: false,
      file,
      line: ref.range.start.line,
    };
    if (ref.checked !== undefined) dep.checked = ref.checked;
    (rel === 'blocks' ? blocks : deps).push(dep);
  }

  // Bare ids in a Dependencies section: `- FLOW-003`, `- bundle:T1.1`.
  for (const { s, rel } of depSections) {
    const body = doc.text.slice(s.headingRange.end.offset, s.range.end.offset);
    let at = s.headingRange.end.offset;
    for (const line of body.split('\n')) {
      const m = BARE_ITEM.exec(line);
      if (m && !inChildDepSection(depSections, s, at)) {
        const dep: Dependency = {
          target: qualifyRef(m[1] as string, spec),
          via: rel,
          inferred: false,
          file,
          line: doc.posAt(at).line,
          written: m[1] as string,
        };
        const box = /\[([ xX])\]/.exec(line.slice(0, m.index + m[0].length));
        if (box) dep.checked = box[1] !== ' ';
        (rel === 'blocks' ? blocks : deps).push(dep);
      }
      at += line.length + 1;
    }
  }

  // Front matter lists.
  const fmLine = (key: string) => {
    const range = doc.frontMatter?.range;
    if (!range) return 1;
    const block = doc.text.slice(range.start.offset, range.end.offset);
    const at = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'm').exec(block);
    return at ? doc.posAt(range.start.offset + at.index).line : range.start.line;
  };
  const fm = doc.frontMatter?.value ?? {};
  for (const [key, value] of Object.entries(fm)) {
    const k = key.toLowerCase().replace(/[\s-]+/g, '_');
    const rel =
      k === 'depends_on' || k === 'blocked_by' || k === 'dependencies' || k === 'requires'
        ? 'depends-on'
        : k === 'blocks'
          ? 'blocks'
          : undefined;
    if (!rel) continue;
    for (const v of listOf(value)) {
      if (!v || /^none$/i.test(v)) continue;
      (rel === 'blocks' ? blocks : deps).push({
        target: qualifyRef(v, spec),
        via: rel,
        inferred: false,
        file,
        line: fmLine(key),
        written: v,
      });
    }
  }
  return { deps: dedupe(deps), blocks: dedupe(blocks) };
}

function relationOfTitle(title: string): 'depends-on' | 'blocks' | undefined {
  const t = title.replace(/^[^\p{L}]+/u, '');
  if (DEPENDS_TITLE.test(t) || /must complete first|blocked by/i.test(t)) return 'depends-on';
  if (BLOCKS_TITLE.test(t)) return 'blocks';
  return undefined;
}

function inChildDepSection(
  all: Array<{ s: Section; rel: string }>,
  parent: Section,
  offset: number,
): boolean {
  return all.some(
    ({ s }) =>
      s !== parent && s.level > parent.level && s.range.start.offset <= offset && offset < s.range.end.offset,
  );
}

function flatten(sections: Section[], out: Section[] = []): Section[] {
  for (const s of sections) {
    out.push(s);
    flatten(s.children, out);
  }
  return out;
}

/** Whether only a list marker (and an optional task box) precedes `offset` on its line. */
function startsListItem(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(?:\*\*)?$/.test(text.slice(lineStart, offset));
}

function dedupe(list: Dependency[]): Dependency[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    if (seen.has(d.target)) return false;
    seen.add(d.target);
    return true;
  });
}
