/** The config: defaults, and validation that is cached by content but never trusted over new bytes. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE, defaultConfig, loadConfig } from '../../src/workspace/config.js';
import { configSchema } from '../../src/workspace/config-schema.js';
import { tempDir } from '../helpers/cli.js';

describe('config', () => {
  it('defaults to what the schema fills in for an empty file', () => {
    expect(defaultConfig()).toEqual(configSchema.parse({}));
  });

  it('takes a validated config from the cache only while its bytes are the same', async () => {
    const root = tempDir();
    writeFileSync(join(root, CONFIG_FILE), 'issues: [4]\n');
    expect((await loadConfig(root)).config.issues).toEqual([4]);
    expect(existsSync(join(root, '.specwright/cache/validated.json'))).toBe(true);
    expect((await loadConfig(root)).config.issues).toEqual([4]);
    writeFileSync(join(root, CONFIG_FILE), 'issues: [5]\n');
    expect((await loadConfig(root)).config.issues).toEqual([5]);
    writeFileSync(join(root, CONFIG_FILE), 'issues: [five]\n');
    await expect(loadConfig(root)).rejects.toThrow(/"issues\.0"/);
    // A bad file is never cached as good: it fails again, the same way.
    await expect(loadConfig(root)).rejects.toThrow(/"issues\.0"/);
  });
});
