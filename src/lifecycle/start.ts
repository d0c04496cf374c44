/** `start`: the status becomes the kind's in-progress value, and the changelog says so. */
import { commitFiles } from '../edit/commit.js';
import { SpecwrightError } from '../errors.js';
import type { Edit, SpecDocument, StatusState } from '../model/types.js';
import { changelogEdits, hasChangelog } from './changelog.js';
import { RefusalError } from './refusal.js';
import { baseResult, type LifecycleResult, type StatusChange, withFiles } from './result.js';
import { specStatusEdits } from './spec-status.js';
import { requireTemplate, type SpecTarget, workspaceCommitOptions } from './spec-target.js';
import { statusText, valueForState } from './status.js';
import type { RunOptions } from './tick.js';
import { today } from './today.js';

/** States a spec is finished in; starting one again is reopening it. */
export const FINISHED: ReadonlySet<StatusState> = new Set(['complete', 'implemented', 'archived']);

export interface StartOptions extends RunOptions {
  /** Reopen a finished spec. */
  force?: boolean;
  /** The changelog date (default today). */
  date?: string;
}

export async function startSpec(target: SpecTarget, options: StartOptions = {}): Promise<LifecycleResult> {
  const template = requireTemplate(target);
  const result = baseResult('start', target, options.dryRun ?? false);
  const value = valueForState(template, 'in-progress');
  if (!value)
    throw new SpecwrightError(
      `kind ${template.kind} has no in-progress status`,
      result.spec.path,
      undefined,
      'usage',
    );
  const date = options.date ?? today();
  const status: StatusChange[] = [];
  const files = await commitFiles(
    target.files,
    (docs) => {
      status.length = 0;
      result.notes.length = 0;
      delete result.changelog;
      const main = docs[0] as SpecDocument;
      const state = main.status?.state ?? null;
      if (state === 'in-progress' && !main.status?.unset && main.status?.source !== 'folder') {
        result.notes.push(`already in progress (${main.status?.raw})`);
        return docs.map(() => []);
      }
      const reopening = state !== null && FINISHED.has(state);
      if (reopening && !options.force)
        throw new RefusalError(
          `is already done (${main.status?.raw}); pass --force to reopen it`,
          main.path,
          'finished',
          [{ path: main.path, line: main.status?.range.start.line, message: `status: ${main.status?.raw}` }],
        );
      const edits = specStatusEdits(docs, template, value, status);
      if (hasChangelog(main, template)) {
        const message = `${reopening ? 'Reopened' : 'Started'}: ${statusText(template, value)}`;
        (edits[0] as Edit[]).push(...changelogEdits(main, template, date, message));
        result.changelog = { path: main.path, date, message };
      }
      return edits;
    },
    { ...workspaceCommitOptions(target.ws), dryRun: options.dryRun, lock: options.lock },
  );
  result.status = status;
  return withFiles(result, files);
}
