import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TemplateSet } from '../templates/index.js';
import { CONFIG_FILE, DEFAULT_CONFIG_TEXT } from './config.js';

export interface InitResult {
  created: string[];
  existing: string[];
}

/**
 * Write specwright.config.yaml and the folders the templates' layouts use.
 * Idempotent: what exists is left alone and reported as such.
 */
export function initWorkspace(root: string, templates: TemplateSet): InitResult {
  const result: InitResult = { created: [], existing: [] };
  const configPath = join(root, CONFIG_FILE);
  if (existsSync(configPath)) result.existing.push(CONFIG_FILE);
  else {
    writeFileSync(configPath, DEFAULT_CONFIG_TEXT, { flag: 'wx' });
    result.created.push(CONFIG_FILE);
  }
  const dirs = new Set<string>();
  for (const t of templates.list()) {
    for (const folder of [t.schema.layout.active, t.schema.layout.done]) {
      if (!folder) continue;
      const base = folder.split('{slug}')[0]?.replace(/\/+$/, '');
      if (base) dirs.add(base);
    }
  }
  for (const dir of [...dirs].sort()) {
    const abs = join(root, dir);
    if (existsSync(abs)) result.existing.push(`${dir}/`);
    else {
      mkdirSync(abs, { recursive: true });
      // Git keeps no empty folders; a .gitkeep makes the layout survive a commit.
      writeFileSync(join(abs, '.gitkeep'), '');
      result.created.push(`${dir}/`);
    }
  }
  return result;
}
