/**
 * Setting a metadata field in the document's own style. An existing field has only its value
 * replaced (the key, the bold, the colon and any trailing hard-break spaces stay). A missing field
 * is written like its neighbours: a new line after the document's metadata block, shaped like the
 * block's last line, or a front-matter key for kinds whose metadata lives in front matter.
 */
import { parse as parseYaml } from 'yaml';
import { SpecwrightError } from '../errors.js';
import { fieldName } from '../model/fields.js';
import type { Edit, Field, SpecDocument } from '../model/types.js';
import type { LoadedTemplate, StatusStyle } from '../templates/index.js';
import { afterLine, insertLinesAfter, lineEnd, lineStart } from './lines.js';

const SHALLOW_SECTION = /^(?:metadata|meta|status|document info(?:rmation)?|info|details|summary|overview)$/i;
const FIELD_KEY = /^[^*:\r\n]{1,60}$/;

/** The field `key` names (matched like the parser names fields: case, spaces and underscores ignored). */
export function findField(doc: SpecDocument, key: string): Field | undefined {
  const name = fieldName(key);
  const candidates = doc.fields.filter((f) => f.name === name);
  if (candidates.length <= 1) return candidates[0];
  const status = doc.status;
  if (status && status.source !== 'folder') {
    const own = candidates.find((f) => f.valueRange.start.offset === status.range.start.offset);
    if (own) return own;
  }
  const front = candidates.find((f) => f.style === 'front-matter');
  if (front) return front;
  const block = new Set(metadataBlock(doc));
  return candidates.find((f) => block.has(f)) ?? candidates[0];
}

/** The field holding the document's status, or a stand-in for a status written in a heading. */
export function statusField(doc: SpecDocument): Field | undefined {
  const status = doc.status;
  if (!status || status.source === 'folder') return undefined;
  const own = doc.fields.find((f) => f.valueRange.start.offset === status.range.start.offset);
  if (own) return own;
  return {
    key: 'Status',
    name: 'status',
    value: status.raw,
    keyRange: status.range,
    valueRange: status.range,
    style: 'bold-colon-outside',
    sectionPath: [],
  };
}

/**
 * The run of metadata lines at the top of the document (`**Status**: ...`, `**Created**: ...`),
 * found around the status line or, without one, the first field outside any deeper section.
 */
export function metadataBlock(doc: SpecDocument): Field[] {
  const markdown = doc.fields.filter((f) => f.style !== 'front-matter' && !onTaskLine(doc, f));
  if (markdown.length === 0) return [];
  const h1 = doc.sections.find((s) => s.level === 1)?.plainTitle;
  const shallow = (f: Field) => {
    const path = h1 !== undefined && f.sectionPath[0] === h1 ? f.sectionPath.slice(1) : f.sectionPath;
    return path.length === 0 || (path.length === 1 && SHALLOW_SECTION.test(path[0] as string));
  };
  const status = doc.status;
  const anchor =
    (status && status.source === 'field'
      ? markdown.find((f) => f.valueRange.start.offset === status.range.start.offset && shallow(f))
      : undefined) ?? markdown.find(shallow);
  if (!anchor) return [];
  const line = (f: Field) => f.keyRange.start.line;
  const family = (f: Field) => f.style === 'list-item';
  const byLine = new Map<number, Field>();
  for (const f of markdown) if (family(f) === family(anchor) && !byLine.has(line(f))) byLine.set(line(f), f);
  let first = line(anchor);
  let last = first;
  while (byLine.has(first - 1)) first--;
  while (byLine.has(last + 1)) last++;
  const block: Field[] = [];
  for (let l = first; l <= last; l++) block.push(byLine.get(l) as Field);
  return block;
}

function onTaskLine(doc: SpecDocument, f: Field): boolean {
  const start = lineStart(doc.text, f.keyRange.start.offset);
  return /\[[ xX]\]/.test(doc.text.slice(start, f.keyRange.start.offset));
}

