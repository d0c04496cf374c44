/** What the lifecycle commands (start, tick, set, complete, archive, changelog) share: options, JSON, text. */
import type { Command } from 'commander';
import { formatReason, isRefusal } from '../lifecycle/refusal.js';
import type { LifecycleResult } from '../lifecycle/result.js';
import { type OpenOptions, openSpec, type SpecTarget } from '../lifecycle/spec-target.js';
import { SCHEMA_VERSION } from '../report/spec-json.js';
import { type CommonOptions, cwdOf, withCommon, workspaceFor } from './common.js';
import { bold, cyan, dim, green, print, printJson, red, yellow } from './output.js';

export interface LifecycleCliOptions extends CommonOptions {
  dryRun?: boolean;
  kind?: string;
}

/** --cwd, --json and --dry-run. */
export function withLifecycle(cmd: Command, options: { kind?: boolean } = {}): Command {
  const c = withCommon(cmd).option('--dry-run', 'print the unified diff of what would change; write nothing');
  return options.kind
    ? c.option('--kind <kind>', 'treat the document as this kind (when it cannot be told)')
    : c;
}

export async function targetFor(query: string, opts: LifecycleCliOptions): Promise<SpecTarget> {
  const ws = await workspaceFor(opts);
  const open: OpenOptions = opts.kind ? { kind: opts.kind } : {};
  return openSpec(ws, query, cwdOf(opts), open);
}

/**
 * Run a lifecycle operation and print its result. A refusal (the command ran and declined, with
 * reasons) under --json is also printed as JSON (`ok: false`, its code and reasons) before the usual
 * error on stderr and exit code 2; errors that stop a command from running print nothing on stdout.
 */
export async function runLifecycle(
  opts: LifecycleCliOptions,
  work: () => Promise<LifecycleResult>,
): Promise<void> {
  let result: LifecycleResult;
  try {
    result = await work();
  } catch (err) {
    if (opts.json && isRefusal(err)) {
      printJson({
        schemaVersion: SCHEMA_VERSION,
        ok: false,
        error: {
          code: err.code,
          message: err.message,
          ...(err.file ? { path: err.file } : {}),
          ...(err.line ? { line: err.line } : {}),
          reasons: err.reasons,
        },
      });
    }
    throw err;
  }
  if (opts.json) printJson({ schemaVersion: SCHEMA_VERSION, ok: true, ...result });
  else printResult(result);
}

function printResult(r: LifecycleResult): void {
  if (r.dryRun) {
    for (const m of r.moves) print(bold(`rename from ${m.from}\nrename to ${m.to}`));
    for (const f of r.files) if (f.changed) print(colorDiff(f.diff).trimEnd());
    print(dim(r.changed ? 'dry run: nothing written' : 'dry run: nothing would change'));
    for (const n of r.notes) print(dim(n));
    return;
  }
  for (const i of r.items ?? [])
    if (i.changed)
      print(`${green(i.checked ? 'ticked  ' : 'unticked')} ${cyan(`${i.path}:${i.line}`)} ${i.text}`);
  for (const s of r.status ?? [])
    print(`${green('status  ')} ${cyan(s.path)} ${s.from ?? dim('(none)')} → ${s.to}`);
  for (const f of r.fields ?? [])
    print(`${green('set     ')} ${cyan(f.path)} ${f.key}: ${f.from ?? dim('(new)')} → ${f.to}`);
  if (r.changelog)
    print(`${green('logged  ')} ${cyan(r.changelog.path)} ${r.changelog.date} ${r.changelog.message}`);
  for (const m of r.moves) print(`${green('moved   ')} ${m.from} → ${m.to} ${dim(`(${m.method})`)}`);
  if (r.forced?.length) {
    print(yellow(`forced past ${r.forced.length} reason${r.forced.length === 1 ? '' : 's'}:`));
    for (const reason of r.forced) print(`  ${formatReason(reason)}`);
  }
  for (const n of r.notes) print(dim(n));
  if (!r.changed && r.notes.length === 0) print(dim('nothing to change'));
}

function colorDiff(diff: string): string {
  return diff
    .split('\n')
    .map((l) =>
      l.startsWith('+++') || l.startsWith('---')
        ? bold(l)
        : l.startsWith('+')
          ? green(l)
          : l.startsWith('-')
            ? red(l)
            : l.startsWith('@@')
              ? cyan(l)
              : l,
    )
    .join('\n');
}
