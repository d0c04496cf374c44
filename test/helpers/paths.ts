import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** `../shared` beside the repo: seeds and the real-document corpus (absent outside CI). */
export const sharedDir = resolve(repoRoot, '../shared');
export const seedsDir = join(sharedDir, 'seeds');
export const corpusDir = join(sharedDir, 'corpus');
export const hasShared = existsSync(seedsDir) && existsSync(corpusDir);
export const SHARED_MISSING = `../shared is absent (${sharedDir}): seed and corpus tests are skipped`;

if (!hasShared) console.warn(SHARED_MISSING);

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

export function seedFiles(): string[] {
  if (!hasShared) return [];
  return readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => join(seedsDir, f));
}

export function corpusFiles(): string[] {
  if (!hasShared) return [];
  return walk(corpusDir, []).filter((f) => f.endsWith('.md') && !f.endsWith('/README.md'));
}
