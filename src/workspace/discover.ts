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
  // Paths are built by concatenation, relative and absolute side by side: path.join and
  // path.relative per entry cost more than the directory reads over 10,000 files.
  const walk = (abs: string, rel: string): void => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return; // unreadable folders are skipped, never fatal
    }
    for (const entry of entries) {
      const name = entry.name;
      const path = rel ? `${rel}/${name}` : name;
      if (entry.isDirectory()) {
        // `.x.specwright-tmp-*`: a move interrupted half way (src/lifecycle), not a second copy of the spec.
        if (!SKIP_DIRS.has(name) && !name.includes('.specwright-tmp-')) walk(`${abs}${sep}${name}`, path);
      } else if (entry.isFile() && name.toLowerCase().endsWith('.md') && !ignored(path)) found.add(path);
    }
  };
  for (const dir of specDirs) {
    const abs = join(root, dir);
    if (existsSync(abs)) walk(abs, relative(root, abs).split(sep).join('/'));
  }
  return [...found].sort();
}
