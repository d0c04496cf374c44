/** Which files a lifecycle command works on: a spec named by slug or path, with its kind and template. */
import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CommitOptions, Parser } from '../edit/commit.js';
import { SpecwrightError } from '../errors.js';
import { parseSpec } from '../model/parse.js';
import type { LoadedTemplate } from '../templates/index.js';
import {
  displayPath,
  listSpecs,
  readSpec,
  resolveSpec,
  slugOf,
  type Workspace,
} from '../workspace/workspace.js';

export interface SpecTarget {
  ws: Workspace;
  slug: string;
  /** The spec's kind ('unknown' when nothing tells). */
  kind: string;
  template?: LoadedTemplate;
  /** Absolute path of the main file (a folder spec's prd.md). */
  main: string;
  /** Every file of the spec, main first (a folder spec's tasks.md and recovery.md follow). */
  files: string[];
  /** The file the user named, when they named one by path; tick and set then touch only it. */
  file?: string;
  /** The folder a folder-layout spec owns (absolute). */
  folder?: string;
}

export interface OpenOptions {
  /** Treat the document as this kind (for documents whose kind cannot be told from their text). */
  kind?: string;
}

/** Resolve a slug or path the way `show` does, then gather the spec's files and template. */
export function openSpec(ws: Workspace, query: string, cwd: string, options: OpenOptions = {}): SpecTarget {
  const list = listSpecs(ws);
  const abs = resolveSpec(ws, list, query, cwd);
  const rel = displayPath(ws, abs);
  const entry = list.specs.find((s) => s.path === rel || s.parts.includes(rel));
  let named = false;
  try {
    named = statSync(resolve(cwd, query)).isFile();
  } catch {
    // a slug
  }
  let kind: string;
  let main = abs;
  let files = [abs];
  let slug = slugOf(rel);
  if (entry) {
    kind = entry.kind;
    main = join(ws.root, entry.path);
    files = [main, ...entry.parts.map((p) => join(ws.root, p))];
    slug = entry.slug;
  } else {
    kind = readSpec(ws, abs).kind.kind;
  }
  if (options.kind) {
    if (!ws.templates.get(options.kind))
      throw new SpecwrightError(
        `unknown kind "${options.kind}" (known: ${ws.templates.kinds().join(', ')})`,
        undefined,
        undefined,
        'usage',
      );
    kind = options.kind;
  }
  const template = kind === 'unknown' ? undefined : ws.templates.get(kind);
  const mainRel = displayPath(ws, main);
  const ownsFolder = slugOf(mainRel) !== basename(mainRel).replace(/\.md$/i, '');
  return {
    ws,
    slug,
    kind,
    ...(template ? { template } : {}),
    main,
    files,
    ...(named ? { file: abs } : {}),
    ...(template?.schema.layout.folder && ownsFolder ? { folder: dirname(main) } : {}),
  };
}

/** The template, or a clear error for a document whose kind is unknown. */
export function requireTemplate(target: SpecTarget): LoadedTemplate {
  if (target.template) return target.template;
  throw new SpecwrightError(
    `cannot tell what kind of spec this is, so its status values are unknown; pass --kind (${target.ws.templates.kinds().join(', ')})`,
    displayPath(target.ws, target.main),
    undefined,
    'unknown-kind',
  );
}

/** Parse and show paths the way the workspace does (template hint lines count as placeholders). */
export function workspaceCommitOptions(ws: Workspace): Pick<CommitOptions, 'parse' | 'display'> {
  const parse: Parser = (text, path, bom) =>
    parseSpec(text, path, {
      bom,
      templateLines: (k) => (k === 'unknown' ? undefined : ws.templates.get(k)?.templateLines),
    });
  return { parse, display: (abs) => displayPath(ws, abs) };
}