/** Set one field. */
export function setFieldEdits(
  doc: SpecDocument,
  template: LoadedTemplate | undefined,
  key: string,
  value: string,
): Edit[] {
  return setFieldsEdits(doc, template, [[key, value]]);
}

/**
 * Set several fields at once. Existing fields are replaced in place; missing ones are written
 * together, in the given order, where the document keeps its metadata.
 */
export function setFieldsEdits(
  doc: SpecDocument,
  template: LoadedTemplate | undefined,
  entries: ReadonlyArray<readonly [key: string, value: string]>,
): Edit[] {
  // The last value given for a key wins; keys keep the order they were first given in.
  const wanted = new Map<string, [string, string]>();
  for (const [rawKey, rawValue] of entries) {
    const key = checkKey(doc, rawKey);
    const name = fieldName(key);
    wanted.set(name, [wanted.get(name)?.[0] ?? key, checkValue(doc, key, rawValue)]);
  }
  const edits: Edit[] = [];
  const missing: Array<[string, string]> = [];
  for (const [key, value] of wanted.values()) {
    const field = findField(doc, key);
    if (field) edits.push(replaceValueEdit(doc, field, value));
    else missing.push([key, value]);
  }
  if (missing.length) edits.push(insertFieldsEdit(doc, template, missing));
  return edits;
}

/** Replace a field's value, formatted for where it lives (YAML scalar in front matter). */
export function replaceValueEdit(doc: SpecDocument, field: Field, value: string): Edit {
  const start = field.valueRange.start.offset;
  const end = field.valueRange.end.offset;
  if (field.style === 'front-matter') {
    const before = doc.text[start - 1];
    const quote = (before === '"' || before === "'") && doc.text[end] === before ? before : undefined;
    if (quote) return { start: start - 1, end: end + 1, text: yamlScalar(value, quote) };
    return { start, end, text: yamlScalar(value) };
  }
  return { start, end, text: keepWrapper(field.value, value) };
}

/** `**Done**` stays bold and `` `done` `` stays code when the new value is plain text. */
export function keepWrapper(old: string, value: string): string {
  const wrapped = /^(\*\*|__|\*|_|`)(?![\s*_`])(.+?)(?<![\s*_`])\1$/.exec(old.trim());
  if (!wrapped || /^(\*\*|__|\*|_|`).*\1$/.test(value)) return value;
  const mark = wrapped[1] as string;
  if ((wrapped[2] as string).includes(mark)) return value;
  return `${mark}${value}${mark}`;
}

