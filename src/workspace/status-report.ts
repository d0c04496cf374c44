import type { StatusState } from '../model/types.js';
import type { TemplateSet } from '../templates/index.js';
import type { Config } from './config.js';
import type { FileError, SpecEntry, SpecList } from './workspace.js';

const DONE: ReadonlySet<StatusState> = new Set(['complete', 'implemented', 'archived']);
const DAY_MS = 86_400_000;

export interface StatusRow {
  slug: string;
  path: string;
  kind: string;
  state: StatusState | 'unset';
  progress: { checked: number; total: number };
  stale: boolean;
  staleReason?: string;
}

export interface WorkspaceStatus {
  total: number;
  byState: Record<string, number>;
  specs: StatusRow[];
  errors: FileError[];
}

/**
 * Counts by state and what is stale: an open spec untouched for `stale.days`, or a
 * done spec still outside its kind's done folder (it should have been archived).
 */
export function workspaceStatus(
  list: SpecList,
  config: Config,
  templates: TemplateSet,
  now = Date.now(),
): WorkspaceStatus {
  const byState: Record<string, number> = {};
  const specs = list.specs.map((s) => {
    const state = s.status?.state ?? 'unset';
    byState[state] = (byState[state] ?? 0) + 1;
    const row: StatusRow = {
      slug: s.slug,
      path: s.path,
      kind: s.kind,
      state,
      progress: s.progress,
      stale: false,
    };
    const reason = staleReason(s, config, templates, now);
    if (reason) {
      row.stale = true;
      row.staleReason = reason;
    }
    return row;
  });
  return { total: specs.length, byState, specs, errors: list.errors };
}

function staleReason(s: SpecEntry, config: Config, templates: TemplateSet, now: number): string | undefined {
  const state = s.status?.state;
  if (state && DONE.has(state)) {
    const done = s.kind === 'unknown' ? undefined : templates.get(s.kind)?.schema.layout.done;
    if (done && state !== 'archived') {
      const prefix = done.split('{slug}')[0]?.replace(/\/$/, '') ?? '';
      if (prefix && !s.path.includes(`${prefix}/`)) return `${state} but not moved to ${prefix}/`;
    }
    return undefined;
  }
  const days = Math.floor((now - s.mtimeMs) / DAY_MS);
  if (days >= config.stale.days) return `unchanged for ${days} days`;
  return undefined;
}
