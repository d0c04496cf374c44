/**
 * The shapes every part of specwright shares. A SpecDocument is a read-only
 * view of one Markdown file: every element points back at its exact source
 * range so that lint, editors and lossless edits can all use it.
 */

/** A position in the decoded text. `offset` counts UTF-16 code units; `line` and `column` are 1-based. */
export interface Pos {
  offset: number;
  line: number;
  column: number;
}

export interface Range {
  start: Pos;
  end: Pos;
}

export interface Located<T> {
  value: T;
  range: Range;
}

export type Kind = 'feature' | 'prd' | 'spec' | 'task' | 'prp';
export type KindOrUnknown = Kind | 'unknown';

export interface KindMatch {
  kind: KindOrUnknown;
  /** Human-readable reasons for the decision, strongest first. */
  evidence: string[];
}

export type StatusState =
  | 'draft'
  | 'planned'
  | 'in-progress'
  | 'blocked'
  | 'complete'
  | 'implemented'
  | 'archived';

export interface Status {
  /** The status text as written (emoji, bold and trailing prose included). */
  raw: string;
  /** The canonical state, or null when the value is an unfilled choice list or unrecognised. */
  state: StatusState | null;
  /** True when the value is the template's unfilled choice list (`Draft | In Progress | Complete`). */
  unset: boolean;
  /** Range of the value text (what a status change replaces); for `folder` it is an empty range at 0. */
  range: Range;
  source: 'field' | 'front-matter' | 'folder' | 'heading';
}

export interface Field {
  key: string;
  /** Key lower-cased with spaces/underscores collapsed to '-' ("Lifecycle State" -> "lifecycle-state"). */
  name: string;
  value: string;
  keyRange: Range;
  valueRange: Range;
  style: 'front-matter' | 'bold-colon-outside' | 'bold-colon-inside' | 'list-item' | 'blockquote';
  /** Heading path of the section holding the field (empty for front matter and preamble). */
  sectionPath: string[];
}

export interface Section {
  level: number;
  /** Heading text as written (inline markup kept, closing #s removed). */
  title: string;
  /** Title with emoji, status marks and surrounding punctuation removed, for matching. */
  plainTitle: string;
  /** The heading line itself. */
  headingRange: Range;
  /** From the heading to just before the next heading of the same or higher level. */
  range: Range;
  children: Section[];
}

export interface ChecklistItem {
  checked: boolean;
  /** Item text after the checkbox, trimmed, first line only. */
  text: string;
  /** Numbered id such as "3.1", "T1.2", "AC4" when the text starts with one. */
  id?: string;
  /** Nesting depth: 0 for a top-level list item. */
  depth: number;
  sectionPath: string[];
  /** Range of the three characters `[ ]` / `[x]`. */
  markRange: Range;
  /** The whole first line of the item. */
  lineRange: Range;
}

export type IdKind =
  | 'FR'
  | 'NFR'
  | 'C'
  | 'AC'
  | 'AD'
  | 'Q'
  | 'R'
  | 'D'
  | 'A'
  | 'REQ'
  | 'Risk'
  | 'Task'
  | 'TestCase';

export interface IdDef {
  id: string;
  kind: IdKind;
  /** The numeric parts of the id: FR1.2 -> [1, 2]. */
  numbers: number[];
  range: Range;
  sectionPath: string[];
}

export interface Reference {
  kind: 'issue' | 'link' | 'path';
  /** `#12` -> "12"; a link's destination; a backticked path. */
  target: string;
  text: string;
  range: Range;
  /** For issue references written in a dependency list: which list. */
  relation?: 'depends-on' | 'blocks';
  /** For issue references in a checklist item: whether that box is ticked. */
  checked?: boolean;
}

export interface CodeBlock {
  lang: string;
  info: string;
  body: string;
  /** Range of the whole block, fences included. */
  range: Range;
  /** Range of the body only. */
  bodyRange: Range;
  sectionPath: string[];
  /**
   * For yaml blocks: the parsed value, or the first parse error with its line in this file. A block
   * of several `---`-separated documents has the first as `value` and all of them in `documents`.
   */
  yaml?: { value: unknown; documents?: unknown[] } | { error: string; line: number; column: number };
}

export interface Table {
  header: string[];
  rows: string[][];
  range: Range;
  sectionPath: string[];
}

export interface Placeholder {
  text: string;
  range: Range;
  /** How it was recognised: a generic shape or a line identical to the template's. */
  reason: 'brace' | 'bracket' | 'date' | 'version' | 'score' | 'comment' | 'choice' | 'template-line';
}

export type Severity = 'error' | 'warning' | 'info';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Edit[];
}

export interface SpecDocument {
  path: string;
  text: string;
  eol: '\n' | '\r\n';
  /** True when the original bytes started with a UTF-8 BOM (the text itself never holds it). */
  bom: boolean;
  kind: KindMatch;
  title?: Located<string>;
  frontMatter?: Located<Record<string, unknown>>;
  fields: Field[];
  status?: Status;
  /** Status lines found under a heading (per-phase status), kept apart from the document status. */
  sectionStatuses: Status[];
  sections: Section[];
  checklist: ChecklistItem[];
  /** Ticked and total checklist items. */
  progress: { checked: number; total: number };
  ids: IdDef[];
  references: Reference[];
  code: CodeBlock[];
  tables: Table[];
  placeholders: Placeholder[];
  /** What the parser itself noticed: encoding damage, bad front matter. */
  problems: Diagnostic[];
  /** Map an offset to a line/column position. */
  posAt(offset: number): Pos;
}
