/** Metadata fields that hold dates (Created, Updated, Implemented, Last Updated, Due Date ...). */
import { fieldName } from '../../model/fields.js';
import type { Field, SpecDocument } from '../../model/types.js';
import type { LoadedTemplate } from '../../templates/index.js';
import { type FoundDate, findDates } from './dates.js';
import { perDocument } from './memo.js';

const DATE_WORD =
  '(?:date|created|updated|modified|implemented|completed|started|finished|closed|due|deadline|released|shipped|reviewed|approved|archived|merged|deployed)';
/** Field names (Field.name form: lower case, dashes) that hold a date: `created`, `last-updated`, `due-date`, `created-at`. */
const DATE_FIELD = new RegExp(
  `^(?:(?:last|first|date|target|due|start|end|completion|creation|release|review|planned)-)?${DATE_WORD}(?:-(?:at|on|date))?$`,
);

export interface DateField {
  field: Field;
  /** The dates in the value, with offsets in the document. */
  dates: FoundDate[];
}

/** Whether a field name (as Field.name) holds a date, by convention or by the template's `dates`. */
export function isDateField(name: string, template?: LoadedTemplate): boolean {
  if (DATE_FIELD.test(name)) return true;
  const dates = template?.schema.dates;
  return [dates?.created, dates?.done].some((key) => key !== undefined && fieldName(key) === name);
}

const conventional = perDocument((doc: SpecDocument) => collect(doc, undefined));

/** Every date field with the dates written in its value (offsets point into doc.text). */
export function dateFields(doc: SpecDocument, template?: LoadedTemplate): DateField[] {
  // The template only adds names; documents without extra names share the memoized list.
  const dates = template?.schema.dates;
  const extra = [dates?.created, dates?.done].some((k) => k !== undefined && !DATE_FIELD.test(fieldName(k)));
  return extra ? collect(doc, template) : conventional(doc);
}

function collect(doc: SpecDocument, template: LoadedTemplate | undefined): DateField[] {
  const out: DateField[] = [];
  for (const field of doc.fields) {
    if (!isDateField(field.name, template)) continue;
    const start = field.valueRange.start.offset;
    const value = doc.text.slice(start, field.valueRange.end.offset);
    const dates = findDates(value).map((d) => ({ ...d, start: d.start + start, end: d.end + start }));
    out.push({ field, dates });
  }
  return out;
}
