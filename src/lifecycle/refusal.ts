/**
 * A refusal: the command would do something the spec is not ready for (open acceptance criteria,
 * lint errors, an existing archive target) or the request is ambiguous. It names every reason
 * with its file and line, so that the user can act on each one; nothing has been written.
 */
import { SpecwrightError } from '../errors.js';

export interface Reason {
  /** Display path of the file the reason is about. */
  path: string;
  line?: number;
  message: string;
}

export class RefusalError extends SpecwrightError {
  constructor(
    message: string,
    file: string | undefined,
    code: string,
    readonly reasons: readonly Reason[] = [],
  ) {
    super(message, file, undefined, code);
  }

  /** The one-line message, then one indented line per reason. */
  override format(): string {
    const head = super.format();
    return [head, ...this.reasons.map((r) => `  ${formatReason(r)}`)].join('\n');
  }
}

export function formatReason(r: Reason): string {
  return `${r.path}${r.line ? `:${r.line}` : ''}: ${r.message}`;
}

export function isRefusal(err: unknown): err is RefusalError {
  return err instanceof RefusalError;
}
