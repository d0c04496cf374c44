/**
 * Rendering a template into the files of a new document. Variables are written `{{name}}`:
 * title, slug, date (YYYY-MM-DD), author, status (the kind's initial status, in its style) and
 * kind, plus any the schema gives `defaults` for. Unknown variables are left as they are. Inside
 * YAML front matter, values are quoted or escaped so the front matter stays valid.
 */
import { SpecwrightError } from '../errors.js';
import type { LoadedTemplate } from './loaded-template.js';
import { checkSlug, slugify } from './slug.js';
import { formatStatus, initialStatus } from './status.js';

export interface RenderVars {
  title: string;
  author?: string;
  /** ISO date, YYYY-MM-DD; today (local time) when absent. */
  date?: string;
  /** File or folder name; slugify(title) when absent. */
  slug?: string;
}

export interface RenderedFile {
  /** Relative to `dir`. */
  path: string;
  text: string;
}

export interface RenderResult {
  kind: string;
  slug: string;
  /** Where the document lives, relative to the workspace root: the template's `layout.active`, slug filled in. */
  dir: string;
  files: RenderedFile[];
  /** Empty directories to create, relative to `dir`. */
  dirs: string[];
}

/** Used for `{{author}}` when neither the caller nor the template's `defaults` give one. */
export const AUTHOR_PLACEHOLDER = '[Author]';

const VARIABLE = /\{\{\s*([A-Za-z_][\w-]*)\s*\}\}/g;

export function renderTemplate(template: LoadedTemplate, vars: RenderVars): RenderResult {
  const title = vars.title.replace(/\s+/g, ' ').trim();
  const slug = vars.slug !== undefined ? checkSlug(vars.slug) : slugify(title);
  const date = vars.date ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new SpecwrightError(
      `date "${date}" is not an ISO date (YYYY-MM-DD)`,
      undefined,
      undefined,
      'bad-date',
    );
  }
  const { schema } = template;
  const values: Record<string, string> = {
    ...schema.defaults,
    title,
    slug,
    date,
    status: formatStatus(initialStatus(schema)),
    kind: schema.kind,
  };
  const author = vars.author?.replace(/\s+/g, ' ').trim();
  values.author = author || schema.defaults.author || AUTHOR_PLACEHOLDER;

  const inPath = (p: string) => p.replaceAll('{slug}', slug);
  return {
    kind: schema.kind,
    slug,
    dir: inPath(schema.layout.active),
    files: template.files.map((f) => ({ path: inPath(f.path), text: fill(f.text, values) })),
    dirs: schema.dirs.map(inPath),
  };
}

/** Substitute variables in one file, escaping values that land in YAML front matter. */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  const fm = frontMatterEnd(text);
  const lookup = (name: string) => (Object.hasOwn(values, name) ? values[name] : undefined);
  const body = (s: string) => s.replace(VARIABLE, (all, name: string) => lookup(name) ?? all);
  if (fm === 0) return body(text);
  const head = text
    .slice(0, fm)
    .split('\n')
    .map((line) =>
      line.replace(VARIABLE, (all, name: string, index: number) => {
        const value = lookup(name);
        return value === undefined ? all : yamlEscape(value, line, index, all.length);
      }),
    )
    .join('\n');
  return head + body(text.slice(fm));
}

/** Offset just past the closing `---` line of a leading front matter block, or 0. */
function frontMatterEnd(text: string): number {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return m ? m[0].length : 0;
}

/** Escape `value` for where `{{…}}` stands in a YAML line: single-quoted, double-quoted or plain. */
function yamlEscape(value: string, line: string, index: number, length: number): string {
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < index; i++) {
    const c = line[i];
    if (quote === undefined && (c === "'" || c === '"')) quote = c;
    else if (quote === c && !(quote === '"' && line[i - 1] === '\\')) quote = undefined;
  }
  if (quote === "'") return value.replaceAll("'", "''");
  if (quote === '"') return JSON.stringify(value).slice(1, -1);
  const wholeValue = /:\s*$/.test(line.slice(0, index)) && line.slice(index + length).trim() === '';
  const plainSafe =
    /^[\p{L}\p{N}][\p{L}\p{N} ._/()-]*$/u.test(value) &&
    !/^(?:true|false|null|yes|no|on|off)$/i.test(value) &&
    !/^[\d.+-]+$/.test(value);
  return wholeValue && !plainSafe ? JSON.stringify(value) : value;
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
