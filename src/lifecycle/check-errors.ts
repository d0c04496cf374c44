/** The errors `check` reports for a spec's files, as refusal reasons for `complete`. */
import { lintPaths } from '../rules/engine.js';
import type { Workspace } from '../workspace/workspace.js';
import type { Reason } from './refusal.js';

export type CheckErrors = (ws: Workspace, absPaths: string[]) => Reason[];

/** Error-severity diagnostics (and unreadable files) of the given files; warnings do not block. */
export const checkErrors: CheckErrors = (ws, absPaths) => {
  const run = lintPaths(ws, absPaths, { quiet: true });
  const reasons: Reason[] = [];
  for (const f of run.files) {
    if (f.error)
      reasons.push({
        path: f.path,
        ...(f.error.line ? { line: f.error.line } : {}),
        message: f.error.message,
      });
    for (const d of f.diagnostics) {
      if (d.severity !== 'error') continue;
      reasons.push({ path: f.path, line: d.range.start.line, message: `${d.message} (${d.ruleId})` });
    }
  }
  return reasons;
};
