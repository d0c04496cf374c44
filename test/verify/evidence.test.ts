import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileStamp, readRun, runFiles, runsDir, runsDirName, writeRun } from '../../src/verify/evidence.js';
import { lastRun, lastRunJson, lastRunsFor, runHistory } from '../../src/verify/history.js';
import { findRepoRoot, headCommit, isDirty, repoState } from '../../src/verify/repo.js';
import type { RunRecord } from '../../src/verify/types.js';
import { git } from '../helpers/cli.js';
import { tempDir } from './process-helpers.js';

function record(slug: string, startedAt: string, passed: boolean, commit: string | null = null): RunRecord {
  return {
    schemaVersion: 1,
    spec: `specs/${slug}.md`,
    slug,
    startedAt,
    durationMs: 12,
    cwd: '/tmp',
    commit,
    dirty: commit ? false : null,
    specLevels: [1],
    levels: [1],
    passed,
    complete: true,
    interrupted: false,
    timeoutMs: 1000,
    results: [],
  };
}

describe('evidence files', () => {
  it('names runs by time, never overwrites one, and lists them newest first', () => {
    const root = tempDir();
    const a = writeRun(root, record('x', '2026-01-02T03:04:05.006Z', true));
    const b = writeRun(root, record('x', '2026-01-02T03:04:05.006Z', false));
    const c = writeRun(root, record('x', '2026-01-03T00:00:00.000Z', true));
    expect(basename(a)).toBe('2026-01-02T03-04-05.006Z.json');
    expect(basename(b)).toBe('2026-01-02T03-04-05.006Z~1.json');
    expect(runFiles(root, 'x')).toEqual([c, b, a]);
    expect(readRun(b)?.passed).toBe(false);
  });

  it('skips damaged and foreign files', () => {
    const root = tempDir();
    const good = writeRun(root, record('x', '2026-01-01T00:00:00.000Z', true));
    writeFileSync(join(runsDir(root, 'x'), '2026-01-05T00-00-00.000Z.json'), '{ not json');
    writeFileSync(join(runsDir(root, 'x'), 'notes.txt'), 'hello');
    expect(runHistory(root, 'x').map((e) => e.path)).toEqual([good]);
    expect(lastRun(root, 'x')?.path).toBe(good);
    expect(lastRun(root, 'never-ran')).toBeNull();
  });

  it('keeps slugs that are odd folder names safe', () => {
    expect(runsDirName('../../etc')).toBe('etc');
    expect(runsDirName('v1.2-notes')).toBe('v1.2-notes');
    expect(runsDirName('feed refresh')).toBe('feed-refresh');
    expect(fileStamp('2026-01-02T03:04:05.006Z')).toBe('2026-01-02T03-04-05.006Z');
  });

  it('reports whether the last run is for HEAD, reading only specs that ran', () => {
    const root = tempDir();
    writeRun(root, record('a', '2026-01-01T00:00:00.000Z', false, 'f'.repeat(40)));
    writeRun(root, record('a', '2026-01-02T00:00:00.000Z', true, 'a'.repeat(40)));
    const runs = lastRunsFor(root, ['a', 'b']);
    expect(runs.get('b')).toBeNull();
    // No git repository here: HEAD is unknown, so no run is current.
    expect(runs.get('a')).toEqual({
      at: '2026-01-02T00:00:00.000Z',
      passed: true,
      complete: true,
      commit: 'a'.repeat(40),
      dirty: false,
      current: false,
    });
    expect(lastRunJson(record('a', 'x', true, 'a'.repeat(40)), 'a'.repeat(40)).current).toBe(true);
  });
});

describe('repository state', () => {
  it('finds the repository root above a workspace, HEAD, and changes outside .specwright/', () => {
    const repo = tempDir();
    git(repo, 'init', '-q');
    const ws = join(repo, 'docs');
    mkdirSync(ws);
    writeFileSync(join(ws, 'a.md'), 'a\n');
    expect(findRepoRoot(ws)).toBe(repo);
    expect(headCommit(repo)).toBeNull(); // no commit yet
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'init');
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    expect(repoState(ws)).toEqual({ cwd: repo, commit: head, dirty: false });
    writeRun(ws, record('a', '2026-01-01T00:00:00.000Z', true));
    expect(isDirty(repo, join(ws, '.specwright'))).toBe(false);
    writeFileSync(join(ws, 'a.md'), 'changed\n');
    expect(repoState(ws).dirty).toBe(true);
    expect(readdirSync(join(ws, '.specwright', 'runs', 'a'))).toHaveLength(1);
  });

  it('runs in the workspace root and records no commit outside a repository', () => {
    const dir = tempDir();
    expect(findRepoRoot(dir)).toBeNull();
    expect(repoState(dir)).toEqual({ cwd: dir, commit: null, dirty: null });
  });
});
