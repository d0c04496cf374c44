/** `changelog`: a dated entry under the spec's Changelog section. */
import { commitFiles } from '../edit/commit.js';
import type { SpecDocument } from '../model/types.js';
import { changelogEdits } from './changelog.js';
import { baseResult, type LifecycleResult, withFiles } from './result.js';
import { type SpecTarget, workspaceCommitOptions } from './spec-target.js';
import type { RunOptions } from './tick.js';
import { today } from './today.js';

export interface ChangelogEntryOptions extends RunOptions {
  /** The entry's date (default today). */
  date?: string;
}

export async function addChangelogEntry(
  target: SpecTarget,
  message: string,
  options: ChangelogEntryOptions = {},
): Promise<LifecycleResult> {
  const result = baseResult('changelog', target, options.dryRun ?? false);
  const date = options.date ?? today();
  const files = await commitFiles(
    [target.main],
    (docs) => [changelogEdits(docs[0] as SpecDocument, target.template, date, message)],
    { ...workspaceCommitOptions(target.ws), dryRun: options.dryRun, lock: options.lock },
  );
  result.changelog = { path: files[0]?.path ?? result.spec.path, date, message: message.trim() };
  return withFiles(result, files);
}
