/** Which files a check looks at: named files and folders, or by default the workspace's spec folders. */
import { statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { SpecwrightError } from '../errors.js';
import { discoverSpecFiles } from '../workspace/discover.js';
import { displayPath, type Workspace } from '../workspace/workspace.js';

export interface Target {
  absPath: string;
  /** Display path: relative to the workspace root with `/`, absolute outside it. */
  path: string;
}

export interface Targets {
  targets: Target[];
  /** Files named explicitly that the config's `ignore` globs exclude (skipped). */
  ignored: string[];
}

/** Every spec file of the workspace (its `specs` folders minus `ignore`), relative to the root. */
export function workspaceFiles(ws: Workspace): string[] {
  return discoverSpecFiles(ws.root, ws.config.specs, ws.config.ignore);
}

/**
 * Expand absolute paths: a folder gives its Markdown files (skipping .git, node_modules and the
 * like, and `ignore` globs); a file is taken as named, whatever its extension, unless `ignore`
 * matches it. A path that does not exist is a usage error. Sorted by display path, no duplicates.
 */
export function expandTargets(ws: Workspace, absPaths?: readonly string[]): Targets {
  const seen = new Map<string, Target>();
  const ignored: string[] = [];
  const add = (abs: string) => {
    if (!seen.has(abs)) seen.set(abs, { absPath: abs, path: displayPath(ws, abs) });
  };
  if (!absPaths) {
    for (const rel of workspaceFiles(ws)) add(join(ws.root, rel));
  } else {
    const isIgnored = ws.config.ignore.length ? picomatch(ws.config.ignore, { dot: true }) : () => false;
    for (const given of absPaths) {
      const abs = resolve(given);
      let isDir: boolean;
      try {
        isDir = statSync(abs).isDirectory();
      } catch {
        throw new SpecwrightError('no such file or folder', given, undefined, 'usage');
      }
      if (isDir) {
        const rel = relative(ws.root, abs);
        for (const f of discoverSpecFiles(ws.root, [rel || '.'], ws.config.ignore))
          add(isAbsolute(f) ? f : join(ws.root, f));
      } else {
        const shown = displayPath(ws, abs);
        if (isIgnored(shown)) ignored.push(shown);
        else add(abs);
      }
    }
  }
  const targets = [...seen.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { targets, ignored };
}
