import type { SpecDocument } from '../model/types.js';

/**
 * The issue number of a task document: front matter `issue`, else the file name
 * (`issue-12.md`, `012-pool.md`), else the `number` or `url` that `push issues`
 * recorded. `#12` anywhere else in the workspace refers to it.
 *
 * The file name comes before the recorded number on purpose: a task drafted as
 * `issue-3.md` keeps the id `#3` that other tasks use for it, even when GitHub
 * gave the pushed issue another number. A document with no number of its own
 * takes the pushed issue's number.
 */
export function taskNumberOf(doc: Pick<SpecDocument, 'path' | 'frontMatter'>): number | undefined {
  const fm = doc.frontMatter?.value;
  return localNumberOf(doc) ?? (fm ? recordedNumber(fm) : undefined);
}

/**
 * The number a file would have as a task document, guessed from its path and the first bytes of its
 * text without parsing it: the lint engine's first guess at a run's issue set, which it checks
 * against the real set afterwards. The guess ignores the document's kind and reads only flat
 * front matter, so it can be wrong; a wrong guess costs re-linting, never a wrong result.
 */
export function guessTaskNumber(path: string, head: string): number | undefined {
  const block = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(head);
  const fm: Record<string, unknown> = {};
  if (block)
    for (const line of (block[1] as string).split('\n')) {
      const kv = /^(issue|number|url):[ \t]*(['"]?)(.*?)\2[ \t]*\r?$/.exec(line);
      if (kv) fm[kv[1] as string] = kv[3];
    }
  return taskNumberOf({ path, frontMatter: block ? { value: fm, range: NO_RANGE } : undefined });
}

const NO_POS = { offset: 0, line: 1, column: 1 };
const NO_RANGE = { start: NO_POS, end: NO_POS };

/** The number a task document gives itself: front matter `issue`, else its file name (never a recorded one). */
export function localNumberOf(doc: Pick<SpecDocument, 'path' | 'frontMatter'>): number | undefined {
  const explicit = doc.frontMatter ? asNumber(doc.frontMatter.value.issue) : undefined;
  return explicit ?? fileNumber(doc.path);
}

/** The number in a task document's file name: `issue-12.md`, `task_3.md`, `012-connection-pool.md`. */
export function fileNumber(path: string): number | undefined {
  const file = path.split('/').pop() ?? '';
  // `2026-08-09-design.md` is dated, not numbered.
  if (/^\d{4}-\d{2}-\d{2}/.test(file)) return undefined;
  const m = /^(?:issue|task)[-_ ]?(\d+)\b|^(\d+)[-_ ]/i.exec(file);
  return m ? Number(m[1] ?? m[2]) : undefined;
}

/** The issue number `push issues` recorded in front matter: `number`, else the number in `url`. */
export function recordedNumber(fm: Record<string, unknown>): number | undefined {
  const n = asNumber(fm.number);
  if (n !== undefined) return n;
  const url = typeof fm.url === 'string' ? /\/issues\/(\d+)\b/.exec(fm.url) : null;
  return url ? Number(url[1]) : undefined;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^#?\d+$/.test(v.trim())) return Number(v.trim().replace('#', ''));
  return undefined;
}
