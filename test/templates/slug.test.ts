import { describe, expect, it } from 'vitest';
import { isSpecwrightError } from '../../src/errors.js';
import { checkSlug, MAX_SLUG_LENGTH, slugify } from '../../src/templates/index.js';

describe('slugify', () => {
  it.each([
    ['Add OAuth2 Login', 'add-oauth2-login'],
    ['  --Hello,   World!--  ', 'hello-world'],
    ['Añadir caché para consultas', 'anadir-cache-para-consultas'],
    ['Straße & Œuvre Ærø', 'strasse-oeuvre-aero'],
    ['Łódź naïve façade', 'lodz-naive-facade'],
    ['v2.0 → v3.0 migration', 'v2-0-v3-0-migration'],
    ['🚀 Launch ✅', 'launch'],
    ['snake_case and CamelCase', 'snake-case-and-camelcase'],
  ])('%j -> %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it(`keeps at most ${MAX_SLUG_LENGTH} characters, cutting at a word boundary`, () => {
    const slug = slugify(
      'Implement the incremental synchronisation of partitioned tables across every backend',
    );
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).toBe('implement-the-incremental-synchronisation-of-partitioned');
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(MAX_SLUG_LENGTH));
  });

  it.each(['', '   ', '!!!', '🚀✅', '日本語'])('refuses a title with no usable characters: %j', (title) => {
    let caught: unknown;
    try {
      slugify(title);
    } catch (err) {
      caught = err;
    }
    expect(isSpecwrightError(caught)).toBe(true);
    expect((caught as Error).message).toBe(`title "${title}" makes an empty slug`);
  });

  it('accepts a chosen slug only when it is one safe path segment', () => {
    expect(checkSlug('my_feature.v2')).toBe('my_feature.v2');
    for (const bad of ['', '.', '..', 'a/b', 'a\\b', ' x'])
      expect(() => checkSlug(bad)).toThrow(/is not a valid file name/);
  });
});
