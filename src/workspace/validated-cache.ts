/**
 * Validated YAML inputs (specwright.config.yaml, template.yaml files), cached by content hash in
 * `.specwright/cache/validated.json`. A command whose inputs did not change takes the validated
 * value from there and never loads the YAML parser and zod, about 90 ms of every start. Like every
 * cache here it is derived and disposable, and never trusted over changed bytes.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ContentCache } from './cache.js';

/** The build the entries came from: a rebuilt schema must validate again. */
const BUILD_STAMP = (() => {
  try {
    return String(statSync(fileURLToPath(new URL('./config-schema.js', import.meta.url))).mtimeMs);
  } catch {
    return 'src'; // running from TypeScript sources (tests)
  }
})();

const caches = new Map<string, ContentCache<unknown>>();

/**
 * The validated value of `text`, known by `key` (a path) in the workspace at `root`: from the
 * cache when the same bytes were validated before, else from `validate` (which throws on bad
 * input; nothing is cached then). Without a root, always `validate`.
 */
export async function validatedOnce<T>(
  root: string | undefined,
  key: string,
  text: string,
  validate: () => Promise<T>,
): Promise<T> {
  if (root === undefined) return validate();
  let cache = caches.get(root);
  if (!cache) {
    cache = new ContentCache<unknown>(root, 'validated', BUILD_STAMP);
    caches.set(root, cache);
  }
  const hash = ContentCache.hash(Buffer.from(text, 'utf8'));
  const hit = cache.get(key, hash);
  if (hit !== undefined) return hit as T;
  const value = await validate();
  cache.set(key, hash, value);
  cache.save(new Set(cache.keys()));
  return value;
}
