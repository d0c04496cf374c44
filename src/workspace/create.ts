import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SpecwrightError } from '../errors.js';
import { renderTemplate } from '../templates/index.js';
import { today } from '../today.js';
import type { Workspace } from './workspace.js';

export interface CreateOptions {
  author?: string;
  date?: string;
  slug?: string;
  force?: boolean;
}

export interface CreateResult {
  kind: string;
  slug: string;
  /** Files written, relative to the root. */
  files: string[];
  dirs: string[];
}

/** Render a template into the workspace. Refuses to overwrite anything unless `force`. */
export function createSpec(
  ws: Workspace,
  kind: string,
  title: string,
  opts: CreateOptions = {},
): CreateResult {
  const template = ws.templates.get(kind);
  if (!template) {
    throw new SpecwrightError(
      `unknown kind "${kind}" (known: ${ws.templates.kinds().join(', ')})`,
      undefined,
      undefined,
      'usage',
    );
  }
  if (!title.trim()) throw new SpecwrightError('the title is empty', undefined, undefined, 'usage');
  const rendered = renderTemplate(template, {
    title,
    author: opts.author ?? gitUserName(ws.root),
    date: opts.date ?? today(),
    ...(opts.slug ? { slug: opts.slug } : {}),
  });
  const files = rendered.files.map((f) => ({
    rel: join(rendered.dir, f.path).split('\\').join('/'),
    text: f.text,
  }));
  if (!opts.force) {
    const taken = files.find((f) => existsSync(join(ws.root, f.rel)));
    if (taken)
      throw new SpecwrightError(`already exists (use --force to overwrite)`, taken.rel, undefined, 'exists');
  }
  for (const f of files) {
    const abs = join(ws.root, f.rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, f.text);
  }
  const dirs = rendered.dirs.map((d) => join(rendered.dir, d).split('\\').join('/'));
  for (const d of dirs) mkdirSync(join(ws.root, d), { recursive: true });
  return { kind, slug: rendered.slug, files: files.map((f) => f.rel), dirs };
}

/** The author a new spec is signed with: git's user.name, when git knows one. */
function gitUserName(cwd: string): string | undefined {
  try {
    return (
      execFileSync('git', ['config', 'user.name'], {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}
