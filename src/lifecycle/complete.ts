/**
 * `complete`: the status becomes the kind's done value, once the spec is ready. Ready means every
 * box under the kind's done-criteria sections is ticked and `check` reports no errors; for kinds
 * whose template records a release (the spec's Version and Location lines) those must be filled in
 * and the location must exist. Otherwise it refuses, naming each reason with its line. `--force`
 * completes anyway and writes the overridden reasons into the changelog. Nothing is ticked on the
 * user's behalf.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { commitFiles } from '../edit/commit.js';
import { parseSpec } from '../model/parse.js';
import type { Edit, Field, SpecDocument } from '../model/types.js';
import { findRepoRoot } from '../rules/context.js';
import type { LoadedTemplate } from '../templates/index.js';
import { changelogEdits, hasChangelog } from './changelog.js';
import { type CheckErrors, checkErrors } from './check-errors.js';
import { openDoneCriteria } from './done-criteria.js';
import { findField, setFieldsEdits } from './fields.js';
import { itemLabel } from './items.js';
import { type Reason, RefusalError } from './refusal.js';
import {
  baseResult,
  type FieldChange,
  type LifecycleResult,
  type StatusChange,
  withFiles,
} from './result.js';
import { specStatusEdits } from './spec-status.js';
import { requireTemplate, type SpecTarget, workspaceCommitOptions } from './spec-target.js';
import { FINISHED } from './start.js';
import { statusText } from './status.js';
import type { RunOptions } from './tick.js';
import { today } from './today.js';

export interface CompleteOptions extends RunOptions {
  /** The version it shipped in (fills the Version field). */
  version?: string;
  /** Where it was implemented, relative to the workspace root (fills the Location field; must exist). */
  location?: string;
  /** Complete despite the reasons not to, and record them in the changelog. */
  force?: boolean;
  /** The date recorded (default today). */
  date?: string;
  /** How `check` errors are found (tests replace it). */
  checkErrors?: CheckErrors;
}

export async function completeSpec(
  target: SpecTarget,
  options: CompleteOptions = {},
): Promise<LifecycleResult> {
  const template = requireTemplate(target);
  const result = baseResult('complete', target, options.dryRun ?? false);
  const done = template.doneStatus;
  const date = options.date ?? today();
  const release = releaseFields(template);
  const status: StatusChange[] = [];
  const fields: FieldChange[] = [];
  const files = await commitFiles(
    target.files,
    (docs) => {
      status.length = 0;
      fields.length = 0;
      result.notes.length = 0;
      delete result.changelog;
      delete result.forced;
      const main = docs[0] as SpecDocument;
      const state = main.status?.unset ? null : (main.status?.state ?? null);
      if (state !== null && FINISHED.has(state) && main.status?.source !== 'folder') {
        result.notes.push(`already done (${main.status?.raw})`);
        return docs.map(() => []);
      }
      const reasons: Reason[] = [];
      for (const doc of docs)
        for (const item of openDoneCriteria(doc, template))
          reasons.push({
            path: doc.path,
            line: item.markRange.start.line,
            message: `open: ${itemLabel(item)}`,
          });

      // Release fields: the done date, Version and Location, in the document's own spelling of the keys.
      const entries: Array<[string, string]> = [];
      const dateKey = template.schema.dates?.done;
      if (dateKey) entries.push([keyFor(main, dateKey), date]);
      const version = options.version?.trim() || filled(main, release.version);
      if (options.version?.trim())
        entries.push([keyFor(main, release.version?.key ?? 'Version'), options.version.trim()]);
      else if (release.version && !version)
        reasons.push(missing(main, release.version, 'Version', 'pass --version X.Y.Z'));
      const location = options.location?.trim() || locationOf(filled(main, release.location));
      if (options.location?.trim()) {
        const code = (findField(main, 'Location')?.value ?? release.location?.value ?? '')
          .trim()
          .startsWith('`');
        const loc = options.location.trim();
        entries.push([keyFor(main, release.location?.key ?? 'Location'), code ? `\`${loc}\`` : loc]);
      } else if (release.location && !location)
        reasons.push(missing(main, release.location, 'Location', 'pass --location PATH'));
      if (location && !locationExists(target.ws.root, location))
        reasons.push({
          path: main.path,
          ...(lineOf(main, 'Location') ? { line: lineOf(main, 'Location') } : {}),
          message: `location "${location}" does not exist (paths are relative to the repository root)`,
        });

      // Errors on the lines this command rewrites (the Version line's `X.Y.Z`) are about to go.
      const fieldEdits = entries.length ? setFieldsEdits(main, template, entries) : [];
      const rewritten = new Set(
        fieldEdits.filter((e) => e.end > e.start).map((e) => main.posAt(e.start).line),
      );
      for (const r of (options.checkErrors ?? checkErrors)(target.ws, target.files))
        if (!(r.path === main.path && r.line !== undefined && rewritten.has(r.line))) reasons.push(r);
      if (reasons.length && !options.force)
        throw new RefusalError(
          `not ready to complete: ${count(reasons.length, 'reason')} (fix them, or pass --force to complete anyway)`,
          main.path,
          'not-ready',
          reasons,
        );

      const edits = specStatusEdits(docs, template, done, status);
      const mainEdits = edits[0] as Edit[];
      for (const [key, value] of entries)
        fields.push({ path: main.path, key, from: findField(main, key)?.value ?? null, to: value });
      mainEdits.push(...fieldEdits);
      if (reasons.length) result.forced = reasons;
      if (hasChangelog(main, template) || reasons.length) {
        let message = `Completed: ${statusText(template, done)}`;
        if (options.version?.trim() || version) message += `, version ${options.version?.trim() || version}`;
        if (location) message += `, location \`${location}\``;
        if (reasons.length) message += ` (forced despite ${summarize(reasons)})`;
        mainEdits.push(...changelogEdits(main, template, date, message, { create: true }));
        result.changelog = { path: main.path, date, message };
      }
      return edits;
    },
    { ...workspaceCommitOptions(target.ws), dryRun: options.dryRun, lock: options.lock },
  );
  result.status = status;
  result.fields = fields;
  return withFiles(result, files);
}

