import { readFileSync } from 'node:fs';
import { SpecwrightError } from './errors.js';

/** The one-line reason a file could not be read, from its errno code. */
export function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : `cannot read (${code})`;
}

/** A file's bytes; SpecwrightError naming `shownAs` (the path the user sees) when it cannot be read. */
export function readFileBytes(absPath: string, shownAs: string): Uint8Array {
  try {
    return readFileSync(absPath);
  } catch (err) {
    throw new SpecwrightError(readFailure(err), shownAs, undefined, 'io');
  }
}
