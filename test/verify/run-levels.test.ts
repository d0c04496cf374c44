import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLevels } from '../../src/verify/run-levels.js';
import type { VerifyLevel } from '../../src/verify/types.js';
import { isGone, readPid, tempDir } from './process-helpers.js';

function level(n: number, ...commands: string[]): VerifyLevel {
  return {
    level: n,
    title: `L${n}`,
    line: n,
    commands: commands.map((command, i) => ({ command, line: n * 10 + i, warnings: [] })),
  };
}

const PLAN = [level(1, 'touch a'), level(2, 'touch b1', 'exit 2', 'touch b3'), level(3, 'touch c')];

describe('runLevels', () => {
  it('stops a level at its first failing command and the run at the first failing level', async () => {
    const dir = tempDir();
    const { results, interrupted } = await runLevels(PLAN, { cwd: dir, timeoutMs: 5000 });
    expect(interrupted).toBe(false);
    expect(results.map((l) => l.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(results[1]?.commands.map((c) => [c.status, c.exitCode])).toEqual([
      ['passed', 0],
      ['failed', 2],
      ['not-run', null],
    ]);
    expect(results[2]?.commands.map((c) => c.status)).toEqual(['not-run']);
    expect(results[2]?.commands[0]?.outputSha256).toBeNull();
    expect(['a', 'b1', 'b3', 'c'].map((f) => existsSync(join(dir, f)))).toEqual([true, true, false, false]);
  });

  it('runs everything with continueOnFailure', async () => {
    const dir = tempDir();
    const { results } = await runLevels(PLAN, { cwd: dir, timeoutMs: 5000, continueOnFailure: true });
    expect(results.map((l) => l.status)).toEqual(['passed', 'failed', 'passed']);
    expect(['a', 'b1', 'b3', 'c'].map((f) => existsSync(join(dir, f)))).toEqual([true, true, true, true]);
  });

  it('stops what a level left in the background when the level ends', async () => {
    const dir = tempDir();
    const { results } = await runLevels(
      [level(1, 'sleep 30 & echo $! > bg.pid', 'kill -0 $(cat bg.pid)'), level(2, 'true')],
      { cwd: dir, timeoutMs: 5000, killGraceMs: 300 },
    );
    // Still running for the rest of its level, gone by the next one.
    expect(results[0]?.commands.map((c) => [c.status, c.leftovers ?? false])).toEqual([
      ['passed', true],
      ['passed', false],
    ]);
    expect(isGone(readPid(join(dir, 'bg.pid')))).toBe(true);
  });

  it('reports a timeout as the command status and goes on to nothing else', async () => {
    const dir = tempDir();
    const { results } = await runLevels([level(1, 'sleep 30'), level(2, 'touch never')], {
      cwd: dir,
      timeoutMs: 300,
      killGraceMs: 200,
    });
    expect(results[0]?.commands[0]).toMatchObject({ status: 'timeout', timedOut: true, exitCode: null });
    expect(results[1]?.status).toBe('skipped');
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('stops at once when aborted, and runs nothing more', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const { results, interrupted } = await runLevels(
      [level(1, 'sleep 30', 'touch never'), level(2, 'touch never2')],
      {
        cwd: dir,
        timeoutMs: 10_000,
        signal: controller.signal,
      },
    );
    expect(interrupted).toBe(true);
    expect(results[0]?.commands.map((c) => c.status)).toEqual(['interrupted', 'not-run']);
    expect(results[1]?.status).toBe('skipped');
  });
});
