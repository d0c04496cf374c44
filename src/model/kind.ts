import type { Kind, KindMatch } from './types.js';

export interface KindInput {
  path: string;
  title?: string;
  headings: string[];
  /** The headings joined by newlines, filled in by the first heading clue. */
  headingLines?: string;
  /** The file name, lower case, filled in by the first clue that asks. */
  fileName?: string;
  fieldNames: Set<string>;
  frontMatter?: Record<string, unknown>;
  text: string;
}

interface Clue {
  kind: Kind;
  weight: number;
  why: string;
  test(input: KindInput): boolean;
}

/** A clue in a heading: `re` (with the `m` flag where it anchors) runs once over all headings, a line each. */
const heading = (re: RegExp) => (input: KindInput) => {
  input.headingLines ??= input.headings.join('\n');
  return re.test(input.headingLines);
};
const base = (input: KindInput) => {
  input.fileName ??= input.path
    .slice(Math.max(input.path.lastIndexOf('/'), input.path.lastIndexOf('\\')) + 1)
    .toLowerCase();
  return input.fileName;
};

/** A whole line in bold that opens a dependency list (`**Must be completed first:**`), at a line start. */
const DEPENDENCY_LABEL = /\*\*(?:Must be completed first|Blocked by|Blocks)\b[^\n]*\*\*[ \t]*(?:\r?\n|$)/iy;

/** Whether `sticky` (a `y` pattern) matches where `needle` occurs in `text`: a native search, then one try per hit. */
function holdsAt(text: string, needle: string, sticky: RegExp): boolean {
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    sticky.lastIndex = at;
    if (sticky.test(text)) return true;
  }
  return false;
}

/** Whether a line of `text` is a dependency label. Only lines that start with `**` are tried. */
function hasDependencyLabel(text: string): boolean {
  let at = 0;
  if (!text.startsWith('**')) {
    const newline = text.indexOf('\n**');
    if (newline < 0) return false;
    at = newline + 1;
  }
  for (;;) {
    DEPENDENCY_LABEL.lastIndex = at;
    if (DEPENDENCY_LABEL.test(text)) return true;
    const newline = text.indexOf('\n**', at);
    if (newline < 0) return false;
    at = newline + 1;
  }
}

/**
 * Evidence for each template family; the highest total wins. Weights: 3 decisive, 2 strong, 1 hint.
 * Patterns over the whole text are tried only where a native search finds their fixed part.
 */
