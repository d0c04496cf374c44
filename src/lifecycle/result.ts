/** What a lifecycle command did (or, with --dry-run, would do): the `--json` contract, schemaVersion 1. */
import type { CommittedFile } from '../edit/commit.js';
import type { StatusState } from '../model/types.js';
import { displayPath } from '../workspace/workspace.js';
import type { MoveMethod } from './move.js';
import type { Reason } from './refusal.js';
import type { SpecTarget } from './spec-target.js';

export type LifecycleCommand = 'start' | 'tick' | 'set' | 'complete' | 'archive' | 'changelog';

export interface FileChange {
  path: string;
  changed: boolean;
  /** sha256 of the file's bytes before and after. */
  beforeHash: string;
  afterHash: string;
  /** Unified diff ('' when unchanged). */
  diff: string;
}

export interface MoveRecord {
  from: string;
  to: string;
  /** git-mv, rename, or copy (across filesystems); "planned" under --dry-run. */
  method: MoveMethod | 'planned';
}

export interface ItemChange {
  path: string;
  line: number;
  id?: string;
  text: string;
  /** The state the box is left in. */
  checked: boolean;
  /** False when the box already was in that state. */
  changed: boolean;
}

export interface FieldChange {
  path: string;
  key: string;
  /** The value before, or null when the field was added. */
  from: string | null;
  to: string;
}

export interface StatusChange {
  path: string;
  from: string | null;
  to: string;
  state: StatusState;
}

export interface LifecycleResult {
  command: LifecycleCommand;
  spec: { slug: string; kind: string; path: string };
  dryRun: boolean;
  /** Whether anything was (or would be) written or moved. */
  changed: boolean;
  files: FileChange[];
  moves: MoveRecord[];
  status?: StatusChange[];
  items?: ItemChange[];
  fields?: FieldChange[];
  changelog?: { path: string; date: string; message: string };
  /** With --force: the refusals that were overridden. */
  forced?: Reason[];
  /** Things worth telling that are not changes ("already ticked"). */
  notes: string[];
}

export function baseResult(command: LifecycleCommand, target: SpecTarget, dryRun: boolean): LifecycleResult {
  return {
    command,
    spec: { slug: target.slug, kind: target.kind, path: displayPath(target.ws, target.main) },
    dryRun,
    changed: false,
    files: [],
    moves: [],
    notes: [],
  };
}

export function fileChanges(files: readonly CommittedFile[]): FileChange[] {
  return files.map((f) => ({
    path: f.path,
    changed: f.changed,
    beforeHash: f.beforeHash,
    afterHash: f.afterHash,
    diff: f.diff,
  }));
}

/** Fill in files and changed from what a commit returned. */
export function withFiles(result: LifecycleResult, files: readonly CommittedFile[]): LifecycleResult {
  result.files = fileChanges(files);
  result.changed = files.some((f) => f.changed) || result.moves.length > 0;
  return result;
}
