/**
 * Golden `show --json` output for every document of the bundled examples: the JSON contract
 * (docs/json-schema.md) pinned field by field. After an intended change, review the diff of
 * test/cli/golden/ and refresh with `npx vitest run test/cli/show-golden.test.ts -u`.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const examples = join(repoRoot, 'examples');

function markdownFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) markdownFiles(p, out);
    else if (name.endsWith('.md')) out.push(relative(examples, p).split('\\').join('/'));
  }
  return out;
}

describe('show --json on the examples', () => {
  const files = markdownFiles(join(examples, 'specs'));

  it('finds a document of every kind', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s', async (file) => {
    const r = run(['show', file, '--json'], examples);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const golden = join(__dirname, 'golden', 'show', file.replace(/\//g, '__').replace(/\.md$/, '.json'));
    await expect(`${JSON.stringify(JSON.parse(r.stdout), null, 2)}\n`).toMatchFileSnapshot(golden);
  });
});
