/**
 * From a spec to the exact list of commands a run may execute: extraction,
 * then the user's choice of levels (`--level`) and commands (`--command`).
 * Every refusal is a SpecwrightError naming the spec, so nothing runs.
 */
import { SpecwrightError } from '../errors.js';
import { parseSpec } from '../model/parse.js';
import type { SpecDocument } from '../model/types.js';
import type { Workspace } from '../workspace/workspace.js';
import { extractValidation } from './extract.js';
import type { VerifyLevel, VerifyPlan } from './types.js';

/** The commands a kind's template shows as examples, to flag those a spec left unchanged. */
export function templateCommands(ws: Workspace, kind: string): Set<string> {
  const template = kind === 'unknown' ? undefined : ws.templates.get(kind);
  if (!template) return new Set();
  const doc = parseSpec(template.main.text, `template:${kind}`);
  return new Set(extractValidation(doc).levels.flatMap((l) => l.commands.map((c) => c.command)));
}

export function planForSpec(ws: Workspace, doc: SpecDocument): VerifyPlan {
  return extractValidation(doc, { templateCommands: templateCommands(ws, doc.kind.kind) });
}

/** `1,2`, `2-4`, `1, 3` -> [1, 2, 3, 4]; a malformed list is a usage error. */
export function parseLevelList(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = /^(\d{1,3})\s*(?:-|\.\.)\s*(\d{1,3})$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (a > b)
        throw new SpecwrightError(`--level: "${part}" is an empty range`, undefined, undefined, 'usage');
      for (let n = a; n <= b; n++) out.add(n);
    } else if (/^\d{1,3}$/.test(part)) out.add(Number(part));
    else
      throw new SpecwrightError(
        `--level: "${part}" is not a level number (try --level 1,2)`,
        undefined,
        undefined,
        'usage',
      );
  }
  return [...out].sort((a, b) => a - b);
}

const normalize = (command: string) => command.replace(/\s+/g, ' ').trim();

export interface Selection {
  levels?: readonly number[];
  /** Run only these commands; each must be one the spec holds (whitespace differences aside). */
  commands?: readonly string[];
}

/** The levels to run. Throws when the spec has nothing to run, or a chosen level or command is not in it. */
export function selectLevels(doc: SpecDocument, plan: VerifyPlan, selection: Selection = {}): VerifyLevel[] {
  if (!plan.levels.length) {
    const ignored = plan.ignored.length
      ? ` (${plan.ignored.map((i) => `level ${i.level} "${i.title}" has ${i.reason}`).join('; ')})`
      : '';
    throw new SpecwrightError(
      `no validation commands: expected "### Level N: ..." headings with \`\`\`bash blocks, or shell blocks under a Testing/Validation section${ignored}`,
      doc.path,
      undefined,
      'no-commands',
    );
  }
  let levels = plan.levels;
  if (selection.levels?.length) {
    const known = new Set(levels.map((l) => l.level));
    const unknown = selection.levels.filter((n) => !known.has(n));
    if (unknown.length) {
      const empty = unknown
        .map((n) => plan.ignored.find((i) => i.level === n))
        .filter((i) => i !== undefined)
        .map((i) => `level ${i.level} has ${i.reason}`);
      throw new SpecwrightError(
        `no level ${unknown.join(', ')} to run${empty.length ? ` (${empty.join('; ')})` : ''}; levels: ${[...known].join(', ')}`,
        doc.path,
        undefined,
        'unknown-level',
      );
    }
    levels = levels.filter((l) => selection.levels?.includes(l.level));
  }
  if (selection.commands?.length) {
    const wanted = new Set(selection.commands.map(normalize));
    const all = new Set(levels.flatMap((l) => l.commands.map((c) => normalize(c.command))));
    const missing = [...wanted].filter((c) => !all.has(c));
    if (missing.length)
      throw new SpecwrightError(
        `not a command of this spec${selection.levels?.length ? "'s chosen levels" : ''}: ${missing.map((c) => `\`${c}\``).join(', ')}`,
        doc.path,
        undefined,
        'unknown-command',
      );
    levels = levels
      .map((l) => ({ ...l, commands: l.commands.filter((c) => wanted.has(normalize(c.command))) }))
      .filter((l) => l.commands.length);
  }
  return levels;
}
