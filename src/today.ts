/** Today's date for new documents and lifecycle entries, overridable for reproducible runs and tests. */
import { SpecwrightError } from './errors.js';

export const TODAY_ENV = 'SPECWRIGHT_TODAY';
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s);
}

/** `SPECWRIGHT_TODAY` when set (must be YYYY-MM-DD), else the local date. */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const forced = env[TODAY_ENV];
  if (forced !== undefined && forced !== '') {
    if (!isIsoDate(forced))
      throw new SpecwrightError(
        `${TODAY_ENV}="${forced}" is not a date (YYYY-MM-DD)`,
        undefined,
        undefined,
        'usage',
      );
    return forced;
  }
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
