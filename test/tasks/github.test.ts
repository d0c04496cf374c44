/** The GitHub client's small parts: repository names, Link headers, an unreachable host. */

import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GitHubClient, nextLink } from '../../src/github/client.js';
import { parseRepo } from '../../src/github/issues.js';

describe('the GitHub client', () => {
  it('reads OWNER/NAME and repository URLs', () => {
    expect(parseRepo('acme/lumen')).toEqual({ owner: 'acme', name: 'lumen' });
    expect(parseRepo('https://github.com/acme/lumen.git')).toEqual({ owner: 'acme', name: 'lumen' });
    expect(() => parseRepo('lumen')).toThrow('--repo must be OWNER/NAME, not "lumen"');
  });

  it('follows rel="next" in a Link header', () => {
    expect(
      nextLink(
        '<https://api.github.com/repositories/1/issues?page=3>; rel="next", <https://api.github.com/repositories/1/issues?page=9>; rel="last"',
      ),
    ).toBe('https://api.github.com/repositories/1/issues?page=3');
    expect(nextLink('<https://api.github.com/x?page=1>; rel="prev"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });

  it('says which host it could not reach, in one line', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = new GitHubClient({ token: 't', baseUrl: `http://127.0.0.1:${port}` });
    await expect(client.request('GET', '/repos/a/b/issues')).rejects.toThrow(
      `cannot reach http://127.0.0.1:${port}: ECONNREFUSED`,
    );
  });

  it('takes the API base from GITHUB_API_URL', () => {
    const before = process.env.GITHUB_API_URL;
    process.env.GITHUB_API_URL = 'https://ghe.example.com/api/v3/';
    try {
      expect(new GitHubClient().baseUrl).toBe('https://ghe.example.com/api/v3');
    } finally {
      if (before === undefined) delete process.env.GITHUB_API_URL;
      else process.env.GITHUB_API_URL = before;
    }
  });
});
