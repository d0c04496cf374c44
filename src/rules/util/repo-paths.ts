/**
 * File paths named by a document — link targets, backticked paths, Location values — and whether
 * they exist. Rules touch the file system only through ctx.exists (memoized and recorded by the
 * engine), never directly.
 */
import { dirname, join } from 'node:path';
import type { SpecDocument } from '../../model/types.js';
import type { RuleContext } from '../types.js';

/** `https:`, `mailto:`, `file:`, `vscode:` ...; a Windows drive (`C:`) is not a scheme. */
const SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const GLOB = /[*?[\]{}!]/;
/** Text standing in for a path rather than naming one. */
const PLACEHOLDER =
  /[<>{}[\]]|\.\.\.|…|(?:^|\/)path\/to\/|(?:^|[/_-])(?:your|my|some)[-_]|x{3,}|(?:^|\/)(?:foo|bar|baz|example|sample)(?:\.\w+)?(?:\/|$)/i;
/** A first segment that is a host name, not a folder: `github.com/o/r`, `example.org/feed.xml`. */
const HOST =
  /^(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|app|co|ai|gov|edu|info|me|sh|so|xyz|uk|de|fr|us)(?:[:/]|$)/i;
const EXTENSION = /\.[A-Za-z0-9]{1,10}$/;

/** Whether a link target points outside the file system: a URL, a protocol-relative URL, an anchor. */
export function isExternalTarget(target: string): boolean {
  return SCHEME.test(target) || target.startsWith('//') || target.startsWith('#') || target.trim() === '';
}

/** The file part of a relative link target: anchor and query removed, %-escapes decoded. */
export function linkPath(target: string): string | undefined {
  const bare = target.replace(/[#?].*$/, '');
  if (!bare) return undefined;
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

/** A glob (`src/*.ts`), a placeholder (`src/<module>.ts`, `path/to/file`, `your-app/`), or not a path at all. */
export function isPatternOrPlaceholder(path: string): boolean {
  return GLOB.test(path) || PLACEHOLDER.test(path);
}

/**
 * Whether a backticked text clearly names a repository path: relative, with a slash and a file
 * extension, or ending in `/` (a folder); not a glob, placeholder, URL, host name or absolute path.
 * With `bareFiles`, a file name without a slash (`README.md`) counts too.
 */
export function isRepoPath(text: string, bareFiles = false): boolean {
  const p = text.startsWith('./') ? text.slice(2) : text;
  // Cheap shape tests first: most backticked text is not a path at all.
  if (p.length < 2 || (!bareFiles && !p.includes('/'))) return false;
  const folder = p.endsWith('/');
  if (!folder && !EXTENSION.test(p)) return false;
  if (/\s|\\/.test(p) || SCHEME.test(p) || p.startsWith('/') || p.startsWith('~')) return false;
  if (isPatternOrPlaceholder(p) || HOST.test(p)) return false;
  return !folder || p !== '../';
}

/**
 * Whether a path named by a document exists. `./` and `../` paths are relative to the document's
 * folder; other paths are tried against the repository root, the workspace root (a workspace may
 * be a sub-folder of a monorepo, and name paths from there) and the document's folder.
 */
export function repoPathExists(ctx: RuleContext, path: string): boolean {
  const docDir = dirname(ctx.absPath);
  if (path.startsWith('../')) return ctx.exists(join(docDir, path));
  const rel = path.startsWith('./') ? path.slice(2) : path;
  const bases = path.startsWith('./') ? [docDir, ctx.repoRoot, ctx.root] : [ctx.repoRoot, ctx.root, docDir];
  // A plain relative path needs no normalising: concatenation is enough, and much cheaper than join().
  const plain = !/(?:^|\/)\.{1,2}(?:\/|$)|\/\//.test(rel);
  for (let i = 0; i < bases.length; i++) {
    const base = bases[i] as string;
    if (bases.indexOf(base) !== i) continue;
    if (ctx.exists(plain ? `${base}/${rel}` : join(base, rel))) return true;
  }
  return false;
}

/** Whether a relative link target exists, resolved as Markdown renderers do: against the document's folder. */
export function linkTargetExists(ctx: RuleContext, path: string): boolean {
  return ctx.exists(path.startsWith('/') ? join(ctx.repoRoot, path) : join(dirname(ctx.absPath), path));
}

/** Whether the document says its work is finished: Complete, Implemented, Done. */
export function isDone(doc: SpecDocument): boolean {
  const state = doc.status?.state;
  return state === 'complete' || state === 'implemented';
}
