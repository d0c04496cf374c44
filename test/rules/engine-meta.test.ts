import { describe, expect, it } from 'vitest';
import { docsUri, docsUrl, formatMessage, repositoryUrl } from '../../src/rules/meta.js';

describe('rule docs links', () => {
  it('builds web links from package.json repository or homepage', () => {
    const base = { name: 'specwright', version: '1.0.0' };
    expect(repositoryUrl({ ...base, repository: 'github:acme/specwright' })).toBe(
      'https://github.com/acme/specwright',
    );
    expect(repositoryUrl({ ...base, repository: 'acme/specwright' })).toBe(
      'https://github.com/acme/specwright',
    );
    expect(
      repositoryUrl({ ...base, repository: { url: 'git+https://github.com/acme/specwright.git' } }),
    ).toBe('https://github.com/acme/specwright');
    expect(repositoryUrl({ ...base, homepage: 'https://github.com/acme/specwright#readme' })).toBe(
      'https://github.com/acme/specwright',
    );
    expect(repositoryUrl({ ...base, homepage: 'https://specwright.dev' })).toBeUndefined();
    expect(
      docsUrl('placeholder', {
        ...base,
        repository: { url: 'https://github.com/acme/tools.git', directory: 'packages/sw' },
      }),
    ).toBe('https://github.com/acme/tools/blob/HEAD/packages/sw/docs/rules/placeholder.md');
  });

  it('falls back to the docs path, and to a file URI where an absolute URI is required', () => {
    const bare = { name: 'specwright', version: '1.0.0' };
    expect(docsUrl('placeholder', bare)).toBe('docs/rules/placeholder.md');
    expect(docsUrl('internal', bare)).toBe('docs/check.md');
    expect(docsUri('placeholder', bare)).toMatch(/^file:\/\/\/.*\/docs\/rules\/placeholder\.md$/);
  });

  it('fills message slots and leaves unknown ones as written', () => {
    expect(formatMessage('{a} and {b} and {a}', { a: 1 })).toBe('1 and {b} and 1');
  });
});
