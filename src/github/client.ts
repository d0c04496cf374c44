/**
 * A small GitHub REST client over the global fetch (Node 20): bearer-token auth,
 * `Link` pagination, rate limits honoured with a bounded wait, and every failure
 * turned into one line a person can act on. The base URL can point elsewhere
 * (GITHUB_API_URL, as GitHub Actions and GitHub Enterprise set it) — the tests
 * run it against a local fake.
 */
import { SpecwrightError } from '../errors.js';

export const DEFAULT_API_URL = 'https://api.github.com';
const API_VERSION = '2022-11-28';

export interface ClientOptions {
  token?: string;
  /** Default: GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string;
  /** Longest single wait for a rate limit to reset, in seconds (default 60); longer limits fail at once. */
  maxWaitSeconds?: number;
  /** Attempts per request when rate limited (default 3). */
  attempts?: number;
  /** Told about each wait, so the CLI can say why it pauses. */
  onWait?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
  userAgent?: string;
}

export interface Response<T> {
  status: number;
  data: T;
  headers: Headers;
}

/** A request GitHub refused; `status` is the HTTP status (0 when GitHub could not be reached). */
export class GitHubError extends SpecwrightError {
  constructor(
    message: string,
    readonly status: number,
    readonly method: string,
    readonly path: string,
  ) {
    super(message, undefined, undefined, 'github');
  }
}

export class GitHubClient {
  readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly maxWait: number;
  private readonly attempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '');
    this.token = options.token;
    this.maxWait = options.maxWaitSeconds ?? 60;
    this.attempts = options.attempts ?? 3;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get authenticated(): boolean {
    return Boolean(this.token);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<Response<T>> {
    const url = path.startsWith('http') ? path : `${this.baseUrl}${path}`;
    const shown = path.startsWith('http') ? new URL(path).pathname : path.split('?')[0];
    for (let attempt = 1; ; attempt++) {
      let res: globalThis.Response;
      try {
        res = await fetch(url, {
          method,
          headers: this.headers(body !== undefined),
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new GitHubError(
          `cannot reach ${this.baseUrl}: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
          0,
          method,
          shown as string,
        );
      }
      const text = await res.text();
      const data = text ? parseJson(text) : undefined;
      if (res.ok) return { status: res.status, data: data as T, headers: res.headers };
      const wait = rateLimitWait(res, data);
      if (wait !== undefined) {
        if (attempt < this.attempts && wait <= this.maxWait) {
          this.options.onWait?.(
            `GitHub rate limit reached; waiting ${Math.ceil(wait)} s before retrying ${method} ${shown}`,
          );
          await this.sleep(Math.max(0, wait) * 1000);
          continue;
        }
        throw new GitHubError(rateLimitMessage(res, wait), res.status, method, shown as string);
      }
      throw new GitHubError(
        failureMessage(res.status, method, shown as string, data),
        res.status,
        method,
        shown as string,
      );
    }
  }

  /** Every page of a list endpoint, following `Link: <...>; rel="next"`. */
  async paginate<T>(path: string, maxPages = 1000): Promise<T[]> {
    const all: T[] = [];
    let next: string | undefined = `${path}${path.includes('?') ? '&' : '?'}per_page=100`;
    for (let page = 0; next && page < maxPages; page++) {
      const res: Response<T[]> = await this.request<T[]>('GET', next);
      if (Array.isArray(res.data)) all.push(...res.data);
      next = nextLink(res.headers.get('link'));
    }
    return all;
  }

  private headers(hasBody: boolean): Record<string, string> {
    const h: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': API_VERSION,
      'user-agent': this.options.userAgent ?? 'specwright',
    };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    if (hasBody) h['content-type'] = 'application/json';
    return h;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Seconds to wait before retrying, when the answer is a rate limit: `retry-after`
 * (secondary limits), else `x-ratelimit-reset` once `x-ratelimit-remaining` is 0.
 */
function rateLimitWait(res: globalThis.Response, data: unknown): number | undefined {
  if (res.status !== 403 && res.status !== 429) return undefined;
  const retryAfter = res.headers.get('retry-after');
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter);
  if (res.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset - Date.now() / 1000) + 1;
    return 60;
  }
  if (res.status === 429 || /rate limit/i.test(messageOf(data))) return 60;
  return undefined;
}

function rateLimitMessage(res: globalThis.Response, wait: number): string {
  const reset = Number(res.headers.get('x-ratelimit-reset'));
  const when =
    res.headers.get('x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0
      ? `; it resets at ${new Date(reset * 1000).toISOString()}`
      : '';
  return `GitHub rate limit exceeded (${res.status}): retry in ${Math.ceil(wait)} s${when}; nothing more was sent, run again then`;
}

function messageOf(data: unknown): string {
  if (data && typeof data === 'object' && 'message' in data)
    return String((data as { message: unknown }).message);
  return typeof data === 'string' ? data.slice(0, 200) : '';
}

/** The validation errors of a 422 answer: `field: code` or their messages. */
function validationDetails(data: unknown): string {
  const errors = (data as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return '';
  const parts = errors.map((e) => {
    if (typeof e === 'string') return e;
    const o = e as { message?: string; field?: string; code?: string; value?: unknown };
    if (o.message) return o.message;
    return [o.field, o.code, o.value !== undefined ? JSON.stringify(o.value) : undefined]
      .filter(Boolean)
      .join(' ');
  });
  return parts.filter(Boolean).join('; ');
}

function failureMessage(status: number, method: string, path: string, data: unknown): string {
  const said = messageOf(data);
  const what = `${method} ${path}`;
  switch (status) {
    case 401:
      return `GitHub rejected the token (401${said ? ` ${said}` : ''}): set GITHUB_TOKEN to a valid token`;
    case 403:
      return `GitHub refused ${what} (403${said ? ` ${said}` : ''}): the token needs read and write access to issues`;
    case 404:
      return `GitHub has no ${what} (404): check the repository name, and that the token can see it`;
    case 410:
      return `GitHub says ${what} is gone (410${said ? ` ${said}` : ''}): are issues enabled on the repository?`;
    case 422: {
      const details = validationDetails(data);
      return `GitHub could not process ${what} (422 ${said || 'Unprocessable Entity'}${details ? `: ${details}` : ''})`;
    }
    default:
      return `GitHub answered ${status} to ${what}${said ? `: ${said}` : ''}`;
  }
}
