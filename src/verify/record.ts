/**
 * `verify --record`: write a run's outcome into the spec with lossless edits.
 * - When every level of the spec ran and passed, tick "All validation loops pass"
 *   (or the item that says the same: "Validation commands pass", ...).
 * - Whatever the outcome, add a dated one-line note to the changelog (created
 *   when the spec has none) with the summary and the evidence file.
 * The edits are computed under the file's lock from what is on disk then, and
 * refused when the spec's commands changed while they ran: the evidence would
 * be for other commands.
 */
import { SpecwrightError } from '../errors.js';
import {
  changelogEdits,
  commitEdits,
  tickItemEdits,
  today,
  workspaceCommitOptions,
} from '../lifecycle/index.js';
import type { ChecklistItem, Edit, SpecDocument } from '../model/types.js';
import type { Workspace } from '../workspace/workspace.js';
import { extractValidation } from './extract.js';
import type { RunRecord } from './types.js';

export interface RecordResult {
  /** Items ticked by this record (none when the run failed, was partial, or they already were). */
  ticked: Array<{ line: number; text: string }>;
  /** Why nothing was ticked, when nothing was. */
  untickedReason?: string;
  /** The note added: its line (1-based, in the new text), the section it went to, its text. */
  note: { line: number; section: string; text: string } | null;
  changed: boolean;
}

const ALL_LOOPS = 'all validation loops pass';
const plain = (s: string) => s.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
/** Items that claim the validation as a whole passes. */
const VALIDATION_ITEM =
  /\b(?:validation|verification)\s+(?:loops?|commands?|levels?|gates?|checks?|suite)\b.*\bpass(?:es|ed|ing)?\b|\ball\s+(?:validation|verification)s?\b.*\bpass(?:es|ed|ing)?\b/i;

/** The checklist items a passing run vouches for: "All validation loops pass" first, else look-alikes. */
export function validationItems(doc: SpecDocument): ChecklistItem[] {
  const exact = doc.checklist.filter((c) => plain(c.text).toLowerCase() === ALL_LOOPS);
  if (exact.length) return exact;
  return doc.checklist.filter((c) => VALIDATION_ITEM.test(plain(c.text)));
}

/** The one-line note: outcome, scope, commit, evidence. */
export function runNote(run: RunRecord, evidence: string): string {
  const commands = run.results.flatMap((l) => l.commands);
  const n = commands.length;
  const at = run.commit
    ? ` at ${run.commit.slice(0, 12)}${run.dirty ? ' with uncommitted changes' : ''}`
    : '';
  const scope = !run.complete
    ? `level${run.levels.length === 1 ? '' : 's'} ${run.levels.join(', ')} of ${run.specLevels.length}`
    : run.levels.length === 1
      ? `level ${run.levels[0]}`
      : `all ${run.levels.length} levels`;
  const where = `evidence \`${evidence}\``;
  if (run.passed) return `Verification passed: ${scope} (${n} command${n === 1 ? '' : 's'})${at}; ${where}`;
  const passed = commands.filter((c) => c.status === 'passed').length;
  const firstLevel = run.results.find((l) =>
    l.commands.some((c) => c.status !== 'passed' && c.status !== 'not-run'),
  );
  const bad = firstLevel?.commands.find((c) => c.status !== 'passed' && c.status !== 'not-run');
  const how = bad
    ? bad.status === 'timeout'
      ? 'timed out'
      : bad.exitCode === null
        ? `was killed (${bad.signal})`
        : `exited ${bad.exitCode}`
    : 'failed';
  const first = bad
    ? `level ${firstLevel?.level} \`${bad.command.split('\n')[0]?.replace(/`/g, "'")}\` ${how}`
    : 'failed';
  return `Verification failed: ${first} (${passed} of ${n} command${n === 1 ? '' : 's'} passed, ${scope})${at}; ${where}`;
}

const commandsOf = (levels: ReadonlyArray<{ commands: ReadonlyArray<{ command: string }> }>) =>
  levels.flatMap((l) => l.commands.map((c) => c.command)).join('\u0000');

export async function recordRun(
  ws: Workspace,
  absPath: string,
  run: RunRecord,
  evidence: string,
): Promise<RecordResult> {
  const date = today();
  const ticked: RecordResult['ticked'] = [];
  let untickedReason: string | undefined;
  let note: { offset: number; section: string; text: string } | null = null;
  const message = runNote(run, evidence);
  const committed = await commitEdits(
    absPath,
    undefined,
    (doc) => {
      const fresh = extractValidation(doc).levels;
      const changed = run.results.some((l) => {
        const now = fresh.find((f) => f.level === l.level);
        return !now || l.commands.some((c) => !now.commands.some((n) => n.command === c.command));
      });
      if (changed)
        throw new SpecwrightError(
          "the spec's validation commands changed while they ran; not recorded (run verify again)",
          doc.path,
          undefined,
          'conflict',
        );
      // A spec that gained commands meanwhile was not fully verified.
      const complete = run.complete && commandsOf(fresh) === commandsOf(run.results);
      const edits: Edit[] = [];
      if (!run.passed) untickedReason = 'Nothing ticked: the run failed';
      else if (!complete) untickedReason = 'Nothing ticked: only some commands ran (run every level to tick)';
      else {
        const items = validationItems(doc);
        if (!items.length) untickedReason = 'Nothing ticked: no "All validation loops pass" item in the spec';
        else if (items.every((i) => i.checked)) untickedReason = 'Nothing ticked: already ticked';
        for (const item of items) {
          const tick = tickItemEdits(doc, item, true);
          if (tick.length) ticked.push({ line: item.markRange.start.line, text: item.text });
          edits.push(...tick);
        }
      }
      const template = doc.kind.kind === 'unknown' ? undefined : ws.templates.get(doc.kind.kind);
      const log = changelogEdits(doc, template, date, message, { create: true });
      edits.push(...log);
      const entry = log[0];
      if (entry) note = { offset: entry.start, section: 'Changelog', text: message };
      return edits;
    },
    workspaceCommitOptions(ws),
  );
  return {
    ticked,
    ...(untickedReason ? { untickedReason } : {}),
    note: note ? locateNote(committed.after, committed.edits, note) : null,
    changed: committed.changed,
  };
}

/** The note's line in the new text: where the message landed once every edit is applied. */
function locateNote(
  after: string,
  edits: readonly Edit[],
  note: { offset: number; section: string; text: string },
): { line: number; section: string; text: string } {
  let shift = 0;
  for (const e of edits)
    if (e.end <= note.offset && e.start < note.offset) shift += e.text.length - (e.end - e.start);
  const from = note.offset + shift;
  const at = after.indexOf(note.text, from);
  const offset = at < 0 ? from : at;
  const line = after.slice(0, offset).split('\n').length;
  const heading = /^#{1,6}\s+(.+)$/m;
  // The section it went to: the nearest level-2 heading above the note.
  const before = after.slice(0, offset).split(/\r?\n/).reverse();
  const section =
    before
      .find((l) => /^##\s/.test(l))
      ?.replace(heading, '$1')
      .trim() ?? note.section;
  return { line, section, text: note.text };
}
