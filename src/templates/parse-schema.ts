/** Reading a `template.yaml`: YAML syntax errors and schema errors become one-line SpecwrightErrors. */
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { SpecwrightError } from '../errors.js';
import { type TemplateSchema, templateSchema } from './schema.js';

/** Parse and validate the text of `file` (the path is only used in messages). */
export function parseTemplateSchema(text: string, file: string): TemplateSchema {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const message = yamlError.message.split('\n')[0] ?? 'bad YAML';
    throw new SpecwrightError(
      `invalid YAML: ${message}`,
      file,
      lineCounter.linePos(yamlError.pos[0]).line,
      'template',
    );
  }
  const result = templateSchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = path.length > 0 ? formatPath(path) : '(top level)';
  // An unknown key is reported on its parent; point at the key itself.
  const at =
    issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
  const line = lineOf(doc, lineCounter, at);
  throw new SpecwrightError(`invalid template: ${where}: ${issue.message}`, file, line, 'template');
}

/** `status.values[0].state` */
export function formatPath(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The line of the deepest node along `path` that exists in the document. */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  counter: LineCounter,
  path: ReadonlyArray<string | number>,
): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}
