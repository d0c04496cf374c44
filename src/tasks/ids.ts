/**
 * Task ids: `#12` for issue-numbered tasks, `<spec-slug>:3.1` for phase items,
 * `<spec-slug>:task-2` for blueprint tasks, or a document's own id (`FLOW-004`,
 * `bundle:T1.2`). Written references are resolved relative to the spec they are
 * written in: `3.1` inside opml-import means `opml-import:3.1`.
 */

/** `#12`, `12`, `slug:3.1`, `3.1`, `T1.1`, `task-2` -> a task id (a bare local id is qualified with `spec`). */
export function qualifyRef(written: string, spec: string): string {
  const t = written.trim().replace(/^["'`]+|["'`]+$/g, '');
  if (/^#?\d+$/.test(t)) return `#${Number(t.replace('#', ''))}`;
  if (t.includes(':') || TICKET_ID.test(t)) return t;
  return `${spec}:${t}`;
}

/** A tracker-style ticket id (`FLOW-004`, `PROJ-12`): global, never qualified with a spec. */
const TICKET_ID = /^[A-Z][A-Z0-9]*-\d+$/;

/** The id a document states for itself is used as written when it reads as an id on its own. */
export function isStandaloneId(id: string): boolean {
  return id.startsWith('#') || id.includes(':') || TICKET_ID.test(id);
}

/**
 * Natural order: `#2` before `#10`, `x:3.2` before `x:3.10`; issue numbers before spec-qualified
 * ids. A key per id (digit runs zero-padded) makes it a plain string comparison, which matters when
 * 10,000 ids are sorted.
 */
export function idSortKey(id: string): string {
  if (id.startsWith('#')) return `0${id.slice(1).padStart(12, '0')}`;
  return `1${id.toLowerCase().replace(/\d+/g, (d) => d.padStart(12, '0'))}`;
}

export function compareIds(a: string, b: string): number {
  const ka = idSortKey(a);
  const kb = idSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Sort by id with one key computation per element. */
export function sortById<T extends { id: string }>(list: readonly T[]): T[] {
  return list
    .map((item) => ({ item, key: idSortKey(item.id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.item);
}

/** A node id safe for Mermaid and DOT ids and for file names: `opml-import:3.1` -> `opml-import-3.1`. */
export function fileSafeId(id: string): string {
  return id
    .replace(/#(\d+)/g, 'issue-$1')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
