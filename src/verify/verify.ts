/**
 * One verification of one spec: run the chosen levels where the repository
 * lives, then write the evidence file. The CLI, and any other face, call this.
 */
import { SpecwrightError } from '../errors.js';
import { Allowlist, type Rejection } from './allow.js';
import { writeRun } from './evidence.js';
import { repoState } from './repo.js';
import { type LevelReporter, runLevels } from './run-levels.js';
import type { RunRecord, VerifyLevel, VerifyPlan } from './types.js';

export interface VerifyOptions {
  /** Workspace root: evidence goes to `<root>/.specwright/runs/`. */
  root: string;
  /** Spec path as shown to users (relative to the root). */
  spec: string;
  slug: string;
  plan: VerifyPlan;
  /** The levels to run (from selectLevels). */
  levels: readonly VerifyLevel[];
  timeoutMs: number;
  /** The config's `verify.allow` globs; when any is set, a command none matches is never run. */
  allow: readonly string[];
  continueOnFailure?: boolean;
  killGraceMs?: number;
  env?: NodeJS.ProcessEnv;
  reporter?: LevelReporter;
  signal?: AbortSignal;
  /** Called once the repository state is known, before the first command. */
  onStart?(state: { cwd: string; commit: string | null; dirty: boolean | null }): void;
}

export interface VerifyOutcome {
  run: RunRecord;
  /** Absolute path of the evidence file. */
  evidence: string;
}

/** Runs nothing and throws when the allowlist rejects any command: the guarantee holds for every face. */
export async function verifySpec(opts: VerifyOptions): Promise<VerifyOutcome> {
  const rejected = new Allowlist(opts.allow).rejections(opts.levels);
  if (rejected.length) {
    const first = rejected[0] as Rejection;
    throw new SpecwrightError(
      `${rejected.length} command${rejected.length === 1 ? ' is' : 's are'} not allowed by verify.allow (\`${first.command}\`: ${first.reason}); nothing was run`,
      opts.spec,
      first.line,
      'not-allowed',
    );
  }
  const state = repoState(opts.root);
  opts.onStart?.(state);
  const startedAt = new Date();
  const started = performance.now();
  const { results, interrupted } = await runLevels(opts.levels, {
    cwd: state.cwd,
    timeoutMs: opts.timeoutMs,
    ...(opts.killGraceMs !== undefined ? { killGraceMs: opts.killGraceMs } : {}),
    ...(opts.continueOnFailure ? { continueOnFailure: true } : {}),
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.reporter ? { reporter: opts.reporter } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const total = (levels: readonly VerifyLevel[]) => levels.reduce((n, l) => n + l.commands.length, 0);
  const run: RunRecord = {
    schemaVersion: 1,
    spec: opts.spec,
    slug: opts.slug,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    cwd: state.cwd,
    commit: state.commit,
    dirty: state.dirty,
    specLevels: opts.plan.levels.map((l) => l.level),
    levels: opts.levels.map((l) => l.level),
    passed: !interrupted && results.every((l) => l.commands.every((c) => c.status === 'passed')),
    complete: total(opts.levels) === total(opts.plan.levels),
    interrupted,
    timeoutMs: opts.timeoutMs,
    results,
  };
  return { run, evidence: writeRun(opts.root, run) };
}
