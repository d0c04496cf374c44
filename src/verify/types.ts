/**
 * The shapes of verification: what a spec asks to run (a plan of levels and
 * commands), and what happened when it ran (a run record, also the evidence file).
 */

/** One shell command taken from a spec, exactly as it will be passed to `bash -c`. */
export interface VerifyCommand {
  /** The command string shown to the user and run; continuation lines joined. */
  command: string;
  /** 1-based line in the spec where the command starts. */
  line: number;
  /** The `# Expected: ...` note written beside the command, if any. */
  expect?: string;
  /** Why the command may not be a real command: prose, a template placeholder, a line copied from the template. */
  warnings: string[];
}

export interface VerifyLevel {
  /** The level number: `### Level 2: Unit Tests` is 2; sections without a number are numbered in order. */
  level: number;
  /** The heading the commands sit under, as written (minus the `Level N:` prefix for level headings). */
  title: string;
  /** 1-based line of that heading. */
  line: number;
  /** What the spec says the level should show (`# Expected:` at the level's end, or an `**Expected**:` line). */
  expect?: string;
  commands: VerifyCommand[];
}

/** A heading that looked like a validation level but holds nothing to run. */
export interface IgnoredLevel {
  level: number;
  title: string;
  line: number;
  reason: string;
}

export interface VerifyPlan {
  /** `levels` when the spec has `Level N` headings, `sections` when the commands come from Testing/Validation sections. */
  source: 'levels' | 'sections';
  levels: VerifyLevel[];
  ignored: IgnoredLevel[];
}

/**
 * `passed` exit 0; `failed` any other exit or a signal; `timeout` stopped at the time limit;
 * `interrupted` stopped by Ctrl-C; `not-run` never started (an earlier command or level failed).
 */
export type CommandStatus = 'passed' | 'failed' | 'timeout' | 'interrupted' | 'not-run';

/** The outcome of one command. */
export interface CommandResult {
  command: string;
  line: number;
  expect?: string;
  status: CommandStatus;
  /** The exit code, or null when a signal ended the command (a timeout, an interrupt) or it did not run. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  /** Total bytes the command wrote to stdout and stderr together. */
  outputBytes: number;
  /** sha256 (hex) of everything it wrote, stdout and stderr interleaved as they arrived; null when not run. */
  outputSha256: string | null;
  /** The last lines of that output (at most a few KiB), decoded as UTF-8. */
  tail: string;
  /** True when the command left background processes running (stopped when its level ended). */
  leftovers?: boolean;
}

export type LevelStatus = 'passed' | 'failed' | 'skipped';

export interface LevelResult {
  level: number;
  title: string;
  /** `skipped`: not run because an earlier level failed (without `--continue`) or the run was interrupted. */
  status: LevelStatus;
  durationMs: number;
  commands: CommandResult[];
}

/** One verification run: what the evidence file holds. */
export interface RunRecord {
  schemaVersion: 1;
  /** Spec path, relative to the workspace root. */
  spec: string;
  slug: string;
  /** ISO-8601 time the run started. */
  startedAt: string;
  durationMs: number;
  /** Where the commands ran (absolute). */
  cwd: string;
  /** HEAD when the run started, or null outside a git repository or without git. */
  commit: string | null;
  /** Whether the work tree had changes (outside `.specwright/`) when the run started; null without git. */
  dirty: boolean | null;
  /** Every level the spec defines. */
  specLevels: number[];
  /** The levels chosen for this run (`--level`), in order. */
  levels: number[];
  /** True when every command that was chosen ran and exited 0. */
  passed: boolean;
  /** True when every level of the spec was chosen (a full verification, not a `--level` subset). */
  complete: boolean;
  interrupted: boolean;
  timeoutMs: number;
  results: LevelResult[];
}
