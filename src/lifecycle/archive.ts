/**
 * `archive`: move a finished spec to its kind's done folder (`layout.done`): the whole folder for
 * folder kinds (feature, prd), the file otherwise. The status becomes the value the move stands
 * for (`layout.moveWhen`: Archived for a PRD) and the changelog says where it went. It refuses a
 * spec that is not done unless `--force`, and never overwrites an existing target.
 *
 * Order, chosen so that an interruption can be finished by running `archive` again: check that the
 * target is free, lock the files, write the status and changelog edits in place, move (see
 * move.ts), release. A spec left edited but unmoved is already in its done state, so the next run
 * only moves it.
 */
import { basename, join, relative } from 'node:path';
import { commitFiles } from '../edit/commit.js';
import { renameDiff } from '../edit/diff.js';
import { SpecwrightError } from '../errors.js';
import type { Edit, SpecDocument } from '../model/types.js';
import { displayPath } from '../workspace/workspace.js';
import { changelogEdits, hasChangelog } from './changelog.js';
import { replaceValueEdit } from './fields.js';
import { assertFree, type MoveOptions, moveSafely } from './move.js';
import { type Reason, RefusalError } from './refusal.js';
import { baseResult, type LifecycleResult, type MoveRecord, type StatusChange, withFiles } from './result.js';
import { specStatusEdits } from './spec-status.js';
import { requireTemplate, type SpecTarget, workspaceCommitOptions } from './spec-target.js';
import { valueForState } from './status.js';
import type { RunOptions } from './tick.js';
import { today } from './today.js';

export interface ArchiveOptions extends RunOptions {
  /** Archive a spec that is not done, and record that in the changelog. */
  force?: boolean;
  /** The changelog date (default today). */
  date?: string;
  move?: MoveOptions;
}

export async function archiveSpec(
  target: SpecTarget,
  options: ArchiveOptions = {},
): Promise<LifecycleResult> {
  const template = requireTemplate(target);
  const ws = target.ws;
  const result = baseResult('archive', target, options.dryRun ?? false);
  const doneDir = template.schema.layout.done;
  if (!doneDir)
    throw new SpecwrightError(
      `kind ${template.kind} has no done folder (layout.done); its documents stay where they are`,
      result.spec.path,
      undefined,
      'no-done-folder',
    );
  const doneRel = doneDir.replace(/\{slug\}/g, target.slug);
  const planned = target.folder
    ? [{ src: target.folder, dst: join(ws.root, doneRel), folder: true }]
    : target.files.map((f) => ({ src: f, dst: join(ws.root, doneRel, basename(f)), folder: false }));
  const moves = planned.filter((m) => m.src !== m.dst);
  for (const m of moves) assertFree(m.dst, m.folder, displayPath(ws, m.dst));
  if (!moves.length) result.notes.push(`already in ${doneRel}`);

  const moveWhen = template.schema.layout.moveWhen ?? template.doneStatus.state;
  const moveValue = valueForState(template, moveWhen);
  const date = options.date ?? today();
  const status: StatusChange[] = [];
  const files = await commitFiles(
    target.files,
    (docs) => {
      status.length = 0;
      delete result.changelog;
      delete result.forced;
      const main = docs[0] as SpecDocument;
      const state = main.status?.unset ? null : (main.status?.state ?? null);
      const ready = state === template.doneStatus.state || state === moveWhen || state === 'archived';
      const reasons: Reason[] = [];
      if (!ready) {
        const reason = {
          path: main.path,
          ...(main.status && main.status.source !== 'folder' ? { line: main.status.range.start.line } : {}),
          message: `status: ${main.status && !main.status.unset ? main.status.raw : 'not set'}`,
        };
        if (!options.force)
          throw new RefusalError(
            `is not done, so it is not archived (complete it first, or pass --force)`,
            main.path,
            'not-done',
            [reason],
          );
        reasons.push(reason);
      }
      const edits: Edit[][] =
        moveValue && state !== moveWhen
          ? specStatusEdits(docs, template, moveValue, status)
          : docs.map(() => []);
      if (moves.length) {
        docs.forEach((doc, i) => {
          (edits[i] as Edit[]).push(...workspaceFieldEdits(doc, moves, ws.root));
        });
        if (hasChangelog(main, template) || reasons.length) {
          let message = `Archived: moved to ${doneRel}${target.folder ? '/' : ''}`;
          if (reasons.length) message += ` (forced; ${reasons[0]?.message})`;
          (edits[0] as Edit[]).push(...changelogEdits(main, template, date, message, { create: true }));
          result.changelog = { path: main.path, date, message };
        }
        if (reasons.length) result.forced = reasons;
      }
      return edits;
    },
    {
      ...workspaceCommitOptions(ws),
      dryRun: options.dryRun,
      lock: options.lock,
      whileLocked: (_files, locks) => {
        for (const m of moves) {
          try {
            const method = moveSafely(m.src, m.dst, options.move);
            result.moves.push({ from: displayPath(ws, m.src), to: displayPath(ws, m.dst), method });
          } catch (err) {
            if (err instanceof SpecwrightError)
              throw new SpecwrightError(
                `${err.message}; the status and changelog were updated but the spec was not moved: run archive again`,
                err.file,
                err.line,
                err.code,
              );
            throw err;
          }
          // Locks inside a moved folder moved with it.
          if (m.folder) for (const l of locks) l.moved(join(m.dst, relative(m.src, l.target)));
        }
      },
    },
  );
  if (options.dryRun)
    result.moves = moves.map<MoveRecord>((m) => ({
      from: displayPath(ws, m.src),
      to: displayPath(ws, m.dst),
      method: 'planned',
    }));
  result.status = status;
  // Paths of the files as they are now.
  if (!options.dryRun && target.folder && moves.length) {
    for (const f of files) {
      const moved = join(moves[0]?.dst as string, relative(target.folder, f.absPath));
      f.path = displayPath(ws, moved);
      f.absPath = moved;
    }
    result.spec.path = displayPath(ws, join(moves[0]?.dst as string, relative(target.folder, target.main)));
  } else if (!options.dryRun && moves.length) {
    for (const f of files) {
      const m = moves.find((x) => x.src === f.absPath);
      if (m) {
        f.path = displayPath(ws, m.dst);
        f.absPath = m.dst;
      }
    }
    result.spec.path = displayPath(ws, moves.find((m) => m.src === target.main)?.dst ?? target.main);
  }
  return withFiles(result, files);
}

/** A `**Workspace**: specs/active/<slug>/` line follows the folder it names to its new place. */
function workspaceFieldEdits(
  doc: SpecDocument,
  moves: ReadonlyArray<{ src: string; dst: string; folder: boolean }>,
  root: string,
): Edit[] {
  const edits: Edit[] = [];
  for (const f of doc.fields) {
    if (f.name !== 'workspace' || f.style === 'front-matter') continue;
    const m = /^(`?)(.*?)(\/?)(`?)$/.exec(f.value.trim());
    if (!m) continue;
    const path = (m[2] as string).replace(/^\.\//, '');
    const move = moves.find((mv) => mv.folder && relative(root, mv.src).split('\\').join('/') === path);
    if (!move) continue;
    const moved = relative(root, move.dst).split('\\').join('/');
    edits.push(replaceValueEdit(doc, f, `${m[1]}${moved}${m[3]}${m[4]}`));
  }
  return edits;
}

/** The dry-run text of a move, as `git diff` shows a rename. */
export function moveDiff(move: MoveRecord): string {
  return renameDiff(move.from, move.to);
}
