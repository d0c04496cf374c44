import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';

/** Folders never searched: tools' state, dependencies, and a workspace's research notes. */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.specwright', 'research', 'dist', 'build', 'coverage']);

/**
 * Every Markdown file under the spec folders, as paths relative to the root with
 * forward slashes, sorted. Ignore globs are matched against those paths.
 */
export function discoverSpecFiles(root: string, specDirs: string[], ignore: string[]): string[] {
  const ignored = ignore.length ? picomatch(ignore, { dot: true }) : () => false;
  const found = new Set<string>();
  const walk = (dir: string): void => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folders are skipped, never fatal
    }
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) {
        // `.x.specwright-tmp-*`: a move interrupted half way (src/lifecycle), not a second copy of the spec.
        if (!SKIP_DIRS.has(entry.name) && !entry.name.includes('.specwright-tmp-')) walk(abs);
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
        const rel = relative(root, abs).split(sep).join('/');
        if (!ignored(rel)) found.add(rel);
      }
    }
  };
  for (const dir of specDirs) {
    const abs = join(root, dir);
    if (existsSync(abs)) walk(abs);
  }
  return [...found].sort();
}
