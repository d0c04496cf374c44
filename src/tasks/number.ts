import type { SpecDocument } from '../model/types.js';

/**
 * The issue number of a task document: front matter `issue`, `number` or the
 * `url` that `push` recorded, else the file name (`issue-12.md`, `012-pool.md`).
 * `#12` anywhere else in the workspace refers to it.
 */
export function taskNumberOf(doc: Pick<SpecDocument, 'path' | 'frontMatter'>): number | undefined {
  const fm = doc.frontMatter?.value;
  if (fm) {
    for (const key of ['issue', 'number']) {
      const n = asNumber(fm[key]);
      if (n !== undefined) return n;
    }
    const url = typeof fm.url === 'string' ? /\/issues\/(\d+)\b/.exec(fm.url) : null;
    if (url) return Number(url[1]);
  }
  const file = doc.path.split('/').pop() ?? '';
  const m = /^(?:issue|task)[-_ ]?(\d+)\b|^(\d+)[-_ ]/i.exec(file);
  return m ? Number(m[1] ?? m[2]) : undefined;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^#?\d+$/.test(v.trim())) return Number(v.trim().replace('#', ''));
  return undefined;
}
