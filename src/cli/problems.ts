import type { FileError } from '../workspace/workspace.js';

/** Per-file errors go to stderr, one line each, after the results of the files that did parse. */
export function printFileErrors(errors: FileError[]): void {
  for (const e of errors)
    process.stderr.write(`specwright: ${e.path}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
}
