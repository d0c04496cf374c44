/**
 * Errors a user can cause (bad path, bad config, mis-encoded file, unknown kind).
 * Faces print `message` on one line, without a stack trace; the CLI exits 2.
 */
export class SpecwrightError extends Error {
  override readonly name = 'SpecwrightError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    /** A short machine-readable code, for --json output and tests. */
    readonly code: string = 'usage',
  ) {
    super(message);
  }

  /** `file:line: message`, the one line a user sees. */
  format(): string {
    if (!this.file) return this.message;
    return `${this.file}${this.line ? `:${this.line}` : ''}: ${this.message}`;
  }
}

export function isSpecwrightError(err: unknown): err is SpecwrightError {
  return err instanceof SpecwrightError;
}
