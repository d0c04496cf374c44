/**
 * Small rules and workspaces for the engine tests: the engine is tested with rules defined here,
 * so that its behaviour (severities, disable comments, crashes, fixes, cache) does not depend on
 * what the real rules find.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Range, SpecDocument } from '../../src/model/types.js';
import type { Finding, Rule } from '../../src/rules/types.js';
import { loadWorkspace, type Workspace } from '../../src/workspace/workspace.js';

export function rangeOf(doc: SpecDocument, start: number, end: number): Range {
  return { start: doc.posAt(start), end: doc.posAt(end) };
}

function occurrences(text: string, word: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length)) out.push(i);
  return out;
}

/** Every "TODO" is a warning. */
export const todoRule: Rule = {
  meta: {
    id: 'no-todo',
    description: 'No TODO left.',
    rationale: 'A TODO is unfinished work.',
    severity: 'warning',
    fixable: false,
    tags: ['test'],
    messages: { todo: 'TODO left in "{section}"' },
  },
  check: (doc) =>
    occurrences(doc.text, 'TODO').map((at) => ({
      messageId: 'todo',
      data: { section: doc.title?.value ?? '?' },
      range: rangeOf(doc, at, at + 4),
    })),
};

/** "xx" -> "x", a safe fix; "xxxx" needs two passes. */
export const doubleXRule: Rule = {
  meta: {
    id: 'double-x',
    description: 'No doubled x.',
    rationale: 'Test rule.',
    severity: 'error',
    fixable: true,
    tags: ['test'],
    messages: { doubled: 'doubled x' },
  },
  check: (doc) => {
    const out: Finding[] = [];
    for (const at of occurrences(doc.text, 'xx'))
      out.push({
        messageId: 'doubled',
        range: rangeOf(doc, at, at + 2),
        fix: { edits: [{ start: at, end: at + 2, text: 'x' }], safe: true, description: 'x' },
      });
    return out;
  },
};

/** "maybe" -> "surely", an unsafe fix. */
export const maybeRule: Rule = {
  meta: {
    id: 'no-maybe',
    description: 'No maybe.',
    rationale: 'Test rule.',
    severity: 'info',
    fixable: true,
    tags: ['test'],
    messages: { maybe: 'maybe' },
  },
  check: (doc) =>
    occurrences(doc.text, 'maybe').map((at) => ({
      messageId: 'maybe',
      range: rangeOf(doc, at, at + 5),
      fix: { edits: [{ start: at, end: at + 5, text: 'surely' }], safe: false, description: 'surely' },
    })),
};

/** Throws on documents that say BOOM. */
export const crashRule: Rule = {
  meta: {
    id: 'crashy',
    description: 'Crashes.',
    rationale: 'Test rule.',
    severity: 'error',
    fixable: false,
    tags: ['test'],
    messages: { never: 'never' },
  },
  check: (doc) => {
    if (doc.text.includes('BOOM')) throw new Error('kaboom');
    return [];
  },
};

/** A backticked path that does not exist under the repo root (probes the filesystem). */
export const missingPathRule: Rule = {
  meta: {
    id: 'missing-path',
    description: 'Paths exist.',
    rationale: 'Test rule.',
    severity: 'error',
    fixable: false,
    tags: ['test'],
    messages: { missing: '{path} does not exist' },
  },
  check: (doc, ctx) =>
    doc.references
      .filter((r) => r.kind === 'path')
      .filter((r) => !ctx.exists(join(ctx.repoRoot, r.target)))
      .map((r) => ({ messageId: 'missing', data: { path: r.target }, range: r.range })),
};

/** `#N` that no task knows (asks ctx.issueNumbers). */
export const issueRule: Rule = {
  meta: {
    id: 'unknown-issue',
    description: 'Issues exist.',
    rationale: 'Test rule.',
    severity: 'error',
    fixable: false,
    tags: ['test'],
    messages: { unknown: '#{n} is unknown' },
  },
  check: (doc, ctx) =>
    doc.references
      .filter((r) => r.kind === 'issue')
      .filter((r) => !ctx.issueNumbers.has(Number(r.target)))
      .map((r) => ({ messageId: 'unknown', data: { n: r.target }, range: r.range })),
};

/** Reports once per task document, with options echoed into the message. */
export const taskOnlyRule: Rule = {
  meta: {
    id: 'task-only',
    description: 'Runs on tasks.',
    rationale: 'Test rule.',
    severity: 'info',
    fixable: false,
    tags: ['test'],
    messages: { seen: 'task seen (limit {limit})' },
    kinds: ['task'],
  },
  check: (doc, ctx) => [
    { messageId: 'seen', data: { limit: String(ctx.options.limit ?? 'none') }, range: rangeOf(doc, 0, 0) },
  ],
};

export const TEST_RULES: readonly Rule[] = [
  todoRule,
  doubleXRule,
  maybeRule,
  crashRule,
  missingPathRule,
  issueRule,
  taskOnlyRule,
];

const made: string[] = [];

/**
 * A temp folder with a prefix of its own: the suite-wide teardown removes `specwright-test-*`
 * folders, and a concurrent run's teardown must not remove ours mid-test. Remove with cleanupDirs().
 */
export function checkTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'specwright-check-'));
  made.push(dir);
  return dir;
}

export function cleanupDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temp workspace with these files (text, or bytes for exact encodings). */
export function workspaceDir(files: Record<string, string | Uint8Array>): string {
  const dir = checkTempDir();
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

export async function workspace(files: Record<string, string | Uint8Array>): Promise<Workspace> {
  return loadWorkspace(workspaceDir(files));
}

export const TASK_12 = `---
name: Task
about: An implementation task
title: "Parser"
labels: task
assignees: ''
status: open
---

# Parser

Some text.
`;

/** Says what it is told to: a message with characters that output formats must escape. */
export const echoRule: Rule = {
  meta: {
    id: 'echo',
    description: 'Echoes SAY lines.',
    rationale: 'Test rule.',
    severity: 'warning',
    fixable: false,
    tags: ['test'],
    messages: { say: '{text}' },
  },
  check: (doc) => {
    const out: Finding[] = [];
    const re = /SAY (.*)/g;
    for (const m of doc.text.matchAll(re))
      out.push({
        messageId: 'say',
        data: { text: (m[1] ?? '').replace(/\\n/g, '\n').replace(/\\r/g, '\r') },
        range: rangeOf(doc, m.index, m.index + m[0].length),
        note: 'a note',
      });
    return out;
  },
};
