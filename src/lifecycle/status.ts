/**
 * Status changes in the kind's vocabulary and style: `**Status**: In Progress` for a PRD,
 * `**Status:** 🚧 In Progress` for a spec, `status: in-progress` in a task's front matter. The
 * whole value is replaced, so an unfilled choice list (`Draft | In Progress | Complete`) goes.
 */
import { SpecwrightError } from '../errors.js';
import type { Edit, SpecDocument, StatusState } from '../model/types.js';
import { findStatus, formatStatus, type LoadedTemplate, type StatusValue } from '../templates/index.js';
import { replaceValueEdit, setFieldsEdits, statusField } from './fields.js';

/** A vocabulary value, its written text ("🚧 In Progress", "done"), or a canonical state ("in-progress"). */
export type StatusTarget = StatusValue | StatusState | string;

export function resolveStatusValue(template: LoadedTemplate, target: StatusTarget): StatusValue {
  if (typeof target !== 'string') return target;
  const values = template.schema.status.values;
  const exact = findStatus(template.schema, target);
  if (exact) return exact;
  const byState = values.find((v) => v.state === target);
  if (byState) return byState;
  throw new SpecwrightError(
    `"${target}" is not a status of kind ${template.kind} (${values.map(formatStatus).join(', ')})`,
    undefined,
    undefined,
    'usage',
  );
}

/** The first vocabulary value with `state`, if the kind has one. */
export function valueForState(template: LoadedTemplate, state: StatusState): StatusValue | undefined {
  return template.schema.status.values.find((v) => v.state === state);
}

/** The vocabulary value a document's status denotes, if any. */
export function currentStatusValue(doc: SpecDocument, template: LoadedTemplate): StatusValue | undefined {
  const status = doc.status;
  if (!status || status.unset || status.source === 'folder') return undefined;
  return findStatus(template.schema, status.raw);
}

/** The status text as this kind writes it: with its emoji in Markdown, the bare value in front matter. */
export function statusText(template: LoadedTemplate, value: StatusValue): string {
  return template.schema.status.style === 'front-matter' ? value.value : formatStatus(value);
}

/**
 * The edit setting the document's status to `target`; none when it already has that value
 * (prose after it, such as "✅ Implemented (v1.2)", is then kept). A document without a status
 * line gets one, written like its other metadata.
 */
export function statusEdits(doc: SpecDocument, template: LoadedTemplate, target: StatusTarget): Edit[] {
  const value = resolveStatusValue(template, target);
  if (currentStatusValue(doc, template) === value) return [];
  const field = statusField(doc);
  if (field) {
    const text = field.style === 'front-matter' ? value.value : formatStatus(value);
    return [replaceValueEdit(doc, field, text)];
  }
  return setFieldsEdits(doc, template, [[template.schema.status.field, statusText(template, value)]]);
}
