/** Turning a title into the file or folder name of a document. */
import { SpecwrightError } from '../errors.js';

export const MAX_SLUG_LENGTH = 60;

/** Letters NFKD does not decompose into ASCII. */
const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/**
 * Lower-case, accents folded to ASCII, every run of other characters turned into one dash, dashes
 * trimmed, at most MAX_SLUG_LENGTH characters (cut at a word boundary when one is near).
 * "Añadir Caché: v2!" -> "anadir-cache-v2".
 */
export function slugify(title: string): string {
  let s = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (c) => FOLD[c] ?? c)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > MAX_SLUG_LENGTH) {
    let cut = s.slice(0, MAX_SLUG_LENGTH);
    const dash = cut.lastIndexOf('-');
    if (s[MAX_SLUG_LENGTH] !== '-' && dash >= MAX_SLUG_LENGTH / 2) cut = cut.slice(0, dash);
    s = cut.replace(/-+$/, '');
  }
  if (!s)
    throw new SpecwrightError(`title "${title}" makes an empty slug`, undefined, undefined, 'empty-slug');
  return s;
}

/** Check a slug the caller chose: one safe path segment. */
export function checkSlug(slug: string): string {
  if (!slug || slug === '.' || slug === '..' || /[/\\\0]/.test(slug) || slug !== slug.trim()) {
    throw new SpecwrightError(`slug "${slug}" is not a valid file name`, undefined, undefined, 'bad-slug');
  }
  return slug;
}
