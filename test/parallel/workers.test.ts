/**
 * The real worker scripts of `check` and `list`, from the built dist/. A worker that failed would
 * have its share done on this thread with the same results, so these tests make this thread's
 * share impossible to mistake for a worker's: only a worker can deliver a real outcome.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inParallel } from '../../src/parallel/shares.js';
import { tempDir } from '../helpers/cli.js';

const dist = (path: string) => new URL(`../../dist/${path}`, import.meta.url);
const built = existsSync(dist('workspace/summary-worker.js')) && existsSync(dist('rules/worker.js'));

function workspace(count: number): { root: string; files: string[] } {
  const root = tempDir();
  mkdirSync(join(root, 'specs'));
  writeFileSync(join(root, 'specwright.config.yaml'), 'specs: [specs]\n');
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const rel = `specs/spec-${i}.md`;
    writeFileSync(join(root, rel), `# Spec ${i}\n\n**Status:** Draft\n\n- [x] done\n- [ ] {Next step}\n`);
    files.push(rel);
  }
  return { root, files };
}

/**
 * Run `items` on one worker of `script` and this thread, where this thread only marks its share
 * as an error: the outcomes that are not errors came from the worker (at least one must).
 */
function workerOutcomes(script: string, setup: object, items: Array<[number, unknown]>): unknown[] {
  const out = new Map<number, unknown>();
  inParallel(
    dist(script),
    setup,
    items,
    1,
    () => ({ error: { message: 'done on this thread' } }),
    (i, outcome) => out.set(i, outcome),
  );
  const fromWorker = [...out.values()].filter((o) => !('error' in (o as object)));
  expect(fromWorker.length).toBeGreaterThan(0);
  return fromWorker;
}

describe.skipIf(!built)(`worker scripts ${built ? '' : '(skipped: run npm run build first)'}`, () => {
  it("list's summary worker summarizes its share", () => {
    const { root, files } = workspace(6);
    const fromWorker = workerOutcomes(
      'workspace/summary-worker.js',
      { root, known: {} },
      files.map((rel, i) => [i, rel] as [number, string]),
    );
    for (const o of fromWorker)
      expect(o).toMatchObject({
        hash: expect.any(String),
        summary: { kind: expect.any(String), progress: { checked: 1, total: 2 }, placeholders: 1 },
      });
  });

  it("check's lint worker lints its share", () => {
    const { root, files } = workspace(6);
    const fromWorker = workerOutcomes(
      'rules/worker.js',
      { root, cli: {}, issues: [] },
      files.map((rel, i) => [i, { path: rel, absPath: join(root, rel) }] as [number, unknown]),
    );
    for (const o of fromWorker)
      expect(o).toMatchObject({
        hash: expect.any(String),
        result: { packed: { counts: expect.any(Array) } },
      });
  });
});
