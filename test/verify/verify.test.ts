import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifyLevel } from '../../src/verify/types.js';
import { verifySpec } from '../../src/verify/verify.js';
import { tempDir } from './process-helpers.js';

function levelsTouching(marker: string): VerifyLevel[] {
  return [
    {
      level: 1,
      title: 'Syntax',
      line: 3,
      commands: [
        { command: 'true', line: 5, warnings: [] },
        { command: `touch ${marker}`, line: 6, warnings: [] },
      ],
    },
  ];
}

/** verifySpec on specs/x.md with `levels` as its plan and `allow` as the allowlist. */
function verifyLevels(root: string, levels: ReturnType<typeof levelsTouching>, allow: string[]) {
  return verifySpec({
    root,
    spec: 'specs/x.md',
    slug: 'x',
    plan: { source: 'levels', levels, ignored: [] },
    levels,
    timeoutMs: 5000,
    allow,
  });
}

describe('verifySpec', () => {
  it('refuses a plan the allowlist rejects, whatever face calls it, and runs nothing', async () => {
    const root = tempDir();
    const marker = join(root, 'ran');
    const levels = levelsTouching(marker);
    const run = verifyLevels(root, levels, ['true']);
    await expect(run).rejects.toMatchObject({ code: 'not-allowed', file: 'specs/x.md', line: 6 });
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(root, '.specwright', 'runs'))).toBe(false);
  });

  it('runs the same plan when every command is allowed', async () => {
    const root = tempDir();
    const marker = join(root, 'ran');
    const levels = levelsTouching(marker);
    const { run } = await verifyLevels(root, levels, ['true', 'touch *']);
    expect(run.passed).toBe(true);
    expect(existsSync(marker)).toBe(true);
  });
});
