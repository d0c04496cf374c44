/**
 * A local stand-in for the GitHub REST endpoints `push issues` and `pull issues`
 * use, answering with GitHub's documented shapes (database `id` distinct from
 * `number`, `html_url`, `labels` as objects, `Link` pagination) and recording
 * every request so that tests can assert what was sent. No real network.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeIssue {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: Array<{ id: number; name: string }>;
  assignees: Array<{ login: string }>;
  html_url: string;
  url: string;
  closed_at: string | null;
  blockedBy: number[];
  subIssues: number[];
  parent?: number;
  pull_request?: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  auth: string | undefined;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times: number;
}

export class FakeGitHub {
  readonly issues: FakeIssue[] = [];
  readonly requests: RecordedRequest[] = [];
  /** The page size the fake uses at most, whatever per_page asks (small, to exercise pagination). */
  maxPerPage = 3;
  token = 'test-token';
  collaborators = new Set(['tferreira', 'pnair']);
  private failures: Failure[] = [];
  private server: Server | undefined;
  url = '';

  constructor(
    readonly owner = 'acme',
    readonly repo = 'lumen',
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(err) }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Answer the next `times` requests matching `method` and `path` with this status (and headers/body). */
  fail(
    method: string,
    path: RegExp,
    status: number,
    headers: Record<string, string> = {},
    body?: unknown,
    times = 1,
  ) {
    this.failures.push({ method, path, status, headers, body, times });
  }

  /** Requests that change something. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  /** An issue made outside specwright (no key), for the tests that need one. */
  seed(title: string, extra: Partial<FakeIssue> = {}): FakeIssue {
    const issue = this.newIssue({ title, body: extra.body ?? null, labels: [] });
    Object.assign(issue, extra);
    return issue;
  }

  issue(number: number): FakeIssue | undefined {
    return this.issues.find((i) => i.number === number);
  }

  private newIssue(fields: {
    title: string;
    body: string | null;
    labels: string[];
    assignees?: string[];
  }): FakeIssue {
    const number = this.issues.length + 1;
    const issue: FakeIssue = {
      // Database ids are large and never equal to the number, as on GitHub.
      id: 900_000 + number * 7,
      node_id: `I_kwDO${number}`,
      number,
      title: fields.title,
      body: fields.body,
      state: 'open',
      state_reason: null,
      labels: fields.labels.map((name, i) => ({ id: 5000 + i, name })),
      assignees: (fields.assignees ?? []).map((login) => ({ login })),
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${number}`,
      url: `${this.url}/repos/${this.owner}/${this.repo}/issues/${number}`,
      closed_at: null,
      blockedBy: [],
      subIssues: [],
    };
    this.issues.push(issue);
    return issue;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const text = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c) => {
        data += c;
      });
      req.on('end', () => resolve(data));
    });
    const body = text ? JSON.parse(text) : undefined;
    const method = req.method ?? 'GET';
    this.requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      auth: req.headers.authorization,
    });
    const send = (status: number, data?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };
    const failure = this.failures.find((f) => f.method === method && f.path.test(url.pathname));
    if (failure) {
      if (--failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      return send(failure.status, failure.body ?? { message: 'injected failure' }, failure.headers);
    }
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });

    const base = `/repos/${this.owner}/${this.repo}`;
    if (!url.pathname.startsWith(`${base}/`))
      return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    const rest = url.pathname.slice(base.length);

    if (rest === '/issues' && method === 'GET') {
      const label = url.searchParams.get('labels');
      const state = url.searchParams.get('state') ?? 'open';
      const list = this.issues.filter(
        (i) => (!label || i.labels.some((l) => l.name === label)) && (state === 'all' || i.state === state),
      );
      return this.page(url, list.map(view), send);
    }
    if (rest === '/issues' && method === 'POST') {
      if (!body?.title) return send(422, validation('Issue', 'title', 'missing_field'));
      const bad = (body.assignees ?? []).find((a: string) => !this.collaborators.has(a));
      if (bad) return send(422, validation('Issue', 'assignees', 'invalid', bad));
      const issue = this.newIssue(body);
      return send(201, view(issue));
    }
    let m = /^\/issues\/(\d+)$/.exec(rest);
    if (m) {
      const issue = this.issue(Number(m[1]));
      if (!issue) return send(404, { message: 'Not Found' });
      if (method === 'GET') return send(200, view(issue));
      if (method === 'PATCH') {
        if (body.title !== undefined) issue.title = body.title;
        if (body.body !== undefined) issue.body = body.body;
        if (body.labels)
          issue.labels = body.labels.map((name: string, i: number) => ({ id: 6000 + i, name }));
        if (body.state) {
          issue.state = body.state;
          issue.state_reason = body.state_reason ?? (body.state === 'closed' ? 'completed' : null);
          issue.closed_at = body.state === 'closed' ? '2026-01-02T03:04:05Z' : null;
        }
        return send(200, view(issue));
      }
    }
    m = /^\/issues\/(\d+)\/dependencies\/blocked_by$/.exec(rest);
    if (m) {
      const issue = this.issue(Number(m[1]));
      if (!issue) return send(404, { message: 'Not Found' });
      if (method === 'GET')
        return this.page(
          url,
          issue.blockedBy.map((id) => view(this.byId(id) as FakeIssue)),
          send,
        );
      const blocking = this.byId(body?.issue_id);
      if (!blocking) return send(422, validation('IssueDependency', 'issue_id', 'invalid', body?.issue_id));
      if (issue.blockedBy.includes(blocking.id))
        return send(422, {
          message: 'Validation Failed',
          errors: [{ message: 'Dependency already exists' }],
        });
      issue.blockedBy.push(blocking.id);
      return send(201, view(issue));
    }
    m = /^\/issues\/(\d+)\/sub_issues$/.exec(rest);
    if (m) {
      const parent = this.issue(Number(m[1]));
      if (!parent) return send(404, { message: 'Not Found' });
      if (method === 'GET')
        return this.page(
          url,
          parent.subIssues.map((id) => view(this.byId(id) as FakeIssue)),
          send,
        );
      const child = this.byId(body?.sub_issue_id);
      if (!child) return send(422, validation('SubIssue', 'sub_issue_id', 'invalid', body?.sub_issue_id));
      if (child.parent !== undefined && !body.replace_parent)
        return send(422, {
          message: 'Validation Failed',
          errors: [{ message: 'Issue may not have more than one parent' }],
        });
      child.parent = parent.id;
      parent.subIssues.push(child.id);
      return send(201, view(parent));
    }
    return send(404, { message: 'Not Found' });
  }

  private byId(id: unknown): FakeIssue | undefined {
    return this.issues.find((i) => i.id === id);
  }

  private page(url: URL, list: unknown[], send: (s: number, d: unknown, h?: Record<string, string>) => void) {
    const per = Math.min(Number(url.searchParams.get('per_page') ?? 30), this.maxPerPage);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = list.slice((page - 1) * per, page * per);
    const headers: Record<string, string> = {};
    if (page * per < list.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      const last = new URL(url);
      last.searchParams.set('page', String(Math.ceil(list.length / per)));
      headers.link = `<${next}>; rel="next", <${last}>; rel="last"`;
    }
    send(200, slice, headers);
  }
}

/** What GitHub sends for an issue (internal bookkeeping left out). */
function view(i: FakeIssue) {
  const { blockedBy: _b, subIssues: _s, parent: _p, ...rest } = i;
  return rest;
}

function validation(resource: string, field: string, code: string, value?: unknown) {
  return {
    message: 'Validation Failed',
    errors: [{ resource, field, code, ...(value !== undefined ? { value } : {}) }],
    documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
  };
}
