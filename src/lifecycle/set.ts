/** `set`: any metadata field, in the document's own style; the status field only takes the kind's values. */
import { commitFiles } from '../edit/commit.js';
import { fieldName } from '../model/fields.js';
import type { Edit, SpecDocument } from '../model/types.js';
import { findField, setFieldEdits } from './fields.js';
import {
  baseResult,
  type FieldChange,
  type LifecycleResult,
  type StatusChange,
  withFiles,
} from './result.js';
import { specStatusEdits } from './spec-status.js';
import { type SpecTarget, workspaceCommitOptions } from './spec-target.js';
import { resolveStatusValue, statusText } from './status.js';
import type { RunOptions } from './tick.js';

const STATUS_NAMES = new Set(['status', 'state', 'lifecycle-state']);

export async function setSpecField(
  target: SpecTarget,
  key: string,
  value: string,
  options: RunOptions = {},
): Promise<LifecycleResult> {
  const result = baseResult('set', target, options.dryRun ?? false);
  const template = target.template;
  const name = fieldName(key);
  const isStatus =
    template !== undefined && (STATUS_NAMES.has(name) || name === fieldName(template.schema.status.field));
  if (isStatus) {
    // Status: the kind's vocabulary, in every file of the spec that carries one (a feature's prd.md and tasks.md).
    const wanted = resolveStatusValue(template, value);
    const scope = target.file ? [target.file] : target.files;
    const status: StatusChange[] = [];
    const files = await commitFiles(
      scope,
      (docs) => {
        status.length = 0;
        return specStatusEdits(docs, template, wanted, status);
      },
      { ...workspaceCommitOptions(target.ws), dryRun: options.dryRun, lock: options.lock },
    );
    result.status = status;
    if (!status.length) result.notes.push(`status is already ${statusText(template, wanted)}`);
    return withFiles(result, files);
  }
  const fields: FieldChange[] = [];
  const files = await commitFiles(
    [target.file ?? target.main],
    (docs) => {
      const doc = docs[0] as SpecDocument;
      const before = findField(doc, key);
      const edits: Edit[] = setFieldEdits(doc, template, key, value);
      fields.push({
        path: doc.path,
        key: before?.key ?? key.trim(),
        from: before?.value ?? null,
        to: value.trim(),
      });
      return [edits];
    },
    { ...workspaceCommitOptions(target.ws), dryRun: options.dryRun, lock: options.lock },
  );
  result.fields = fields;
  if (!files.some((f) => f.changed)) result.notes.push(`${key.trim()} is already ${value.trim()}`);
  return withFiles(result, files);
}
