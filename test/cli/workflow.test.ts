/** End to end: the built CLI in a temp directory, as the README's user runs it. */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, runJson, tempDir } from '../helpers/cli.js';

describe('init, new, list, show, status', () => {
  it('runs the whole first-day workflow', () => {
    const dir = tempDir();
    const init = run(['init'], dir);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('created specwright.config.yaml');
    expect(existsSync(join(dir, 'specs/active'))).toBe(true);
    // Idempotent.
    const again = run(['init'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('created');

    expect(
      run(
        ['new', 'prd', 'Offload partitioned tables', '--author', 'Ada Lovelace', '--date', '2026-11-02'],
        dir,
      ).code,
    ).toBe(0);
    const prd = readFileSync(join(dir, 'specs/active/offload-partitioned-tables/prd.md'), 'utf8');
    expect(prd).toContain('# PRD: Offload partitioned tables');
    expect(prd).toContain('**Status**: Draft\n');
    expect(prd).toContain('**Created**: 2026-11-02');
    expect(prd).toContain('**Author**: Ada Lovelace');
    expect(prd).toContain('specs/active/offload-partitioned-tables/');

    expect(run(['new', 'feature', 'Arrow result streaming'], dir).code).toBe(0);
    for (const f of ['prd.md', 'tasks.md', 'recovery.md', 'research']) {
      expect(existsSync(join(dir, 'specs/active/arrow-result-streaming', f)), f).toBe(true);
    }
    for (const [kind, title] of [
      ['spec', 'Rate limiter'],
      ['task', 'Connection pool'],
      ['prp', 'Webhook retries'],
    ] as const) {
      expect(run(['new', kind, title], dir).code).toBe(0);
    }
    const spec = readFileSync(join(dir, 'specs/rate-limiter.md'), 'utf8');
    expect(spec).toContain('**Status:** 📋 Planned');

    const list = runJson<{
      schemaVersion: number;
      specs: Array<{ slug: string; kind: string; status: { state: string } | null; placeholders: number }>;
    }>(['list'], dir);
    expect(list.schemaVersion).toBe(1);
    expect(list.specs.map((s) => `${s.slug}:${s.kind}:${s.status?.state}`).sort()).toEqual([
      'arrow-result-streaming:feature:planned',
      'connection-pool:task:planned',
      'offload-partitioned-tables:prd:draft',
      'rate-limiter:spec:planned',
      'webhook-retries:prp:draft',
    ]);
    // Fresh from the template: everything is still to fill in.
    for (const s of list.specs) expect(s.placeholders, s.slug).toBeGreaterThan(0);

    const show = runJson<{
      kind: string;
      title: string;
      status: { raw: string; state: string };
      placeholders: Array<{ line: number }>;
    }>(['show', 'offload-partitioned-tables'], dir);
    expect(show).toMatchObject({
      kind: 'prd',
      title: 'PRD: Offload partitioned tables',
      status: { raw: 'Draft', state: 'draft' },
    });

    const status = runJson<{ total: number; byState: Record<string, number> }>(['status'], dir);
    expect(status.total).toBe(5);
    expect(status.byState).toEqual({ draft: 2, planned: 3 });
  });

  it('refuses to overwrite, names unknown kinds, and rejects an empty slug, writing nothing', () => {
    const dir = tempDir();
    run(['init'], dir);
    expect(run(['new', 'spec', 'Rate limiter'], dir).code).toBe(0);
    const before = readFileSync(join(dir, 'specs/rate-limiter.md'), 'utf8');
    writeFileSync(join(dir, 'specs/rate-limiter.md'), `${before}\nmine\n`);
    const exists = run(['new', 'spec', 'Rate limiter'], dir);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toBe(
      'specwright: specs/rate-limiter.md: already exists (use --force to overwrite)\n',
    );
    expect(readFileSync(join(dir, 'specs/rate-limiter.md'), 'utf8')).toContain('mine');

    const unknown = run(['new', 'rfc', 'X'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^specwright: unknown kind "rfc" \(known: feature, prd, spec, task, prp\)\n$/,
    );

    const empty = run(['new', 'spec', '!!!'], dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('makes an empty slug');
    expect(empty.stderr).not.toContain('    at ');
  });

  it('reports a bad config with its file, line and key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'specwright.config.yaml'), 'version: 1\nstale:\n  days: soon\n');
    const r = run(['list'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/specwright\.config\.yaml:3: "stale\.days": .*number/);
    writeFileSync(join(dir, 'specwright.config.yaml'), 'version: 1\nspecz: [docs]\n');
    expect(run(['list'], dir).stderr).toMatch(/specwright\.config\.yaml:2: config: unknown key "specz"/);
  });

  it('keeps going past a binary, a mis-encoded and an unreadable file', () => {
    const dir = tempDir();
    run(['init'], dir);
    run(['new', 'spec', 'Good one'], dir);
    writeFileSync(
      join(dir, 'specs/binary.md'),
      Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64, 0)]),
    );
    writeFileSync(
      join(dir, 'specs/latin1.md'),
      Buffer.concat([Buffer.from('# T\n\nline two\ncaf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    mkdirSync(join(dir, 'specs/locked'));
    writeFileSync(join(dir, 'specs/locked/secret.md'), '# S\n');
    chmodSync(join(dir, 'specs/locked/secret.md'), 0o000);
    const r = run(['list', '--json'], dir);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as {
      specs: Array<{ slug: string }>;
      errors: Array<{ path: string; line?: number; message: string }>;
    };
    expect(out.specs.map((s) => s.slug)).toContain('good-one');
    const byPath = Object.fromEntries(out.errors.map((e) => [e.path, e]));
    expect(byPath['specs/binary.md']?.message).toMatch(/binary/);
    expect(byPath['specs/latin1.md']).toMatchObject({ line: 4 });
    expect(byPath['specs/latin1.md']?.message).toMatch(/not valid UTF-8/);
    // root can read anything; elsewhere the unreadable file is one more error line.
    if (process.getuid?.() !== 0) expect(byPath['specs/locked/secret.md']).toBeDefined();
  });

  it('lists the same on worker threads as on one thread, bad files and cache hits included', () => {
    const dir = tempDir();
    run(['init'], dir);
    for (let i = 1; i <= 9; i++) run(['new', i % 2 ? 'spec' : 'task', `Item ${i}`], dir);
    writeFileSync(join(dir, 'specs/binary.md'), Buffer.concat([Buffer.from('\x89PNG'), Buffer.alloc(16, 0)]));
    run(['list', '--json'], dir, { SPECWRIGHT_WORKERS: '0' }); // fills the cache
    // Touched but unchanged: the stamp misses, the workers hash the bytes and the cache answers.
    for (let i = 1; i <= 9; i += 2) {
      const file = join(dir, `specs/item-${i}.md`);
      writeFileSync(file, readFileSync(file));
    }
    // Changed: parsed again on a worker.
    writeFileSync(join(dir, 'specs/item-3.md'), '# Item 3\n\n**Status:** Implemented\n\n- [x] done\n');
    const three = run(['list', '--json'], dir, { SPECWRIGHT_WORKERS: '3' });
    expect(three.stderr).toBe('');
    rmSync(join(dir, '.specwright/cache'), { recursive: true });
    const one = run(['list', '--json'], dir, { SPECWRIGHT_WORKERS: '0' });
    expect(three.stdout).toBe(one.stdout);
    expect(JSON.parse(three.stdout).specs).toContainEqual(
      expect.objectContaining({ slug: 'item-3', progress: { checked: 1, total: 1 } }),
    );
    expect(three.code).toBe(2); // the binary file
  });

  it('shows any Markdown file by path, inside a workspace or not', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'notes.md'),
      '# Notes\n\n**Status**: In Progress\n\n- [x] a\n- [ ] b {Fill me}\n',
    );
    const show = runJson<{
      status: { state: string };
      progress: { checked: number; total: number };
      placeholders: Array<{ text: string; line: number; column: number }>;
    }>(['show', 'notes.md'], dir);
    expect(show.status.state).toBe('in-progress');
    expect(show.progress).toEqual({ checked: 1, total: 2 });
    expect(show.placeholders).toEqual([{ text: '{Fill me}', line: 6, column: 9, reason: 'brace' }]);
    const missing = run(['show', 'nope'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^specwright: no spec "nope"/);
  });

  it('answers --version without loading the CLI', () => {
    const r = run(['--version'], tempDir());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
