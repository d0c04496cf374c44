import type { Range, SpecDocument } from '../model/types.js';
import type { Finding, Rule } from './types.js';
import { stringList } from './util/options.js';

/** The keys GitHub reads from a Markdown issue template's front matter, and the shape of each. */
const KEYS = [
  { key: 'name', shape: 'text' },
  { key: 'about', shape: 'text' },
  { key: 'title', shape: 'string' },
  { key: 'labels', shape: 'list' },
  { key: 'assignees', shape: 'list' },
] as const;

type Shape = (typeof KEYS)[number]['shape'];
const DEFAULT_REQUIRED = KEYS.map((k) => k.key);

const SHAPE_NAME: Record<Shape, string> = {
  text: 'a non-empty string',
  string: 'a string',
  list: 'a string or a list of strings',
};

/**
 * A task document is a GitHub issue template: its front matter must carry name, about, title,
 * labels and assignees, with the types GitHub accepts. Front matter that does not parse is
 * yaml-block's finding, not this rule's.
 */
export const rule: Rule = {
  meta: {
    id: 'task-frontmatter',
    description:
      'A task document lacks one of the issue-template front matter keys (name, about, title, labels, ' +
      'assignees), or one has the wrong type.',
    rationale:
      'Task documents double as GitHub issue templates and are pushed as issues: GitHub ignores a template ' +
      'without name and about, and a title, label or assignee of the wrong type is dropped or rejected.',
    severity: 'error',
    fixable: false,
    tags: ['task', 'front-matter'],
    kinds: ['task'],
    messages: {
      missingFrontMatter: 'task document has no front matter: it needs {keys}',
      missingKey: 'front matter has no "{key}" key',
      wrongType: '"{key}" must be {expected}, not {actual}',
    },
  },
  check(doc, ctx) {
    if (doc.kind.kind !== 'task') return [];
    const required = stringList(ctx.options, 'required', DEFAULT_REQUIRED);
    // Unparsable front matter is yaml-block's finding; guessing at its keys would only add noise.
    if (doc.problems.some((p) => p.ruleId === 'yaml-block' && p.message.startsWith('front matter')))
      return [];
    const fm = doc.frontMatter;
    if (!fm) {
      if (required.length === 0) return [];
      return [
        {
          messageId: 'missingFrontMatter',
          range: firstLine(doc),
          data: { keys: required.join(', ') },
          note: 'Start the file with a `---` block holding these keys (see the task template).',
        },
      ];
    }
    const findings: Finding[] = [];
    const opening = firstLine(doc);
    for (const key of required) {
      if (!Object.hasOwn(fm.value, key))
        findings.push({ messageId: 'missingKey', data: { key }, range: opening });
    }
    // Types are checked for every issue-template key present, required or not.
    for (const { key, shape } of KEYS) {
      if (!Object.hasOwn(fm.value, key)) continue;
      const value = fm.value[key];
      if (fits(value, shape)) continue;
      findings.push({
        messageId: 'wrongType',
        data: { key, expected: SHAPE_NAME[shape], actual: describe(value) },
        range: keyLine(doc, key) ?? opening,
      });
    }
    return findings;
  },
};

function fits(value: unknown, shape: Shape): boolean {
  switch (shape) {
    case 'text':
      return typeof value === 'string' && value.trim() !== '';
    case 'string':
      return typeof value === 'string';
    case 'list':
      // An empty value (`labels:`) means none, as GitHub reads it.
      return (
        value === null ||
        typeof value === 'string' ||
        (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      );
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return value.trim() ? 'a string' : 'an empty string';
  if (Array.isArray(value))
    return value.every((v) => typeof v === 'string') ? 'a list' : 'a list holding non-strings';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function firstLine(doc: SpecDocument): Range {
  const nl = doc.text.indexOf('\n');
  let end = nl === -1 ? doc.text.length : nl;
  if (end > 0 && doc.text.charCodeAt(end - 1) === 13) end--;
  return { start: doc.posAt(0), end: doc.posAt(end) };
}

/** The `key:` line of the front matter, from the key to the end of the line. */
function keyLine(doc: SpecDocument, key: string): Range | undefined {
  const fm = doc.frontMatter;
  if (!fm) return undefined;
  const block = doc.text.slice(0, fm.range.end.offset);
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^(["']?)${escaped}\\1[ \\t]*:`, 'm').exec(block);
  if (!m) return undefined;
  const nl = block.indexOf('\n', m.index);
  let end = nl === -1 ? block.length : nl;
  if (end > m.index && block.charCodeAt(end - 1) === 13) end--;
  return { start: doc.posAt(m.index), end: doc.posAt(end) };
}
