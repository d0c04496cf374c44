/** `tick`: set checklist boxes by id, text or line, across the files of a spec. */
import { commitFiles } from '../edit/commit.js';
import type { LockOptions } from '../edit/lock.js';
import type { ChecklistItem, Edit, SpecDocument } from '../model/types.js';
import { ambiguous, findItems, normalize, notFound, tickItemEdits } from './items.js';
import { baseResult, type ItemChange, type LifecycleResult, withFiles } from './result.js';
import { type SpecTarget, workspaceCommitOptions } from './spec-target.js';

export interface RunOptions {
  dryRun?: boolean;
  lock?: LockOptions;
}

export interface TickOptions extends RunOptions {
  undo?: boolean;
}

/**
 * Tick (or untick) the items the queries name. A spec whose files repeat an item (a feature's
 * phase list is in prd.md and tasks.md) has every copy ticked, so that its progress stays whole;
 * items with different text in different files are ambiguous.
 */
export async function tickSpec(
  target: SpecTarget,
  queries: readonly string[],
  options: TickOptions = {},
): Promise<LifecycleResult> {
  const result = baseResult('tick', target, options.dryRun ?? false);
  const scope = target.file ? [target.file] : target.files;
  const items: ItemChange[] = [];
  const files = await commitFiles(
    scope,
    (docs) => {
      items.length = 0;
      const edits: Edit[][] = docs.map(() => []);
      const taken = new Set<string>();
      for (const query of queries) {
        for (const { index, item } of resolve(docs, query)) {
          const doc = docs[index] as SpecDocument;
          const key = `${index}:${item.markRange.start.offset}`;
          if (taken.has(key)) continue;
          taken.add(key);
          const change = tickItemEdits(doc, item, !options.undo);
          (edits[index] as Edit[]).push(...change);
          items.push({
            path: doc.path,
            line: item.markRange.start.line,
            ...(item.id ? { id: item.id } : {}),
            text: item.text,
            checked: !options.undo,
            changed: change.length > 0,
          });
        }
      }
      return edits;
    },
    { ...workspaceCommitOptions(target.ws), dryRun: options.dryRun, lock: options.lock },
  );
  result.items = items;
  for (const i of items)
    if (!i.changed)
      result.notes.push(`${i.path}:${i.line}: already ${i.checked ? 'ticked' : 'unticked'}: ${i.text}`);
  return withFiles(result, files);
}

/** The item(s) one query names across the documents: one per file, the same item in each. */
function resolve(
  docs: readonly SpecDocument[],
  query: string,
): Array<{ index: number; item: ChecklistItem }> {
  const found = docs.map((doc, index) => ({ index, doc, items: findItems(doc, query) }));
  const hits = found.filter((f) => f.items.length > 0);
  if (hits.length === 0)
    throw notFound(
      docs[0] as SpecDocument,
      query,
      docs.reduce((n, d) => n + d.checklist.length, 0),
    );
  const all = hits.flatMap((h) => h.items.map((item) => ({ path: h.doc.path, item })));
  const crowded = hits.find((h) => h.items.length > 1);
  if (crowded) throw ambiguous(query, all);
  const same = new Set(hits.map((h) => `${h.items[0]?.id ?? ''}\u0000${normalize(h.items[0]?.text ?? '')}`));
  if (same.size > 1) throw ambiguous(query, all);
  return hits.map((h) => ({ index: h.index, item: h.items[0] as ChecklistItem }));
}
