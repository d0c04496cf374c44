/**
 * The lint contract. A rule is data (meta) plus one function (check), like a
 * markdownlint `lib/md0xx.mjs` module or an ESLint rule: the engine, not the rule,
 * resolves severity from config, builds docs URLs, applies disable comments and fixes.
 */
import type { Edit, KindOrUnknown, Range, Severity, SpecDocument } from '../model/types.js';
import type { LoadedTemplate, TemplateSet } from '../templates/index.js';

export interface RuleMeta {
  /** Kebab-case id, also the docs page name: docs/rules/<id>.md. */
  id: string;
  /** One sentence: what the rule finds. */
  description: string;
  /** Why it matters, one or two sentences (SARIF fullDescription, docs). */
  rationale: string;
  /** Default severity; config may override it. */
  severity: Severity;
  fixable: boolean;
  tags: readonly string[];
  /** Message templates by id, with `{name}` slots filled from Finding.data. Tests assert ids, not prose. */
  messages: Readonly<Record<string, string>>;
  /** Kinds the rule applies to; absent means every document. */
  kinds?: readonly KindOrUnknown[];
}

export interface Fix {
  edits: Edit[];
  /** Safe fixes are applied by --fix; unsafe ones only when asked explicitly. */
  safe: boolean;
  /** What the fix does, shown by --fix-dry-run and editors ("replace 'in progress' with 'In Progress'"). */
  description: string;
}

/** What a rule reports; the engine turns it into a LintDiagnostic. */
export interface Finding {
  messageId: string;
  data?: Readonly<Record<string, string | number>>;
  range: Range;
  /** Overrides the rule's default severity for this finding only (e.g. a gap is a warning). */
  severity?: Severity;
  /** What to do about it, when there is no fix. */
  note?: string;
  fix?: Fix;
}

export interface RuleContext {
  /** Absolute workspace root (the folder of specwright.config.yaml). */
  root: string;
  /** Absolute path of the repository root (nearest folder upwards with .git), else the workspace root. */
  repoRoot: string;
  /** Absolute path of the document. */
  absPath: string;
  /** The template for the document's kind, when the kind is known and the template exists. */
  template?: LoadedTemplate;
  templates: TemplateSet;
  /** Options for this rule from config (`rule-id: [severity, {options}]`), else {}. */
  options: Readonly<Record<string, unknown>>;
  /** Whether an absolute path exists (memoized across the run). */
  exists(absPath: string): boolean;
  /** Issue numbers the workspace knows: task documents' numbers plus config `issues`. */
  issueNumbers: ReadonlySet<number>;
}

export interface Rule {
  meta: RuleMeta;
  check(doc: SpecDocument, ctx: RuleContext): Finding[];
}

/** One problem as every face shows it. */
export interface LintDiagnostic {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  range: Range;
  note?: string;
  fix?: Fix;
}
