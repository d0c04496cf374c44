/** A kind's status vocabulary: how a value is written and how written text maps back to a value. */
import { EMOJI } from './headings.js';
import type { StatusValue, TemplateSchema } from './schema.js';

/** The status text as a document writes it: "📋 Planned", "Draft", "open". */
export function formatStatus(value: StatusValue): string {
  return value.emoji ? `${value.emoji} ${value.value}` : value.value;
}

export function initialStatus(schema: TemplateSchema): StatusValue {
  return pick(schema, (v) => v.initial === true);
}

export function doneStatus(schema: TemplateSchema): StatusValue {
  return pick(schema, (v) => v.done === true);
}

function pick(schema: TemplateSchema, test: (v: StatusValue) => boolean): StatusValue {
  const found = schema.status.values.find(test);
  // The schema guarantees exactly one initial and one done value.
  if (!found) throw new Error(`template "${schema.kind}" has no such status value`);
  return found;
}

const normalize = (s: string) =>
  s.replace(EMOJI, ' ').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The vocabulary entry a written status denotes, ignoring emoji, bold and case; trailing prose
 * after the value is allowed ("✅ Implemented (v1.2)"). Undefined when nothing matches.
 */
export function findStatus(schema: TemplateSchema, raw: string): StatusValue | undefined {
  const text = normalize(raw);
  let best: StatusValue | undefined;
  let bestLength = 0;
  for (const v of schema.status.values) {
    const want = normalize(v.value);
    if (text === want) return v;
    if (text.startsWith(want) && !/[\p{L}\p{N}]/u.test(text[want.length] ?? '') && want.length > bestLength) {
      best = v;
      bestLength = want.length;
    }
  }
  return best;
}
