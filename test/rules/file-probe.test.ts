import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileProbe } from '../../src/rules/context.js';
import { tempDir } from '../helpers/cli.js';

describe('FileProbe', () => {
  it('answers as stat does: files, folders, paths under missing folders and under files', () => {
    const root = tempDir();
    mkdirSync(join(root, 'docs', 'guides'), { recursive: true });
    writeFileSync(join(root, 'docs', 'guides', 'a.md'), '# A\n');
    const probe = new FileProbe();
    expect(probe.exists(join(root, 'docs', 'guides', 'a.md'))).toBe(true);
    expect(probe.exists(join(root, 'docs', 'guides'))).toBe(true);
    expect(probe.exists(join(root, 'docs', 'guides', 'b.md'))).toBe(false);
    expect(probe.exists(join(root, 'missing', 'deeper', 'c.md'))).toBe(false);
    expect(probe.exists(join(root, 'docs', 'guides', 'a.md', 'inside'))).toBe(false);
    expect(probe.exists(`${root}/docs/../docs/guides/a.md`)).toBe(true);
    expect(probe.exists('/')).toBe(true);
  });

  it('keeps its answers for the run: a file removed meanwhile still exists to it', () => {
    const root = tempDir();
    writeFileSync(join(root, 'a.md'), '# A\n');
    const probe = new FileProbe();
    expect(probe.exists(join(root, 'a.md'))).toBe(true);
    rmSync(join(root, 'a.md'));
    expect(probe.exists(join(root, 'a.md'))).toBe(true);
    expect(new FileProbe().exists(join(root, 'a.md'))).toBe(false);
  });
});
