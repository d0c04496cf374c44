import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, type RunResult, run as runCli } from '../helpers/cli.js';

const TODAY = '2026-03-04';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(args: string[], cwd: string): RunResult {
  return runCli(args, cwd, { SPECWRIGHT_TODAY: TODAY });
}
function ok(args: string[], cwd: string): string {
  const r = run(args, cwd);
  if (r.code !== 0) throw new Error(`specwright ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
function json<T = Record<string, unknown>>(args: string[], cwd: string): T {
  return JSON.parse(ok([...args, '--json'], cwd)) as T;
}
const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');

/** A workspace in a git repository; template hints and the templates' example links are not errors here. */
function workspace(): string {
  // A prefix of our own: a concurrent run's teardown removes `specwright-test-*` folders.
  const dir = mkdtempSync(join(tmpdir(), 'specwright-lifecycle-'));
  dirs.push(dir);
  ok(['init'], dir);
  writeFileSync(
    join(dir, 'specwright.config.yaml'),
    'version: 1\nrules:\n  placeholder: off\n  dangling-reference: off\n',
  );
  git(dir, 'init', '-q', '.');
  return dir;
}

interface ShowItem {
  checked: boolean;
  text: string;
  line: number;
  id: string | null;
}
const checklist = (dir: string, path: string) =>
  json<{ checklist: ShowItem[] }>(['show', path], dir).checklist;

interface Result {
  schemaVersion: number;
  ok: boolean;
  command: string;
  changed: boolean;
  files: Array<{ path: string; changed: boolean; diff: string }>;
  moves: Array<{ from: string; to: string; method: string }>;
  status?: Array<{ path: string; from: string | null; to: string; state: string }>;
  items?: Array<{ path: string; line: number; checked: boolean; changed: boolean }>;
  changelog?: { path: string; date: string; message: string };
  forced?: Array<{ path: string; line?: number; message: string }>;
  notes: string[];
}

interface Kind {
  kind: string;
  slug: string;
  /** Files of the spec, main first, before and after archiving. */
  files: string[];
  archived: string[] | null;
  statusLine: (value: string) => string;
  values: { start: string; done: string; archived?: string };
  completeArgs: string[];
}

const KINDS: Kind[] = [
  {
    kind: 'feature',
    slug: 'arrow-streaming',
    files: ['specs/active/arrow-streaming/prd.md', 'specs/active/arrow-streaming/tasks.md'],
    archived: ['specs/archive/arrow-streaming/prd.md', 'specs/archive/arrow-streaming/tasks.md'],
    statusLine: (v) => `**Status**: ${v}\n`,
    values: { start: 'In Progress', done: 'Complete', archived: 'Archived' },
    completeArgs: [],
  },
  {
    kind: 'prd',
    slug: 'offline-sync',
    files: ['specs/active/offline-sync/prd.md'],
    archived: ['specs/archive/offline-sync/prd.md'],
    statusLine: (v) => `**Status**: ${v}\n`,
    values: { start: 'In Progress', done: 'Complete', archived: 'Archived' },
    completeArgs: [],
  },
  {
    kind: 'spec',
    slug: 'rate-limiter',
    files: ['specs/rate-limiter.md'],
    archived: ['specs/implemented/rate-limiter.md'],
    statusLine: (v) => `**Status:** ${v}\n`,
    values: { start: '🚧 In Progress', done: '✅ Implemented' },
    completeArgs: ['--version', '1.4.0', '--location', 'src/limiter'],
  },
  {
    kind: 'task',
    slug: 'issue-7',
    files: ['specs/tasks/issue-7.md'],
    archived: null,
    statusLine: (v) => `\nstatus: ${v}\n`,
    values: { start: 'in-progress', done: 'done' },
    completeArgs: [],
  },
  {
    kind: 'prp',
    slug: 'feed-autodiscovery',
    files: ['specs/prps/feed-autodiscovery.md'],
    archived: ['specs/prps/completed/feed-autodiscovery.md'],
    statusLine: (v) => `- **Status**: ${v}\n`,
    values: { start: 'In Progress', done: 'Complete' },
    completeArgs: [],
  },
];

describe.each(KINDS)('lifecycle of a $kind', (k) => {
  it('new → start → tick every item → complete → archive, and each refusal on the way', () => {
    const dir = workspace();
    const title = k.slug.replace(/-/g, ' ');
    ok(['new', k.kind, title, '--slug', k.slug, '--author', 'Ada', '--date', '2026-03-01'], dir);
    mkdirSync(join(dir, 'src/limiter'), { recursive: true });
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'new spec');
    const created = Object.fromEntries(k.files.map((f) => [f, read(dir, f)]));

    // archive refuses a spec that is not done, and writes nothing.
    if (k.archived) {
      const r = run(['archive', k.slug], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is not done, so it is not archived \(complete it first, or pass --force\)/);
      expect(read(dir, k.files[0] as string)).toBe(created[k.files[0] as string]);
    } else {
      const r = run(['archive', k.slug], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `kind task has no done folder (layout.done); its documents stay where they are`,
      );
    }

    // start: the status line in every file that has one, in the kind's style; a dry run first.
    const dry = json<Result>(['start', k.slug, '--dry-run'], dir);
    expect(dry).toMatchObject({ schemaVersion: 1, ok: true, command: 'start', dryRun: true, changed: true });
    expect(dry.files[0]?.diff).toContain(`+${k.statusLine(k.values.start).trim()}`);
    for (const f of k.files) expect(read(dir, f)).toBe(created[f]);
    const started = json<Result>(['start', k.slug], dir);
    expect(started.status?.map((s) => s.to)).toEqual(k.files.map(() => k.values.start));
    for (const f of k.files) {
      const text = read(dir, f);
      expect(text).toContain(k.statusLine(k.values.start));
      // Only the status line changed (and, for a spec, the changelog).
      const before = (created[f] as string).split('\n');
      const after = text.split('\n');
      if (k.kind !== 'spec') {
        expect(after.length).toBe(before.length);
        expect(after.filter((l, i) => l !== before[i])).toEqual([k.statusLine(k.values.start).trim()]);
      }
    }
    if (k.kind === 'spec') {
      expect(started.changelog).toEqual({
        path: 'specs/rate-limiter.md',
        date: TODAY,
        message: 'Started: 🚧 In Progress',
      });
      expect(read(dir, 'specs/rate-limiter.md')).toMatch(
        /## Changelog\n\n### 2026-03-04\n- Started: 🚧 In Progress\n$/,
      );
    }
    expect(run(['start', k.slug], dir).stdout).toContain('already in progress');

    // complete refuses while done-criteria items are open, naming each with its line.
    const refusal = run(['complete', k.slug, ...k.completeArgs], dir);
    expect(refusal.code).toBe(2);
    expect(refusal.stderr).toMatch(
      /^specwright: \S+: not ready to complete: \d+ reasons? \(fix them, or pass --force to complete anyway\)\n/,
    );
    const open = refusal.stderr.split('\n').filter((l) => l.includes(': open: [ ] '));
    expect(open.length).toBeGreaterThan(0);
    for (const line of open) {
      const m = /^ {2}(\S+):(\d+): open: \[ \] (.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      const [, path, n, text] = m as RegExpExecArray;
      expect(read(dir, path as string).split('\n')[Number(n) - 1]).toContain(`[ ] ${text}`);
    }
    const refusedJson = run(['complete', k.slug, ...k.completeArgs, '--json'], dir);
    expect(refusedJson.code).toBe(2);
    const refused = JSON.parse(refusedJson.stdout) as {
      ok: boolean;
      error: { code: string; reasons: unknown[] };
    };
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-ready' } });
    expect(refused.error.reasons).toHaveLength(open.length);

    // Tick every item of every file, by line; a feature's duplicated phase items by id, both copies at once.
    if (k.kind === 'feature') {
      const both = json<Result>(['tick', k.slug, '2.1'], dir);
      expect(both.items?.map((i) => i.path)).toEqual(k.files);
    }
    for (const f of k.files) {
      const lines = checklist(dir, f)
        .filter((c) => !c.checked)
        .map((c) => `line:${c.line}`);
      if (lines.length) ok(['tick', f, ...lines], dir);
      expect(
        checklist(dir, f).every((c) => c.checked),
        f,
      ).toBe(true);
    }
    const ticked = Object.fromEntries(k.files.map((f) => [f, read(dir, f)]));

    // complete: the done value; a spec also records its date, version and location.
    const completed = json<Result>(['complete', k.slug, ...k.completeArgs], dir);
    expect(completed.forced).toBeUndefined();
    expect(completed.status?.map((s) => s.to)).toEqual(k.files.map(() => k.values.done));
    for (const f of k.files) expect(read(dir, f)).toContain(k.statusLine(k.values.done));
    if (k.kind === 'spec') {
      const spec = read(dir, 'specs/rate-limiter.md');
      expect(spec).toContain(
        '**Implemented:** 2026-03-04\n**Version:** 1.4.0\n**Location:** `src/limiter`\n',
      );
      expect(spec).toMatch(/- Completed: ✅ Implemented, version 1\.4\.0, location `src\/limiter`\n$/);
    } else {
      // Nothing but the status line changed: no box ticked, no changelog invented for kinds that keep none.
      for (const f of k.files) {
        const before = (ticked[f] as string).split('\n');
        const after = read(dir, f).split('\n');
        expect(after.filter((l, i) => l !== before[i])).toEqual([k.statusLine(k.values.done).trim()]);
      }
    }
    expect(run(['complete', k.slug], dir).stdout).toContain('already done');

    // archive: moved per the layout, with git mv; the status becomes the value the move stands for.
    if (!k.archived) return;
    const archived = json<Result>(['archive', k.slug], dir);
    expect(archived.moves).toHaveLength(1);
    expect(archived.moves[0]?.method).toBe('git-mv');
    for (const f of k.files) expect(existsSync(join(dir, f)), f).toBe(false);
    for (const f of k.archived) expect(existsSync(join(dir, f)), f).toBe(true);
    const main = read(dir, k.archived[0] as string);
    expect(main).toContain(k.statusLine(k.values.archived ?? k.values.done));
    if (k.kind === 'feature') {
      expect(read(dir, 'specs/archive/arrow-streaming/recovery.md')).toContain(
        '**Workspace**: `specs/archive/arrow-streaming/`',
      );
      expect(existsSync(join(dir, 'specs/archive/arrow-streaming/research'))).toBe(true);
    }
    if (k.kind === 'prd') expect(main).toContain('**Workspace**: specs/archive/offline-sync/\n');
    if (k.kind === 'spec') expect(main).toMatch(/- Archived: moved to specs\/implemented\n$/);
    expect(git(dir, 'status', '--porcelain')).toMatch(/^R[ M] /m);
    // Again: nothing to move.
    expect(json<Result>(['archive', k.slug], dir).notes).toContain(
      `already in ${k.archived[0]?.split('/').slice(0, -1).join('/')}`,
    );
    // No lock files were left anywhere.
    const leftovers = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? e.name === '.git'
            ? []
            : leftovers(join(d, e.name))
          : e.name.includes('specwright-lock')
            ? [e.name]
            : [],
      );
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('refusals and overrides', () => {
  it('complete --force records the overridden reasons in the changelog, creating one for kinds without', () => {
    const dir = workspace();
    ok(['new', 'prd', 'Offline sync', '--author', 'Ada'], dir);
    const r = json<Result>(['complete', 'offline-sync', '--force'], dir);
    expect(r.forced?.length).toBeGreaterThan(0);
    expect(r.changelog?.message).toMatch(/^Completed: Complete \(forced despite \d+ open items?\)$/);
    expect(read(dir, 'specs/active/offline-sync/prd.md')).toMatch(
      /\n## Changelog\n\n### 2026-03-04\n- Completed: Complete \(forced despite \d+ open items?\)\n$/,
    );
  });

  it('a spec needs its version and an existing location', () => {
    const dir = workspace();
    ok(['new', 'spec', 'Rate limiter'], dir);
    ok(
      ['tick', 'rate-limiter', ...checklist(dir, 'specs/rate-limiter.md').map((c) => `line:${c.line}`)],
      dir,
    );
    const r = run(['complete', 'rate-limiter', '--location', 'src/nowhere'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('specs/rate-limiter.md:7: Version is not filled in; pass --version X.Y.Z');
    expect(r.stderr).toMatch(/specs\/rate-limiter\.md:8: location "src\/nowhere" does not exist/);
    expect(read(dir, 'specs/rate-limiter.md')).toContain('**Status:** 📋 Planned\n');
  });

  it('archive --force archives a spec that is not done and says so; an existing target is never overwritten', () => {
    const dir = workspace();
    ok(['new', 'prp', 'Webhooks'], dir);
    mkdirSync(join(dir, 'specs/prps/completed'), { recursive: true });
    writeFileSync(join(dir, 'specs/prps/completed/webhooks.md'), 'someone else\n');
    // Two documents are called "webhooks" now: name the active one by its path.
    const blocked = run(['archive', 'specs/prps/webhooks.md', '--force'], dir);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain(
      'specwright: specs/prps/completed/webhooks.md: the target already exists; it is never overwritten',
    );
    expect(read(dir, 'specs/prps/completed/webhooks.md')).toBe('someone else\n');
    expect(read(dir, 'specs/prps/webhooks.md')).toContain('- **Status**: Draft\n');
    rmSync(join(dir, 'specs/prps/completed/webhooks.md'));
    const forced = json<Result>(['archive', 'webhooks', '--force'], dir);
    expect(forced.moves[0]).toMatchObject({
      from: 'specs/prps/webhooks.md',
      to: 'specs/prps/completed/webhooks.md',
      method: 'rename',
    });
    expect(read(dir, 'specs/prps/completed/webhooks.md')).toMatch(
      /- Archived: moved to specs\/prps\/completed \(forced; status: Draft\)\n$/,
    );
  });

  it('tick names ambiguous and unknown items with their lines, and --undo unticks', () => {
    const dir = workspace();
    ok(['new', 'spec', 'Rate limiter'], dir);
    const amb = run(['tick', 'rate-limiter', 'Deploy'], dir);
    expect(amb.code).toBe(2);
    expect(amb.stderr).toBe(
      [
        'specwright: specs/rate-limiter.md: "Deploy" matches 2 items; name one by its id, more of its text, or line:N',
        '  specs/rate-limiter.md:301: [ ] Deploy to staging',
        '  specs/rate-limiter.md:303: [ ] Deploy to production',
        '',
      ].join('\n'),
    );
    const none = run(['tick', 'rate-limiter', 'Launch rockets'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no checklist item matches "Launch rockets"/);
    expect(ok(['tick', 'rate-limiter', 'Deploy to staging'], dir)).toContain(
      'ticked   specs/rate-limiter.md:301 Deploy to staging',
    );
    expect(read(dir, 'specs/rate-limiter.md')).toContain('- [x] Deploy to staging\n');
    expect(ok(['tick', 'rate-limiter', 'Deploy to staging'], dir)).toContain('already ticked');
    ok(['tick', 'rate-limiter', 'Deploy to staging', '--undo'], dir);
    expect(read(dir, 'specs/rate-limiter.md')).toContain('- [ ] Deploy to staging\n');
  });

  it('set writes any field in the document’s style and keeps the status inside the vocabulary', () => {
    const dir = workspace();
    ok(['new', 'prp', 'Webhooks'], dir);
    ok(['set', 'webhooks', 'Confidence', '8'], dir);
    ok(['set', 'webhooks', 'Reviewer', 'Grace'], dir);
    const prp = read(dir, 'specs/prps/webhooks.md');
    expect(prp).toContain('- **Confidence**: 8\n');
    expect(prp).toContain('- **Type**: [API/Agent/Pipeline/Library/Full-Stack]\n- **Reviewer**: Grace\n');
    const bad = run(['set', 'webhooks', 'Status', 'Shipped'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '"Shipped" is not a status of kind prp (Draft, In Progress, Blocked, Complete)',
    );
    ok(['set', 'webhooks', 'status', 'blocked'], dir);
    expect(read(dir, 'specs/prps/webhooks.md')).toContain('- **Status**: Blocked\n');
    ok(['new', 'task', 'Pool', '--slug', 'issue-3'], dir);
    ok(['set', 'issue-3', 'issue', '3'], dir);
    expect(read(dir, 'specs/tasks/issue-3.md')).toMatch(/^---\n[\s\S]*status: open\nissue: 3\n---\n/);
  });

  it('changelog adds dated entries in the document’s format, and refuses kinds that keep none', () => {
    const dir = workspace();
    ok(['new', 'spec', 'Rate limiter'], dir);
    ok(['changelog', 'rate-limiter', 'Reviewed by Grace', '--date', '2026-03-02'], dir);
    ok(['changelog', 'rate-limiter', 'Second thoughts'], dir);
    expect(read(dir, 'specs/rate-limiter.md')).toMatch(
      /## Changelog\n\n### 2026-03-02\n- Reviewed by Grace\n\n### 2026-03-04\n- Second thoughts\n$/,
    );
    ok(['new', 'prd', 'Offline sync'], dir);
    const r = run(['changelog', 'offline-sync', 'x'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'no changelog section (kind prd keeps none); add a "## Changelog" heading to keep one',
    );
  });

  it('--dry-run prints a unified diff and writes nothing; SPECWRIGHT_TODAY must be a date', () => {
    const dir = workspace();
    ok(['new', 'spec', 'Rate limiter'], dir);
    const before = read(dir, 'specs/rate-limiter.md');
    const out = ok(['start', 'rate-limiter', '--dry-run'], dir);
    expect(out).toContain(
      '--- a/specs/rate-limiter.md\n+++ b/specs/rate-limiter.md\n@@ -1,6 +1,6 @@\n # Rate limiter\n \n-**Status:** 📋 Planned\n+**Status:** 🚧 In Progress\n',
    );
    expect(out).toMatch(/dry run: nothing written\n$/);
    expect(read(dir, 'specs/rate-limiter.md')).toBe(before);
    const bad = runCli(['start', 'rate-limiter'], dir, { SPECWRIGHT_TODAY: 'tomorrow' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('specwright: SPECWRIGHT_TODAY="tomorrow" is not a date (YYYY-MM-DD)\n');
  });

  it('a document of unknown kind needs --kind for status commands, but tick works on any Markdown', () => {
    const dir = workspace();
    mkdirSync(join(dir, 'specs'), { recursive: true });
    writeFileSync(join(dir, 'specs/notes.md'), '# Notes\r\n\r\n- [ ] one\r\n- [ ] two\r\n');
    const r = run(['start', 'specs/notes.md'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot tell what kind of spec this is.*pass --kind/);
    ok(['tick', 'specs/notes.md', 'two'], dir);
    ok(['start', 'specs/notes.md', '--kind', 'prd'], dir);
    expect(read(dir, 'specs/notes.md')).toBe(
      '# Notes\r\n\r\n**Status**: In Progress\r\n\r\n- [ ] one\r\n- [x] two\r\n',
    );
  });
});
