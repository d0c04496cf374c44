/**
 * Twenty `tick` processes started at once, each on a different item of the same file: the advisory
 * lock makes them take turns, so every tick lands and nothing else in the file changes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const BIN = join(repoRoot, 'bin', 'specwright.js');
const N = 20;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tick(cwd: string, item: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'tick', 'specs/many.md', item], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('concurrent ticks on one file', () => {
  it(`${N} processes ticking ${N} different items all land, and nothing else changes`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'specwright-lifecycle-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'specs'));
    // CRLF, a BOM, emoji and trailing spaces: the bytes around the boxes must survive every write.
    const items = Array.from(
      { length: N },
      (_, i) => `- [ ] ${Math.floor(i / 5) + 1}.${(i % 5) + 1} Step ${i + 1} 🚀  `,
    );
    const text = [
      '# Many steps',
      '',
      '**Status**: In Progress',
      '',
      '## Work',
      '',
      ...items,
      '',
      'The end.',
      '',
    ].join('\r\n');
    const original = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    writeFileSync(join(dir, 'specs/many.md'), original);

    const ids = items.map((_, i) => `${Math.floor(i / 5) + 1}.${(i % 5) + 1}`);
    const results = await Promise.all(ids.map((id) => tick(dir, id)));
    for (const [i, r] of results.entries())
      expect(r, `tick ${ids[i]}: ${r.stderr}`).toMatchObject({ code: 0 });

    const after = readFileSync(join(dir, 'specs/many.md'));
    const expected = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(text.replace(/- \[ \] /g, '- [x] ')),
    ]);
    expect(after.toString('utf8')).toBe(expected.toString('utf8'));
    expect(after.equals(expected)).toBe(true);
    // No lock or temporary file is left beside it.
    expect(readdirSync(join(dir, 'specs'))).toEqual(['many.md']);
  }, 180_000);
});
