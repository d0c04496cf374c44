/** Small helpers for lifecycle tests: parse a string, apply edits, the built-in templates. */
import { applyEdits } from '../../src/edit/apply.js';
import { parseSpec } from '../../src/model/parse.js';
import type { Edit, SpecDocument } from '../../src/model/types.js';
import { type LoadedTemplate, loadTemplates } from '../../src/templates/index.js';

export function parse(text: string, path = 'specs/doc.md', bom = false): SpecDocument {
  return parseSpec(text, path, { bom });
}

/** The text after the edits, re-parsed, and the text itself. */
export function edit(doc: SpecDocument, edits: readonly Edit[]): { text: string; doc: SpecDocument } {
  const text = applyEdits(doc.text, edits);
  return { text, doc: parseSpec(text, doc.path, { bom: doc.bom }) };
}

export async function builtin(kind: string): Promise<LoadedTemplate> {
  return (await loadTemplates()).require(kind);
}

/** Lines `from`..`to` (1-based, inclusive) of a text. */
export function lines(text: string, from: number, to = from): string {
  return text
    .split('\n')
    .slice(from - 1, to)
    .join('\n');
}

/** The error `fn` throws; fails the test when it does not throw. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/**
 * `original` rebuilt from its own slices between the edits, with each edit's text in between: an
 * oracle for applyEdits that shows no byte outside the edited ranges moved.
 */
export function rebuiltFromSlices(original: string, edits: readonly Edit[]): string {
  let rebuilt = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    rebuilt += original.slice(at, e.start) + e.text;
    at = e.end;
  }
  return rebuilt + original.slice(at);
}
