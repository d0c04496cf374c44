import { createRequire } from 'node:module';
import { fieldName, fieldOnLine } from './fields.js';
import { parseFlatYaml } from './flat-yaml.js';
import { idAt } from './ids.js';
import { codeSpans, inSpans, maskCode } from './inline.js';
import { detectKind } from './kind.js';
import { withLazy } from './lazy.js';
import { memoString } from './memo.js';
import { findMojibake } from './mojibake.js';
import { isChoiceList, placeholdersOnLine } from './placeholders.js';
import { LineKind, type Scan, scanBlocks, splitRow } from './scan.js';
import { canonicalStatus, folderStatus } from './status.js';
import type {
  ChecklistItem,
  CodeBlock,
  Diagnostic,
  Field,
  IdDef,
  KindOrUnknown,
  Placeholder,
  Pos,
  Range,
  Reference,
  Section,
  SpecDocument,
  Status,
  Table,
} from './types.js';

export interface ParseOptions {
  /** Template hint lines per kind (trimmed); a document line identical to one is a placeholder. */
  templateLines?: (kind: KindOrUnknown) => ReadonlySet<string> | undefined;
  /** Whether the original bytes carried a BOM (decodeSpec strips it from the text). */
  bom?: boolean;
}

/**
 * The YAML library, loaded on first use: flat front matter, which most documents have, never needs
 * it, and loading it is a tenth of a warm `list`. require, not import(): parseSpec is synchronous.
 */
let yamlLibrary: typeof import('yaml') | undefined;
function yaml(): typeof import('yaml') {
  yamlLibrary ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlLibrary;
}

const STATUS_FIELDS = new Set(['status', 'state', 'lifecycle-state']);
const DEPENDS_LABEL =
  /^(?:must be completed first|depends on|dependencies|blocked by|follows|requires|prerequisites)\b/i;
