import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/model/parse.js';
import { recordRun, runNote, validationItems } from '../../src/verify/record.js';
import type { RunRecord } from '../../src/verify/types.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { tempDir } from './process-helpers.js';

const items = (lines: string[]) =>
  validationItems(parseSpec(`# Spec\n\n## Checklist\n${lines.join('\n')}\n`, 'x.md')).map((i) => i.text);

describe('validationItems', () => {
  it('prefers the exact "All validation loops pass" item', () => {
    expect(items(['- [ ] Validation commands pass on CI', '- [ ] **All validation loops pass**'])).toEqual([
      '**All validation loops pass**',
    ]);
  });

  it('falls back to items that say the same in other words', () => {
    expect(
      items([
        '- [ ] Level 1–3 validation commands pass',
        '- [ ] All verification checks passed',
        '- [ ] Validation of input passes through the schema',
        '- [ ] Tests written',
      ]),
    ).toEqual(['Level 1–3 validation commands pass', 'All verification checks passed']);
  });
});

function record(passed: boolean, commands: string[]): RunRecord {
  return {
    schemaVersion: 1,
    spec: 'specs/x.md',
    slug: 'x',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 5,
    cwd: '/tmp',
    commit: 'abcdef1234567890abcdef1234567890abcdef12',
    dirty: true,
    specLevels: [1],
    levels: [1],
    passed,
    complete: true,
    interrupted: false,
    timeoutMs: 1000,
    results: [
      {
        level: 1,
        title: 'Lint',
        status: passed ? 'passed' : 'failed',
        durationMs: 5,
        commands: commands.map((command) => ({
          command,
          line: 5,
          status: passed ? 'passed' : 'timeout',
          exitCode: passed ? 0 : null,
          signal: passed ? null : 'SIGTERM',
          timedOut: !passed,
          durationMs: 5,
          outputBytes: 0,
          outputSha256: '',
          tail: '',
        })),
      },
    ],
  };
}

describe('runNote', () => {
  it('says what ran, at which commit, and where the evidence is', () => {
    expect(runNote(record(true, ['npm test']), 'e.json')).toBe(
      'Verification passed: level 1 (1 command) at abcdef123456 with uncommitted changes; evidence `e.json`',
    );
    expect(runNote(record(false, ['npm `x` test']), 'e.json')).toBe(
      "Verification failed: level 1 `npm 'x' test` timed out (0 of 1 command passed, level 1) at abcdef123456 with uncommitted changes; evidence `e.json`",
    );
  });
});

describe('recordRun', () => {
  it('refuses, writing nothing, when the commands changed while they ran', async () => {
    const dir = tempDir();
    const file = join(dir, 'x.md');
    const text =
      '# X\n\n### Level 1: Lint\n```bash\nnpm run lint\nnpm test\n```\n\n- [ ] All validation loops pass\n';
    writeFileSync(file, text);
    const ws = await loadWorkspace(dir);
    await expect(recordRun(ws, file, record(true, ['npm run e2e']), 'e.json')).rejects.toThrow(
      /validation commands changed while they ran/,
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
    // A run of some commands only: recorded, not ticked.
    const partial = { ...record(true, ['npm test']), complete: false };
    expect((await recordRun(ws, file, partial, 'e.json')).ticked).toEqual([]);
    // Complete by its own account, but the spec holds a command it did not run: not ticked either.
    expect((await recordRun(ws, file, record(true, ['npm run lint']), 'e.json')).ticked).toEqual([]);
    const done = await recordRun(ws, file, record(true, ['npm run lint', 'npm test']), 'e.json');
    expect(done.ticked).toEqual([{ line: 9, text: 'All validation loops pass' }]);
  });
});
