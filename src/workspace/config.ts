/**
 * specwright.config.yaml: where it is, its defaults, and loading it. The schema and the YAML
 * parser live in config-schema.ts, loaded only when the file's bytes were not validated before.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config-schema.js';
import { validatedOnce } from './validated-cache.js';

export type { Config } from './config-schema.js';

export const CONFIG_FILE = 'specwright.config.yaml';

/** What every optional key defaults to (`configSchema.parse({})`, which a test holds it to). */
export function defaultConfig(): Config {
  return {
    version: 1,
    specs: ['specs'],
    ignore: [],
    stale: { days: 30 },
    rules: {},
    kinds: {},
    overrides: [],
    issues: [],
    verify: { allow: [], timeout: 600 },
  };
}

/** Read and validate the config; errors name the file, the line and the key. */
export async function loadConfig(root: string): Promise<{ config: Config; path?: string }> {
  const path = join(root, CONFIG_FILE);
  if (!existsSync(path)) return { config: defaultConfig() };
  const text = readFileSync(path, 'utf8');
  const config = await validatedOnce(root, CONFIG_FILE, text, async () =>
    (await import('./config-schema.js')).parseConfig(text, path),
  );
  return { config, path };
}

export const DEFAULT_CONFIG_TEXT = `# specwright workspace configuration. Every key is optional.
version: 1
# Folders that hold specs, relative to this file.
specs: [specs]
# Files that are not specs (globs).
ignore: []
# A spec that has not changed for this many days, and is not done, is stale.
stale:
  days: 30
# Lint rules: rule-id: off | warn | error
rules: {}
`;