const BLOCKS_LABEL = /^(?:blocks|leads to|blocking|unblocks)\b/i;
const PHASE_SECTION = /\b(?:phase|task|step|milestone|stage|checkpoint)\b/i;
const ISSUE_REF = /(?<![\w&#/])#(\d{1,7})(?![\w])/g;
const LINK = /(?<!!)\[([^[\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
// A definition's destination is one word (or <...>), then at most a quoted title: `[Operation]: Describe it` is text.
const LINK_DEF =
  /^ {0,3}\[([^\]\n]+)\]:[ \t]*(?:<[^>\n]*>|\S+)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*$/;
const PATH_LIKE = /^(?:\.{1,2}\/|~\/)?[\w@.-]+(?:\/[\w@.*{}[\]-]+)*\/?(?:\.[\w*]+)?$/;
const FILE_EXT =
  /\.(?:mdx?|ts|tsx|js|jsx|mjs|cjs|py|rs|go|java|rb|sql|json|ya?ml|toml|sh|css|s[ac]ss|less|html|vue|svelte|txt|cfg|ini|env|lock|swift|kts?|c|h|cpp|cs|php|scala|dart|exs?|lua|zig|proto|graphql|gql|tf|hcl|xml|csv|gradle|ipynb)$/i;
const CHECKLIST_ID = /^(?:\*\*)?(?:Task\s+)?([A-Z]{0,4}\d+(?:\.\d+)*)(?:\*\*)?(?=[\s:.)*—–-]|$)/;
const BARE_FRONT_MATTER_KEY = /^[A-Za-z_][\w-]*:(?:\s|$)/;
const HEADING_STATUS = /^(#{1,6}[ \t]+)(.*?\bstatus[*_]*[ \t]*:[ \t]*)(\S.*?)[ \t#]*$/i;
const CODE_OR_BRACE = /[`{}]/;
const CODE_TICKS = /^`+\s?|\s?`+$/g;

/**
 * Parse a Markdown spec into a SpecDocument: one block scan, then one pass over
 * the text lines for the inline facts (fields, ids, references, placeholders).
 */
export function parseSpec(text: string, path: string, options: ParseOptions = {}): SpecDocument {
  const scan = scanBlocks(text);
  const { lineStarts, lineEnds } = scan;
  const lineCount = lineStarts.length;
  let lastLine = 0;
  /** The last line in [lo, hi] that starts at or before `offset`. */
  const lineAtOrBefore = (offset: number, lo: number, hi: number): number => {
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const posAt = (offset: number): Pos => {
    // Lookups come mostly in document order: step forward from the last line found, a few lines
    // at most, before searching.
    let line = lastLine;
    if (offset < (lineStarts[line] as number)) line = lineAtOrBefore(offset, 0, line);
    else {
      for (let steps = 0; line + 1 < lineCount && (lineStarts[line + 1] as number) <= offset; steps++) {
        if (steps === 8) {
          line = lineAtOrBefore(offset, line, lineCount - 1);
          break;
        }
        line++;
      }
    }
    lastLine = line;
    return { offset, line: line + 1, column: offset - (lineStarts[line] as number) + 1 };
  };
  const range = (start: number, end: number): Range => ({ start: posAt(start), end: posAt(end) });
  const problems: Diagnostic[] = [];

  // Front matter: a `---` block (scanner), or bare `key: value` lines closed by a lone `---` (seen in PRP templates).
  let frontMatter: SpecDocument['frontMatter'];
  let frontMatterEnd = scan.frontMatterEnd;
  let frontStartLine = 1;
  if (frontMatterEnd < 0) {
    const bare = bareFrontMatterEnd(text, scan);
    if (bare > 0) {
      frontMatterEnd = bare;
      frontStartLine = 0;
      for (let i = 0; i <= bare; i++) scan.kinds[i] = LineKind.Code;
      scan.headings = scan.headings.filter((h) => h.line > bare);
    }
  }
  if (frontMatterEnd > 0) {
    const yamlStart = lineStarts[frontStartLine] as number;
    const yamlEnd = lineStarts[frontMatterEnd] as number;
    const source = text.slice(yamlStart, yamlEnd);
    const flat = parseFlatYaml(source);
    const parsed = flat ? { value: flat } : parseYamlAt(source, frontStartLine);
    if ('error' in parsed) {
      problems.push({
        ruleId: 'yaml-block',
        severity: 'error',
        message: `front matter is not valid YAML: ${parsed.error}`,
        range: range(lineStarts[parsed.line - 1] ?? 0, lineEnds[parsed.line - 1] ?? 0),
      });
    } else if (parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) {
      frontMatter = {
        value: parsed.value as Record<string, unknown>,
        range: range(0, lineEnds[frontMatterEnd] as number),
      };
    }
  }

  // Sections: the heading tree.
  const sections: Section[] = [];
  const flat: Array<{ section: Section; line: number }> = [];
  {
    const stack: Section[] = [];
    // A section runs from its heading to the next heading of its level or above, else to the end.
    const close = (section: Section, end: number): void => {
      section.range = { start: section.headingRange.start, end: posAt(end) };
    };
    for (const h of scan.headings) {
      const raw = text.slice(h.textStart, h.textEnd);
      // Only a setext heading's text can span lines.
      const title = h.setext ? raw.replace(/\s*\r?\n\s*/g, ' ') : raw;
      const headingRange = range(lineStarts[h.line] as number, lineEnds[h.endLine] as number);
      // `range` is the heading's until the section closes.
      const section: Section = {
        level: h.level,
        title,
        plainTitle: plainHeading(title),
        headingRange,
        range: headingRange,
        children: [],
      };
      while (stack.length && (stack[stack.length - 1] as Section).level >= h.level)
        close(stack.pop() as Section, endBefore(lineStarts[h.line] as number));
      if (stack.length) (stack[stack.length - 1] as Section).children.push(section);
      else sections.push(section);
      stack.push(section);
      flat.push({ section, line: h.line });
    }
    for (const open of stack) close(open, text.length);
  }
  function endBefore(offset: number): number {
    let end = offset;
    if (end > 0 && text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  // Section path of each line, from the flat heading list.
  const pathAtLine = sectionPathResolver(flat);

  const h1 = scan.headings.find((h) => h.level === 1);
  let title: SpecDocument['title'];
  const fmTitle = frontMatter?.value.title;
  if (h1)
    title = {
      value: plainInline(text.slice(h1.textStart, h1.textEnd)),
      range: range(h1.textStart, h1.textEnd),
    };
  else if (typeof fmTitle === 'string' && fmTitle.trim())
    title = { value: fmTitle.trim(), range: frontMatter?.range as Range };

  // Reference-style link labels, so `[label]` with a definition is not a placeholder.
  const linkLabels = new Set<string>();
  if (text.indexOf(']:') !== -1) {
    for (let i = 0; i < lineStarts.length; i++) {
      if (scan.kinds[i] !== LineKind.Text) continue;
      const m = LINK_DEF.exec(text.slice(scan.contentStarts[i], lineEnds[i]));
      if (m) linkLabels.add((m[1] as string).toLowerCase());
    }
  }

  const fields: Field[] = [];
  const ids: IdDef[] = [];
  const references: Reference[] = [];
  const placeholders: Placeholder[] = [];
  const taskByLine = new Map<number, boolean>();
  for (const item of scan.items) if (item.task >= 0) taskByLine.set(item.line, item.task === 1);

  if (frontMatter) {
    for (const [key, value] of Object.entries(frontMatter.value)) {
      if (value === null || typeof value === 'object') continue;
      const at = findFrontMatterKey(text, lineStarts, lineEnds, frontMatterEnd, key);
      if (!at) continue;
      fields.push({
        key,
        name: fieldName(key),
        value: String(value),
        keyRange: range(at.keyStart, at.keyEnd),
        valueRange: range(at.valueStart, at.valueEnd),
        style: 'front-matter',
        sectionPath: [],
      });
    }
  }

  const templateLines = options.templateLines;
  // Headings that state a status ("### Current Implementation Status: **Not applicable**").
  const statusHeadings: Field[] = [];
  let relation: Reference['relation'];
  const marks = lineMarks(text, lineEnds);
  for (let i = 0; i < lineCount; i++) {
    const kind = scan.kinds[i] as LineKind;
    if (
      kind === LineKind.Code ||
      kind === LineKind.Fence ||
      kind === LineKind.Blank ||
      kind === LineKind.Rule
    )
      continue;
    const mark = marks[i] as number;
    const itemIndex = scan.itemAt[i] as number;
    // Plain prose (no markup character any extractor looks for) only ends a dependency list.
    if (mark === 0 && itemIndex < 0 && (kind === LineKind.Text || kind === LineKind.Html)) {
      if (kind === LineKind.Text) relation = undefined;
      continue;
    }
    const lineStart = lineStarts[i] as number;
    const lineEnd = lineEnds[i] as number;
    const line = text.slice(lineStart, lineEnd);
    if (kind === LineKind.Html) {
      if (!(mark & Mark.Lt)) continue;
      for (const p of placeholdersOnLine(line, linkLabels)) {
        if (p.reason === 'comment')
          placeholders.push({
            text: p.text,
            reason: p.reason,
            range: range(lineStart + p.start, lineStart + p.end),
          });
      }
      continue;
    }
    const from = (scan.contentStarts[i] as number) - lineStart;
    const item = itemIndex >= 0 ? scan.items[itemIndex] : undefined;
    const sectionPath = pathAtLine(i);
    if (kind === LineKind.Heading) {
      relation = undefined;
      const m = line.indexOf(':', from) !== -1 ? HEADING_STATUS.exec(line.slice(from)) : null;
      if (m) {
        const valueStart = lineStart + from + (m[1] as string).length + (m[2] as string).length;
        statusHeadings.push({
          key: 'Status',
          name: 'status',
          value: m[3] as string,
          keyRange: range(valueStart, valueStart),
          valueRange: range(valueStart, valueStart + (m[3] as string).length),
          style: 'bold-colon-outside',
          sectionPath: sectionPath.slice(0, -1),
        });
      }
    }
    const spans = mark & Mark.Tick ? codeSpans(line) : NO_SPANS;
    const masked = maskCode(line, spans);

    // Content after a task box: `- [ ] **AC1**: ...`
    let labelAt = from;
    if (item && item.task >= 0) {
      labelAt = item.markOffset - lineStart + 3;
      while (line[labelAt] === ' ' || line[labelAt] === '\t') labelAt++;
    }

    let field =
      kind === LineKind.Text && mark & Mark.Star
        ? fieldOnLine(line, labelAt, item !== undefined, scan.quoted[i] === 1)
        : null;
    // `- **FR1:** text` defines a requirement, not a metadata key.
    if (field && idAt(field.key, 0)?.end === field.key.length) field = null;
    if (field) {
      const name = fieldName(field.key);
      fields.push({
        key: field.key,
        name,
        value: field.value,
        keyRange: range(lineStart + field.keyStart, lineStart + field.keyEnd),
        valueRange: range(lineStart + field.valueStart, lineStart + field.valueEnd),
        style: field.style,
        sectionPath,
      });
      if (DEPENDS_LABEL.test(field.key)) relation = 'depends-on';
      else if (BLOCKS_LABEL.test(field.key)) relation = 'blocks';
      else if (!item) relation = undefined;
      if (!STATUS_FIELDS.has(name) && isChoiceList(field.value) && !CODE_OR_BRACE.test(field.value)) {
        placeholders.push({
          text: field.value,
          reason: 'choice',
          range: range(lineStart + field.valueStart, lineStart + field.valueEnd),
        });
      }
    } else if (kind === LineKind.Text && !item && !isBlankBetween(text, lineStart + from, lineEnd)) {
      relation = undefined;
    }

    // Ids: at the start of a list item, a heading, a bold label or a table's first cell.
    let idFrom = -1;
    if (item) idFrom = labelAt;
    else if (kind === LineKind.Heading) {
      // After the `#`s and the spaces (a setext heading's text starts at once).
      let p = from;
      while (line.charCodeAt(p) === 35) p++;
      const afterHashes = p;
      while (isSpaceCode(line.charCodeAt(p))) p++;
      idFrom = afterHashes > from && p === afterHashes ? from : p;
    } else if (kind === LineKind.Table) {
      let p = from;
      if (line.charCodeAt(p) === 124) p++;
      while (isSpaceCode(line.charCodeAt(p))) p++;
      idFrom = p;
    } else if (mark & Mark.Star && line.startsWith('**', from)) idFrom = from;
    if (idFrom >= 0 && mayStartId(line.charCodeAt(idFrom))) {
      const id = idAt(line, idFrom);
      if (id && !inSpans(spans, id.start)) {
        ids.push({
          id: id.id,
          kind: id.kind,
          numbers: id.numbers,
          range: range(lineStart + id.start, lineStart + id.end),
          sectionPath,
        });
      }
    }

    // References.
    if (mark & Mark.Hash && masked.indexOf('#') !== -1) {
      ISSUE_REF.lastIndex = 0;
      for (let m = ISSUE_REF.exec(masked); m; m = ISSUE_REF.exec(masked)) {
        if (kind === LineKind.Heading && m.index < from + 1) continue;
        const ref: Reference = {
          kind: 'issue',
          target: m[1] as string,
          text: m[0],
          range: range(lineStart + m.index, lineStart + m.index + m[0].length),
        };
        if (relation) ref.relation = relation;
        if (item && item.task >= 0) ref.checked = item.task === 1;
        references.push(ref);
      }
    }
    if (mark & Mark.Bracket && masked.indexOf('](') !== -1) {
      LINK.lastIndex = 0;
      for (let m = LINK.exec(masked); m; m = LINK.exec(masked)) {
        const target = line
          .slice(m.index + m[0].indexOf(m[2] as string, (m[1] as string).length + 2))
          .slice(0, (m[2] as string).length);
        references.push({
          kind: 'link',
          target,
          text: m[1] as string,
          range: range(lineStart + m.index, lineStart + m.index + m[0].length),
        });
      }
    }
    for (const [s, e] of spans) {
      const inner = line.slice(s, e).replace(CODE_TICKS, '');
      if (!isPathLike(inner)) continue;
      references.push({
        kind: 'path',
        target: inner,
        text: line.slice(s, e),
        range: range(lineStart + s, lineStart + e),
      });
    }

    // Placeholders: generic shapes outside code spans.
    if (!(mark & Mark.Placeholder)) continue;
    for (const p of placeholdersOnLine(masked, linkLabels)) {
      if (p.start < from && kind !== LineKind.Table) continue;
      placeholders.push({
        text: p.text,
        reason: p.reason,
        range: range(lineStart + p.start, lineStart + p.end),
      });
    }
  }

  // Checklist items, code blocks, tables and problems are built when first read: `list` needs none of them.
  const buildChecklist = (): ChecklistItem[] => {
    const checklist: ChecklistItem[] = [];
    for (const item of scan.items) {
      if (item.task < 0) continue;
      const lineEnd = lineEnds[item.line] as number;
      const textStart = item.markOffset + 3;
      const itemText = text.slice(textStart, lineEnd).trim();
      const entry: ChecklistItem = {
        checked: item.task === 1,
        text: itemText,
        depth: item.depth,
        sectionPath: pathAtLine(item.line),
        markRange: range(item.markOffset, item.markOffset + 3),
        lineRange: range(lineStarts[item.line] as number, lineEnd),
      };
      const idMatch = CHECKLIST_ID.exec(itemText);
      if (idMatch && isChecklistId(idMatch[1] as string)) {
        entry.id = idMatch[1] as string;
      }
      checklist.push(entry);
    }
    return checklist;
  };
  const progress = { checked: 0, total: 0 };
  for (const item of scan.items) {
    if (item.task < 0) continue;
    progress.total++;
    if (item.task === 1) progress.checked++;
  }

  const buildCode = (): CodeBlock[] =>
    scan.fences.map((f) => {
      const lang = (f.info.split(/\s+/)[0] ?? '').toLowerCase();
      const common = {
        lang,
        info: f.info,
        body: f.body,
        range: range(f.start, f.end),
        bodyRange: range(f.bodyStart, f.bodyEnd),
        sectionPath: pathAtLine(f.line),
      };
      if (lang !== 'yaml' && lang !== 'yml') return common;
      // Parsed on first read: YAML is a sixth of the parse time, and most readers never look.
      return withLazy(common, { yaml: () => yamlBlockAt(common.body, f.line + 1) });
    });

  const buildTables = (): Table[] =>
    scan.tables.map((t) => {
      const cells = (i: number) => splitRow(text.slice(scan.contentStarts[i], lineEnds[i]));
      const rows: string[][] = [];
      for (let i = t.startLine + 2; i < t.endLine; i++) rows.push(cells(i));
      return {
        header: cells(t.startLine),
        rows,
        range: range(lineStarts[t.startLine] as number, lineEnds[t.endLine - 1] as number),
        sectionPath: pathAtLine(t.startLine),
      };
    });

  // Status: the document's own, told apart from per-phase status lines.
  const { status, sectionStatuses } = resolveStatus(
    [...fields, ...statusHeadings],
    path,
    range,
    title?.value,
  );

  // Kind.
  const kind = detectKind({
    path,
    title: title?.value,
    headings: flat.map((f) => f.section.plainTitle),
    fieldNames: new Set(fields.map((f) => f.name)),
    frontMatter: frontMatter?.value,
    text,
  });

  // Lines identical to the template's hint lines.
  const hints = templateLines?.(kind.kind);
  if (hints?.size) {
    const lengths = hintLengths(hints);
    const seen = new Set(placeholders.map((p) => p.range.start.line));
    for (let i = 0; i < lineCount; i++) {
      const k = scan.kinds[i];
      if (k !== LineKind.Text && k !== LineKind.Heading && k !== LineKind.Table) continue;
      // Trim by index and compare lengths first: most lines cannot match and are never sliced.
      let s = scan.contentStarts[i] as number;
      let e = lineEnds[i] as number;
      while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
      while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
      if (!lengths.has(e - s) || seen.has(i + 1)) continue;
      const trimmed = text.slice(s, e);
      if (!hints.has(trimmed)) continue;
      // A bare label (`**Must be completed first:**`) is structure the template wants kept, not a hint.
      if (/^(?:[-*+] )?\*\*[^*]+\*\*:?$/.test(trimmed) || trimmed.endsWith(':')) continue;
      placeholders.push({ text: trimmed, reason: 'template-line', range: range(s, e) });
    }
    placeholders.sort((a, b) => a.range.start.offset - b.range.start.offset);
  }

  // Encoding damage, and broken yaml blocks, join the problems when someone reads them.
  const buildProblems = (): Diagnostic[] => {
    for (const run of findMojibake(text)) {
      problems.push({
        ruleId: 'mojibake',
        severity: 'warning',
        message: `mis-decoded text "${run.original}" (UTF-8 read as ${run.encoding}); it should read "${run.repaired}"`,
        range: range(run.start, run.end),
        fix: [{ start: run.start, end: run.end, text: run.repaired }],
      });
    }
    for (const block of doc.code) {
      if (block.yaml && 'error' in block.yaml) {
        const line = block.yaml.line;
        problems.push({
          ruleId: 'yaml-block',
          severity: 'error',
          message: `yaml block does not parse: ${block.yaml.error}`,
          range: range(lineStarts[line - 1] ?? 0, lineEnds[line - 1] ?? 0),
        });
      }
    }
    return problems;
  };

  const crlf = text.indexOf('\r\n');
  // withLazy, not `get`: lazy.ts says why.
  const doc = withLazy(
    {
      path,
      text,
      eol: (crlf !== -1 && countCrlf(text) * 2 > lineStarts.length - 1
        ? '\r\n'
        : '\n') as SpecDocument['eol'],
      bom: options.bom ?? false,
      kind,
      title,
      frontMatter,
      fields,
      status,
      sectionStatuses,
      sections,
      progress,
      ids,
      references,
      placeholders,
      posAt,
    },
    {
      checklist: buildChecklist,
      code: buildCode,
      tables: buildTables,
      problems: buildProblems,
    },
  ) satisfies SpecDocument;
  return doc;
}

const NO_SPANS: Array<[number, number]> = [];
/** The section path of lines before the first heading. Shared: readers must not change it. */
const NO_PATH: string[] = [];

/** Characters the per-line extractors look for; a line with none of them holds no inline fact. */
enum Mark {
  Star = 1, // **Key**: value, **FR1**
  Tick = 2, // `code`, backticked paths
  Hash = 4, // #12
  Bracket = 8, // links, [placeholders]
  Lt = 16, // <!-- Describe ... -->
  Placeholder = 32, // {Name}, YYYY-MM-DD, X.Y.Z, [X]/10, [1-10], <!-- -->
}

const MARK_CHARS: Array<[string, number]> = [
  ['*', Mark.Star],
  ['`', Mark.Tick],
  ['#', Mark.Hash],
  ['[', Mark.Bracket | Mark.Placeholder],
  ['<', Mark.Lt | Mark.Placeholder],
  ['{', Mark.Placeholder],
  ['YYYY', Mark.Placeholder],
  ['X.Y.Z', Mark.Placeholder],
];

/** Per line, which mark characters it holds, found with native indexOf rather than a loop per character. */
function lineMarks(text: string, lineEnds: number[]): Uint8Array {
  const marks = new Uint8Array(lineEnds.length);
  for (const [needle, bit] of MARK_CHARS) {
    let line = 0;
    for (let p = text.indexOf(needle); p !== -1; p = text.indexOf(needle, p + 1)) {
      while ((lineEnds[line] as number) < p) line++;
      marks[line] = (marks[line] as number) | bit;
      // The rest of this line is marked already.
      p = lineEnds[line] as number;
    }
  }
  return marks;
}

/** Ids start with one of these letters (FR, NFR, C, AC, AD, Q, R, D, A, REQ, Risk, Task, Test Case, Decision) or bold. */
function mayStartId(ch: number): boolean {
  return (
    ch === 42 ||
    ch === 65 ||
    ch === 67 ||
    ch === 68 ||
    ch === 70 ||
    ch === 78 ||
    ch === 81 ||
    ch === 82 ||
    ch === 84
  );
}

function isSpaceCode(ch: number): boolean {
  return ch === 32 || ch === 9;
}

function isBlankBetween(text: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) {
    const ch = text.charCodeAt(p);
    if (ch !== 32 && ch !== 9) return false;
  }
  return true;
}

/** A checklist item's leading number is an id when dotted (`3.1`) or lettered (`T1`), not a bare `1`. */
function isChecklistId(s: string): boolean {
  let digit = false;
  let dot = false;
  for (let k = 0; k < s.length; k++) {
    const ch = s.charCodeAt(k);
    if (ch >= 48 && ch <= 57) digit = true;
    else if (ch === 46) dot = true;
  }
  const first = s.charCodeAt(0);
  return digit && (dot || (first >= 65 && first <= 90));
}

const HINT_LENGTHS = new WeakMap<ReadonlySet<string>, Set<number>>();
function hintLengths(hints: ReadonlySet<string>): Set<number> {
  let lengths = HINT_LENGTHS.get(hints);
  if (!lengths) {
    lengths = new Set([...hints].map((h) => h.length));
    HINT_LENGTHS.set(hints, lengths);
  }
  return lengths;
}

function countCrlf(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\r\n'); i !== -1; i = text.indexOf('\r\n', i + 2)) n++;
  return n;
}

/** Heading text without emoji, status marks, markup and trailing punctuation, for matching. */
export const plainHeading = (title: string): string =>
  ALREADY_PLAIN.test(title) ? title : plainHeadingOf(title);

/** Plain ASCII words, single spaces, no markup, nothing to trim: most headings, which need no work. */
const ALREADY_PLAIN = /^[A-Za-z0-9(](?:[A-Za-z0-9,.()/&'?+#:-]| (?! ))*[A-Za-z0-9).?]$/;

const plainHeadingOf = memoString((title) =>
  plainInline(title)
    .replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|[✓✔✗]/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s:–—-]+|[\s:–—-]+$/g, '')
    .trim(),
);

/** Inline markup stripped: emphasis, code ticks, links to their text. */
function plainInline(s: string): string {
  return s
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .trim();
}

function isPathLike(s: string): boolean {
  // A bare extension (`.xml`) names a kind of file, not a file; `.env` is the one such name that is a file.
  if (
    s.length < 3 ||
    s.length > 200 ||
    /\s/.test(s) ||
    /^[a-z]+:\/\//i.test(s) ||
    /^-|^\.(?!env$)\w+$/.test(s)
  )
    return false;
  if (!PATH_LIKE.test(s)) return false;
  return s.includes('/') || FILE_EXT.test(s);
}

function sectionPathResolver(flat: Array<{ section: Section; line: number }>): (line: number) => string[] {
  // Precompute the path at each heading; a line's path is that of the last heading at or before it.
  const paths: string[][] = [];
  const stack: Section[] = [];
  for (const { section } of flat) {
    while (stack.length && (stack[stack.length - 1] as Section).level >= section.level) stack.pop();
    stack.push(section);
    paths.push(stack.map((s) => s.plainTitle));
  }
  // Lookups come mostly in line order: try the heading found last, and the next one, before searching.
  let last = -1;
  const lineOf = (k: number) => (flat[k] as { line: number }).line;
  return (line: number) => {
    if (last >= 0 && lineOf(last) <= line) {
      if (last + 1 >= flat.length || lineOf(last + 1) > line) return paths[last] as string[];
      if (last + 2 >= flat.length || lineOf(last + 2) > line) return paths[++last] as string[];
    }
    let lo = 0;
    let hi = flat.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((flat[mid] as { line: number }).line <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    last = found;
    return found < 0 ? NO_PATH : (paths[found] as string[]);
  };
}

type YamlOutcome = { value: unknown } | { error: string; line: number; column: number };

/** YAML parse with the error's line mapped into the file (`firstLine` is the 0-based line of the YAML's first line). */
function parseYamlAt(source: string, firstLine: number): YamlOutcome {
  try {
    // logLevel: a template's `status: {{status}}` must not make the yaml library print warnings.
    return { value: yaml().parse(source, { uniqueKeys: false, logLevel: 'error' }) };
  } catch (err) {
    if (err instanceof yaml().YAMLParseError) return yamlError(err, source, firstLine);
    return { error: String(err), line: firstLine + 1, column: 1 };
  }
}

type YamlBlock = NonNullable<CodeBlock['yaml']>;

/**
 * Parsed yaml blocks by their text, with lines counted from the block's first line: specs made
 * from one template repeat its blocks, and the YAML library parses at about 1.5 MB/s. The values
 * are shared between documents, so they are frozen.
 */
const parsedYamlBlock = memoString((source: string): YamlBlock => {
  const parsed = parseYamlBlock(source, 0);
  if ('value' in parsed) deepFreeze(parsed);
  return parsed;
}, 2000);

/** A ```yaml block parsed, its error line counted in the file (`firstLine` is the block's first line, 0-based). */
function yamlBlockAt(source: string, firstLine: number): YamlBlock {
  const parsed = parsedYamlBlock(source);
  return 'error' in parsed ? { ...parsed, line: parsed.line + firstLine } : parsed;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}

/**
 * A ```yaml block: one document, or several separated by `---` (Kubernetes manifests, compose
 * overrides), which are valid YAML too: then `value` is the first and `documents` holds them all.
 */
function parseYamlBlock(source: string, firstLine: number): YamlBlock {
  const docs = Array.from(yaml().parseAllDocuments(source, { uniqueKeys: false, logLevel: 'error' }));
  for (const d of docs) {
    const e = d.errors[0];
    if (e) return yamlError(e, source, firstLine);
  }
  const values = docs.map((d) => d.toJS());
  if (values.length > 1) return { value: values[0], documents: values };
  return { value: values[0] ?? null };
}

function yamlError(
  err: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] },
  source: string,
  firstLine: number,
): { error: string; line: number; column: number } {
  const pos = err.linePos?.[0];
  const message = err.message.split('\n')[0] as string;
  // YAML notices an unclosed flow at the end of input; point at the last line that holds text.
  const lastLine = source.replace(/\s+$/, '').split('\n').length;
  return {
    error: message.replace(/ at line \d+, column \d+:?$/, ''),
    line: firstLine + Math.min(pos?.line ?? 1, lastLine),
    column: pos?.col ?? 1,
  };
}

/** Bare `key: value` front matter closed by a lone `---`, with no opening fence. Returns the closing line or -1. */
function bareFrontMatterEnd(text: string, scan: Scan): number {
  if (!BARE_FRONT_MATTER_KEY.test(text.slice(0, scan.lineEnds[0]))) return -1;
  // Blank lines may part the keys (`name:` ... blank ... `description:`), but after one, every line
  // must still read as YAML (a key, an indented value, a list item): prose followed by a `---` rule is not front matter.
  let afterBlank = false;
  for (let i = 1; i < Math.min(scan.lineStarts.length, 40); i++) {
    const line = text.slice(scan.lineStarts[i], scan.lineEnds[i]);
    if (/^---[ \t]*$/.test(line)) return i;
    if (!line.trim()) afterBlank = true;
    else if (afterBlank && !BARE_FRONT_MATTER_KEY.test(line) && !/^(?:[ \t]+\S|- )/.test(line)) return -1;
  }
  return -1;
}

/** The pattern of a `key: value` line; task documents repeat the same few keys thousands of times. */
const frontMatterKeyPattern = memoString(
  (key) => new RegExp(`^(${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})[ \\t]*:[ \\t]*(.*?)[ \\t]*$`),
  1000,
);

function findFrontMatterKey(
  text: string,
  starts: number[],
  ends: number[],
  last: number,
  key: string,
): { keyStart: number; keyEnd: number; valueStart: number; valueEnd: number } | null {
  const re = frontMatterKeyPattern(key);
  for (let i = 0; i < last; i++) {
    const s = starts[i] as number;
    const m = re.exec(text.slice(s, ends[i]));
    if (!m) continue;
    let value = m[2] as string;
    let valueStart = s + (m[0] as string).lastIndexOf(value);
    // Quoted scalars: the range covers the text inside the quotes.
    if (/^(['"]).*\1$/.test(value)) {
      valueStart++;
      value = value.slice(1, -1);
    }
    return { keyStart: s, keyEnd: s + key.length, valueStart, valueEnd: valueStart + value.length };
  }
  return null;
}

/**
 * The document status: front matter `status`/`state` first; then the first status
 * field outside phase/task sections (the preamble, a Status or Metadata section);
 * then the folder. Status lines under phase/task headings are per-section statuses.
 */
function resolveStatus(
  fields: Field[],
  path: string,
  range: (s: number, e: number) => Range,
  title: string | undefined,
): { status?: Status; sectionStatuses: Status[] } {
  const sectionStatuses: Status[] = [];
  let status: Status | undefined;
  const candidates = fields
    .filter((f) => STATUS_FIELDS.has(f.name))
    .sort((a, b) => a.valueRange.start.offset - b.valueRange.start.offset);
  const plainTitle = title === undefined ? undefined : plainHeading(title);
  const toStatus = (f: Field, source: Status['source']): Status => {
    const raw = f.value;
    const canon = canonicalStatus(raw);
    return { raw, state: canon.state, unset: canon.unset, range: f.valueRange, source };
  };
  const fm = candidates.find((f) => f.style === 'front-matter' && f.name !== 'lifecycle-state');
  if (fm) status = toStatus(fm, 'front-matter');
  for (const f of candidates) {
    if (f === fm) continue;
    // The document title is not a section: "# CI Fix - Task List" says nothing about phases.
    const path = f.sectionPath[0] === plainTitle ? f.sectionPath.slice(1) : f.sectionPath;
    const inPhase = path.some((s) => PHASE_SECTION.test(s) && !/\bstatus\b/i.test(s));
    if (!status && !inPhase && f.value.trim()) status = toStatus(f, 'field');
    else sectionStatuses.push(toStatus(f, 'field'));
  }
  if (!status) {
    const folder = folderStatus(path);
    if (folder)
      status = {
        raw: folder.folder,
        state: folder.state,
        unset: false,
        range: range(0, 0),
        source: 'folder',
      };
  }
  return { status, sectionStatuses };
}