interface ReleaseFields {
  version?: Field;
  location?: Field;
}

const releaseCache = new WeakMap<LoadedTemplate, ReleaseFields>();

/** The Version and Location fields the kind's template has, if any (the spec template has both). */
function releaseFields(template: LoadedTemplate): ReleaseFields {
  const cached = releaseCache.get(template);
  if (cached) return cached;
  // Variables filled with a word: `status: {{status}}` would otherwise read as a YAML mapping.
  const doc = parseSpec(template.main.text.replace(/\{\{\s*[\w-]+\s*\}\}/g, 'value'), template.main.path);
  const found: ReleaseFields = {};
  const version = doc.fields.find((f) => f.name === 'version');
  const location = doc.fields.find((f) => f.name === 'location');
  if (version) found.version = version;
  if (location) found.location = location;
  releaseCache.set(template, found);
  return found;
}

/** The field's value in the document when it is really filled in (not the template's placeholder). */
function filled(doc: SpecDocument, templateField: Field | undefined): string | undefined {
  if (!templateField) return undefined;
  const field = findField(doc, templateField.key);
  if (!field?.value.trim()) return undefined;
  const s = field.valueRange.start.offset;
  const e = field.valueRange.end.offset;
  if (doc.placeholders.some((p) => p.range.start.offset < e && p.range.end.offset > s)) return undefined;
  if (field.value.trim() === templateField.value.trim()) return undefined;
  return field.value.trim();
}

/**
 * Whether a location exists: relative to the repository root (as the location-missing rule reads
 * it) or to the workspace root; `src/x.ts:42` and `src/x.ts#L42` name a line of an existing file.
 */
function locationExists(root: string, location: string): boolean {
  const path = location.replace(/(?:[:#]L?\d+(?:-L?\d+)?)$/, '');
  if (isAbsolute(path)) return existsSync(path);
  return [findRepoRoot(root), root].some((base) => existsSync(join(base, path)));
}

/** The path in a Location value: its first code span, else its first word. */
function locationOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const code = /`([^`]+)`/.exec(value);
  return (code ? (code[1] as string) : (value.split(/\s+/)[0] as string)).trim() || undefined;
}

function keyFor(doc: SpecDocument, key: string): string {
  return findField(doc, key)?.key ?? key;
}

function lineOf(doc: SpecDocument, key: string): number | undefined {
  return findField(doc, key)?.keyRange.start.line;
}

function missing(doc: SpecDocument, templateField: Field, name: string, hint: string): Reason {
  const line = lineOf(doc, templateField.key);
  return { path: doc.path, ...(line ? { line } : {}), message: `${name} is not filled in; ${hint}` };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "2 open items and 1 check error" for the changelog line of a forced completion. */
function summarize(reasons: readonly Reason[]): string {
  const open = reasons.filter((r) => r.message.startsWith('open: ')).length;
  const other = reasons.length - open;
  const parts: string[] = [];
  if (open) parts.push(`${count(open, 'open item')}`);
  if (other) parts.push(`${count(other, 'other problem')}`);
  return parts.join(' and ');
}