/** A YAML scalar for `value`: plain when YAML reads it back unchanged, else quoted (in `quote` when given). */
export function yamlScalar(value: string, quote?: '"' | "'"): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters need a double-quoted YAML scalar
  if (quote === '"' || /[\u0000-\u001f\u007f]/.test(value)) return JSON.stringify(value);
  if (quote !== "'" && value !== '' && value === value.trim() && readsBack(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

function readsBack(value: string): boolean {
  try {
    const parsed = parseYaml(`k: ${value}\n`) as { k?: unknown } | null;
    const v = parsed?.k;
    return (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && String(v) === value;
  } catch {
    return false;
  }
}

function checkKey(doc: SpecDocument, key: string): string {
  const k = key.trim();
  if (!FIELD_KEY.test(k))
    throw new SpecwrightError(
      `"${key}" cannot be a field name (1 to 60 characters, no "*", ":" or line break)`,
      doc.path,
      undefined,
      'usage',
    );
  return k;
}

function checkValue(doc: SpecDocument, key: string, value: string): string {
  if (/[\r\n]/.test(value))
    throw new SpecwrightError(`the value of ${key} must be one line`, doc.path, undefined, 'usage');
  const v = value.trim();
  if (!v) throw new SpecwrightError(`the value of ${key} is empty`, doc.path, undefined, 'usage');
  return v;
}

/** One insertion holding every missing field, where the document keeps its metadata. */
function insertFieldsEdit(
  doc: SpecDocument,
  template: LoadedTemplate | undefined,
  entries: ReadonlyArray<[string, string]>,
): Edit {
  const eol = doc.eol;
  const block = metadataBlock(doc);
  const frontMatterKind = template?.schema.status.style === 'front-matter';
  if (frontMatterKind || (!template && block.length === 0 && doc.frontMatter)) {
    return frontMatterInsert(doc, entries);
  }
  const last = block[block.length - 1];
  if (last) {
    // Shaped like the block's last line: same marker, bold, colon and trailing spaces.
    const start = lineStart(doc.text, last.keyRange.start.offset);
    const end = lineEnd(doc.text, last.valueRange.end.offset);
    const prefix = doc.text.slice(start, last.keyRange.start.offset);
    const middle = doc.text.slice(last.keyRange.end.offset, last.valueRange.start.offset);
    const suffix = doc.text.slice(last.valueRange.end.offset, end);
    const lines = entries.map(([k, v]) => `${prefix}${k}${middle}${v}${suffix}`);
    const edit = insertLinesAfter(doc.text, end, lines, eol);
    // Lines that render one per line thanks to trailing hard breaks: the old last line needs one too now.
    const breaks = block
      .slice(0, -1)
      .filter((f) =>
        / {2,}$/.test(doc.text.slice(f.valueRange.end.offset, lineEnd(doc.text, f.valueRange.end.offset))),
      );
    const needsBreak = last.style !== 'list-item' && block.length > 1 && breaks.length === block.length - 1;
    if (needsBreak && !/ {2,}$/.test(suffix)) {
      return { start: end, end: edit.end, text: `  ${doc.text.slice(end, edit.start)}${edit.text}` };
    }
    return edit;
  }
  const style: Exclude<StatusStyle, 'front-matter'> =
    template && template.schema.status.style !== 'front-matter'
      ? template.schema.status.style
      : 'bold-colon-outside';
  const lines = entries.map(([k, v]) => styledLine(style, k, v));
  return afterTitleInsert(doc, lines);
}

export function styledLine(style: Exclude<StatusStyle, 'front-matter'>, key: string, value: string): string {
  if (style === 'bold-colon-inside') return `**${key}:** ${value}`;
  if (style === 'list-item') return `- **${key}**: ${value}`;
  return `**${key}**: ${value}`;
}

/** New lines as their own paragraph after the H1 (or at the top, after any front matter). */
function afterTitleInsert(doc: SpecDocument, lines: string[]): Edit {
  const eol = doc.eol;
  const text = doc.text;
  const h1 = doc.sections.find((s) => s.level === 1);
  if (h1) {
    const end = h1.headingRange.end.offset;
    const next = afterLine(text, end);
    const blankFollows = next >= text.length || text.slice(next, lineEnd(text, next)).trim() === '';
    return insertLinesAfter(text, end, ['', ...lines, ...(blankFollows ? [] : [''])], eol);
  }
  const at = doc.frontMatter ? afterLine(text, doc.frontMatter.range.end.offset) : 0;
  const blankFollows = text.slice(at, lineEnd(text, at)).trim() === '';
  return { start: at, end: at, text: [...lines, ...(blankFollows ? [] : [''])].map((l) => l + eol).join('') };
}

/** Keys added before the closing `---`; a new front matter block when there is none. */
function frontMatterInsert(doc: SpecDocument, entries: ReadonlyArray<[string, string]>): Edit {
  const eol = doc.eol;
  const lines = entries.map(([k, v]) => `${yamlKey(k)}: ${yamlScalar(v)}${eol}`).join('');
  const fm = doc.frontMatter;
  if (fm) {
    const closeEnd = fm.range.end.offset;
    const closeStart = lineStart(doc.text, closeEnd);
    return { start: closeStart, end: closeStart, text: lines };
  }
  if (/^---[ \t]*\r?\n/.test(doc.text))
    throw new SpecwrightError(
      'the front matter is not valid YAML; fix it before setting a field',
      doc.path,
      1,
      'front-matter',
    );
  return { start: 0, end: 0, text: `---${eol}${lines}---${eol}` };
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][\w -]*$/.test(key) && key === key.trim() ? key : JSON.stringify(key);
}