const CLUES: Clue[] = [
  {
    kind: 'task',
    weight: 3,
    why: 'front matter has issue-template keys (name, about)',
    test: (i) => !!i.frontMatter && 'about' in i.frontMatter && 'name' in i.frontMatter,
  },
  {
    kind: 'task',
    weight: 2,
    why: 'has a "Must be completed first" / "Blocked by" dependency list',
    test: (i) => hasDependencyLabel(i.text),
  },
  { kind: 'task', weight: 1, why: 'has a Definition of Done', test: heading(/definition of done/i) },
  {
    kind: 'task',
    weight: 2,
    why: 'file is named like an issue (issue-12.md, 012-x.md)',
    // A dated name (2026-08-09-notes.md) is a journal entry, not an issue number.
    test: (i) => /^(?:issue[-_]?\d+|(?!\d{4}-\d{2}-\d{2}\b)\d{1,4}[-_].+|[A-Z]+-\d+)\.md$/i.test(base(i)),
  },
  {
    kind: 'task',
    weight: 1,
    why: 'lives in a tasks/tickets/issues folder',
    test: (i) =>
      /(?:^|\/)(?:tasks|tickets|issues|ISSUES|ISSUE_TEMPLATE)\//.test(i.path) && base(i) !== 'tasks.md',
  },
  { kind: 'prp', weight: 3, why: 'title starts with "PRP"', test: (i) => /^PRP\b/i.test(i.title ?? '') },
  { kind: 'prp', weight: 2, why: 'has Validation Loops', test: heading(/validation loop/i) },
  {
    kind: 'prp',
    weight: 2,
    why: 'has All Needed Context / Implementation Blueprint',
    test: heading(/all needed context|implementation blueprint/i),
  },
  {
    kind: 'prp',
    weight: 1,
    why: 'has a Confidence Score',
    test: (i) => i.fieldNames.has('confidence') || /confidence score/i.test(i.text),
  },
  { kind: 'prp', weight: 1, why: 'lives in a PRPs folder', test: (i) => /(?:^|\/)PRPs?\//i.test(i.path) },
  { kind: 'prd', weight: 3, why: 'title starts with "PRD"', test: (i) => /^PRD\b/i.test(i.title ?? '') },
  { kind: 'prd', weight: 2, why: 'has a **Workspace** field', test: (i) => i.fieldNames.has('workspace') },
  {
    kind: 'prd',
    weight: 1,
    why: 'has AC-numbered acceptance criteria',
    test: (i) => holdsAt(i.text, '**AC', /\*\*AC\d+\*\*/y),
  },
  {
    kind: 'prd',
    weight: 1,
    why: 'has Research Questions for an expert',
    test: heading(/research questions/i),
  },
  {
    kind: 'feature',
    weight: 3,
    why: 'title starts with "Feature:"',
    test: (i) => /^Feature:/i.test(i.title ?? ''),
  },
  {
    kind: 'feature',
    weight: 2,
    why: 'is a workspace file (prd.md, tasks.md, recovery.md in a spec folder)',
    test: (i) => /^(?:prd|tasks|recovery)\.md$/.test(base(i)) && /(?:^|\/)specs?\//i.test(i.path),
  },
  { kind: 'feature', weight: 1, why: 'has numbered implementation phases', test: heading(/^phase \d+/im) },
  {
    kind: 'feature',
    weight: 1,
    why: 'title starts with "Implementation Tasks" or "Recovery"',
    test: (i) => /^(?:Implementation Tasks|Recovery|Session Recovery)\b/i.test(i.title ?? ''),
  },
  {
    kind: 'spec',
    weight: 2,
    why: 'has Implemented / Version / Location fields',
    test: (i) =>
      i.fieldNames.has('implemented') || (i.fieldNames.has('version') && i.fieldNames.has('location')),
  },
  {
    kind: 'spec',
    weight: 2,
    why: 'has FR/NFR requirement ids',
    test: (i) => holdsAt(i.text, '**FR', /\*\*FR-?\d/y) || holdsAt(i.text, '**NFR', /\*\*NFR-?\d/y),
  },
  { kind: 'spec', weight: 1, why: 'has a Changelog', test: heading(/^changelog$/im) },
  {
    kind: 'spec',
    weight: 1,
    why: 'has a **Status:** line with a status emoji',
    test: (i) => holdsAt(i.text, '**Status:**', /\*\*Status:\*\*\s*(?:📋|🚧|✅|🔲|ðŸ)/y),
  },
  { kind: 'spec', weight: 1, why: 'title starts with "Spec"', test: (i) => /^Spec\b/i.test(i.title ?? '') },
  {
    kind: 'spec',
    weight: 1,
    why: 'lives in a specs folder as a single file',
    test: (i) =>
      /(?:^|\/)(?:specs|SPECS)\/(?:implemented\/|not-started\/|in-progress\/)?[^/]+\.md$/.test(i.path) &&
      !/^(?:prd|tasks|recovery)\.md$/.test(base(i)),
  },
];

export function detectKind(input: KindInput): KindMatch {
  const scores = new Map<Kind, { score: number; evidence: string[] }>();
  for (const clue of CLUES) {
    if (!clue.test(input)) continue;
    const entry = scores.get(clue.kind) ?? { score: 0, evidence: [] };
    entry.score += clue.weight;
    entry.evidence.push(clue.why);
    scores.set(clue.kind, entry);
  }
  let best: { kind: Kind; score: number; evidence: string[] } | null = null;
  for (const [kind, entry] of scores) if (!best || entry.score > best.score) best = { kind, ...entry };
  if (!best || best.score < 2)
    return { kind: 'unknown', evidence: best ? [`weak: ${best.evidence.join('; ')}`] : [] };
  return { kind: best.kind, evidence: best.evidence };
}
