/**
 * The GitHub issue endpoints `push issues` and `pull issues` use, with the
 * request and response shapes GitHub documents (only the fields read here).
 */
import { SpecwrightError } from '../errors.js';
import type { GitHubClient } from './client.js';

export interface Repo {
  owner: string;
  name: string;
}

/** `OWNER/NAME` (or a github.com URL of the repository). */
export function parseRepo(text: string): Repo {
  const m = /^(?:https?:\/\/[^/]+\/)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(text.trim());
  if (!m)
    throw new SpecwrightError(`--repo must be OWNER/NAME, not "${text}"`, undefined, undefined, 'usage');
  return { owner: m[1] as string, name: m[2] as string };
}

export const repoText = (r: Repo) => `${r.owner}/${r.name}`;

export interface Issue {
  /** The database id: what dependency and sub-issue endpoints take. */
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason?: string | null;
  html_url: string;
  labels: Array<string | { name: string }>;
  assignees?: Array<{ login: string }>;
  closed_at?: string | null;
  pull_request?: unknown;
}

export interface IssueFields {
  title?: string;
  body?: string;
  labels?: string[];
  assignees?: string[];
  state?: 'open' | 'closed';
  state_reason?: 'completed' | 'not_planned' | 'reopened';
}

export const labelNames = (issue: Issue) => issue.labels.map((l) => (typeof l === 'string' ? l : l.name));

export class IssuesApi {
  constructor(
    readonly client: GitHubClient,
    readonly repo: Repo,
  ) {}

  private get base() {
    return `/repos/${encodeURIComponent(this.repo.owner)}/${encodeURIComponent(this.repo.name)}`;
  }

  /** Every issue (open and closed, pull requests left out) carrying `label`. */
  async listByLabel(label: string): Promise<Issue[]> {
    const all = await this.client.paginate<Issue>(
      `${this.base}/issues?state=all&labels=${encodeURIComponent(label)}`,
    );
    return all.filter((i) => !i.pull_request);
  }

  async get(number: number): Promise<Issue> {
    return (await this.client.request<Issue>('GET', `${this.base}/issues/${number}`)).data;
  }

  async create(fields: IssueFields & { title: string }): Promise<Issue> {
    return (await this.client.request<Issue>('POST', `${this.base}/issues`, fields)).data;
  }

  async update(number: number, fields: IssueFields): Promise<Issue> {
    return (await this.client.request<Issue>('PATCH', `${this.base}/issues/${number}`, fields)).data;
  }

  /** The issues `number` is blocked by. */
  async blockedBy(number: number): Promise<Issue[]> {
    return this.client.paginate<Issue>(`${this.base}/issues/${number}/dependencies/blocked_by`);
  }

  /** Mark `number` as blocked by the issue whose database id is `blockingId` (not its number). */
  async addBlockedBy(number: number, blockingId: number): Promise<void> {
    await this.client.request('POST', `${this.base}/issues/${number}/dependencies/blocked_by`, {
      issue_id: blockingId,
    });
  }

  async subIssues(number: number): Promise<Issue[]> {
    return this.client.paginate<Issue>(`${this.base}/issues/${number}/sub_issues`);
  }

  /** Make the issue with database id `subIssueId` a sub-issue of `number`. */
  async addSubIssue(number: number, subIssueId: number): Promise<void> {
    await this.client.request('POST', `${this.base}/issues/${number}/sub_issues`, {
      sub_issue_id: subIssueId,
    });
  }
}
