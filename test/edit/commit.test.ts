/** The one write path: refuses a file that changed, writes nothing on failure, keeps BOM, mode and every other byte. */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/edit/apply.js';
import { commitEdits, commitFiles, encodeText, readForEdit } from '../../src/edit/commit.js';
import { isSpecwrightError } from '../../src/errors.js';

const dirs: string[] = [];
function file(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'specwright-commit-'));
  dirs.push(dir);
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

const tickFirst = (doc: { checklist: Array<{ markRange: { start: { offset: number } } }> }) => {
  const at = (doc.checklist[0]?.markRange.start.offset ?? 0) + 1;
  return [{ start: at, end: at + 1, text: 'x' }];
};

describe('commitEdits', () => {
  it('applies edits to the original bytes: BOM, CRLF, emoji and trailing spaces survive', async () => {
    const text = '# Spec 🚀\r\n\r\n- [ ] one  \r\n- [ ] two\r\n';
    const p = file('s.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const result = await commitEdits(p, undefined, tickFirst);
    expect(result.changed).toBe(true);
    const bytes = readFileSync(p);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(text.replace('[ ] one', '[x] one'));
    expect(result.afterHash).toBe(contentHash(bytes));
    expect(result.diff).toContain('-- [ ] one  \r\n+- [x] one  \r\n');
  });

  it('keeps the file mode', async () => {
    const p = file('s.md', '- [ ] a\n');
    chmodSync(p, 0o600);
    await commitEdits(p, undefined, tickFirst);
    expect(statSync(p).mode & 0o777).toBe(0o600);
  });

  it('refuses, writing nothing, when the file is not the one the edit was computed from', async () => {
    const p = file('s.md', '- [ ] a\n');
    const stale = contentHash(readFileSync(p));
    writeFileSync(p, '- [ ] a\n- [ ] b\n');
    const err = await rejection(commitEdits(p, stale, tickFirst));
    expect(isSpecwrightError(err) && err.code).toBe('conflict');
    expect((err as Error).message).toMatch(/changed on disk since it was read; nothing written/);
    expect(readFileSync(p, 'utf8')).toBe('- [ ] a\n- [ ] b\n');
  });

  it('accepts the matching hash', async () => {
    const p = file('s.md', '- [ ] a\n');
    const r = readForEdit(p);
    await commitEdits(p, r.hash, tickFirst);
    expect(readFileSync(p, 'utf8')).toBe('- [x] a\n');
  });

  it('refuses when another program saves the file between the read and the write', async () => {
    const p = file('s.md', '- [ ] a\n');
    const err = await rejection(
      commitEdits(p, undefined, (doc) => {
        writeFileSync(p, '- [ ] a\nsaved by an editor\n');
        return tickFirst(doc);
      }),
    );
    expect(isSpecwrightError(err) && err.code).toBe('conflict');
    expect(readFileSync(p, 'utf8')).toBe('- [ ] a\nsaved by an editor\n');
  });

  it('does not touch a file when the edits change nothing', async () => {
    const p = file('s.md', '- [x] a\n');
    const before = statSync(p).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    const result = await commitEdits(p, undefined, () => [{ start: 3, end: 4, text: 'x' }]);
    expect(result.changed).toBe(false);
    expect(result.diff).toBe('');
    expect(statSync(p).mtimeMs).toBe(before);
  });

  it('dry run: computes the diff, writes nothing, leaves no lock or temp file', async () => {
    const p = file('s.md', '- [ ] a\n');
    const result = await commitEdits(p, undefined, tickFirst, { dryRun: true });
    expect(result.diff).toContain('+- [x] a');
    expect(readFileSync(p, 'utf8')).toBe('- [ ] a\n');
    expect(readdirSync(join(p, '..'))).toEqual(['s.md']);
  });

  it('leaves no lock or temp file behind after a write or a refusal', async () => {
    const p = file('s.md', '- [ ] a\n');
    await commitEdits(p, undefined, tickFirst);
    await rejection(
      commitEdits(p, undefined, () => {
        throw new Error('refused');
      }),
    );
    expect(readdirSync(join(p, '..'))).toEqual(['s.md']);
  });

  it('reports a file that is not UTF-8 as an input error, naming it', async () => {
    const p = file('s.md', Buffer.from([0x2d, 0x20, 0x5b, 0x20, 0x5d, 0x20, 0xe9, 0x0a]));
    const err = await rejection(commitEdits(p, undefined, tickFirst));
    expect(isSpecwrightError(err) && err.code).toBe('encoding');
  });
});

describe('commitFiles', () => {
  it('writes nothing anywhere when the computation for any file throws', async () => {
    const a = file('a.md', '- [ ] a\n');
    const b = file('b.md', '- [ ] b\n');
    await rejection(
      commitFiles([a, b], (docs) => {
        const first = tickFirst(docs[0] as never);
        if (docs.length) throw new Error('the second one is not ready');
        return [first, []];
      }),
    );
    expect(readFileSync(a, 'utf8')).toBe('- [ ] a\n');
    expect(readFileSync(b, 'utf8')).toBe('- [ ] b\n');
  });

  it('edits several files in one step and reports each', async () => {
    const a = file('a.md', '- [ ] a\n');
    const b = file('b.md', '- [x] b\n');
    const files = await commitFiles([a, b], (docs) => docs.map((d) => tickFirst(d)));
    expect(files.map((f) => f.changed)).toEqual([true, false]);
    expect(readFileSync(a, 'utf8')).toBe('- [x] a\n');
  });

  it('encodeText puts the BOM back only when there was one', () => {
    expect([...encodeText('a', true)]).toEqual([0xef, 0xbb, 0xbf, 0x61]);
    expect([...encodeText('a', false)]).toEqual([0x61]);
  });
});
