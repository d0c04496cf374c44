import type { Command } from 'commander';
import { SpecwrightError } from '../errors.js';
import { SCHEMA_VERSION } from '../report/spec-json.js';
import { Allowlist } from '../verify/allow.js';
import { lastRunJson, runHistory } from '../verify/history.js';
import { parseLevelList, planForSpec, selectLevels } from '../verify/plan.js';
import { recordRun } from '../verify/record.js';
import { findRepoRoot, headCommit } from '../verify/repo.js';
import type { VerifyLevel } from '../verify/types.js';
import { verifySpec } from '../verify/verify.js';
import {
  displayPath,
  listSpecs,
  readSpec,
  resolveSpec,
  slugOf,
  type Workspace,
} from '../workspace/workspace.js';
import { type CommonOptions, cwdOf, withCommon, workspaceFor } from './common.js';
import { dim, green, print, printJson, yellow } from './output.js';
import { ask, confirmMode } from './verify-confirm.js';
import { liveReporter, printHistory, printPlan, printRejections, printSummary } from './verify-print.js';

interface VerifyCliOptions extends CommonOptions {
  level?: string;
  yes?: boolean;
  timeout?: string;
  continue?: boolean;
  record?: boolean;
  history?: boolean;
  dryRun?: boolean;
  command?: string[];
}

export function register(program: Command): void {
  withCommon(
    program
      .command('verify')
      .argument('<spec>', 'a slug, or the path of any Markdown file')
      .description(
        "run a spec's validation loops level by level, keep the evidence, optionally record the outcome",
      )
      .option('--level <levels>', 'run only these levels: 1,2 or 2-3')
      .option('--command <command>', 'run only this command of the spec (repeatable)', collect)
      .option('-y, --yes', 'run without asking (required in CI and without a terminal)')
      .option('--timeout <seconds>', 'time limit per command (default: verify.timeout in the config, 600)')
      .option('--continue', 'keep going after a failing command or level')
      .option(
        '--record',
        'tick "All validation loops pass" when every level passed and add a dated note to the spec',
      )
      .option('--dry-run', 'print the commands that would run, run nothing')
      .option('--history', 'list the earlier runs of this spec'),
  ).action(async (query: string, opts: VerifyCliOptions) => {
    const ws = await workspaceFor(opts);
    const path = resolveSpec(ws, listSpecs(ws), query, cwdOf(opts));
    const doc = readSpec(ws, path);
    const slug = slugOf(doc.path);
    if (opts.history) return history(ws, doc.path, slug, opts);

    const plan = planForSpec(ws, doc);
    const levels = selectLevels(doc, plan, {
      ...(opts.level !== undefined ? { levels: parseLevelList(opts.level) } : {}),
      ...(opts.command?.length ? { commands: opts.command } : {}),
    });
    const timeoutMs = Math.round(timeoutSeconds(opts.timeout, ws.config.verify.timeout) * 1000);
    const cwd = findRepoRoot(ws.root) ?? ws.root;
    // Human text goes to stdout; with --json, stdout holds the JSON document alone.
    const write = opts.json ? (l: string) => process.stderr.write(`${l}\n`) : print;

    // verifySpec refuses these too; checking first lets the CLI list every rejection before any prompt.
    const rejected = new Allowlist(ws.config.verify.allow).rejections(levels);
    if (rejected.length) {
      printRejections((l) => process.stderr.write(`${l}\n`), doc.path, rejected);
      throw new SpecwrightError(
        `${rejected.length} command${rejected.length === 1 ? ' is' : 's are'} not allowed by verify.allow in ${ws.configPath ? displayPath(ws, ws.configPath) : 'the config'}; nothing was run`,
        doc.path,
        rejected[0]?.line,
        'not-allowed',
      );
    }

    if (opts.dryRun) {
      if (opts.json) printJson(planJson(doc.path, slug, plan.source, levels, plan.ignored, cwd, timeoutMs));
      else printPlan(print, doc.path, levels, { cwd, timeoutMs });
      return;
    }

    const count = levels.reduce((n, l) => n + l.commands.length, 0);
    const mode = confirmMode(Boolean(opts.yes), Boolean(process.stdin.isTTY), process.env);
    if (mode !== 'run') {
      const toStderr = (l: string) => process.stderr.write(`${l}\n`);
      printPlan(toStderr, doc.path, levels, { cwd, timeoutMs });
      if (mode === 'refuse')
        throw new SpecwrightError(
          `not running ${count} command${count === 1 ? '' : 's'} without --yes (CI or no terminal to confirm on); review them above or with --dry-run`,
          doc.path,
          undefined,
          'not-confirmed',
        );
      const yes = await ask(
        `\nRun ${count === 1 ? 'this command' : `these ${count} commands`}? [y/N] `,
        process.stdin,
        process.stderr,
      );
      if (!yes)
        throw new SpecwrightError('not confirmed; nothing was run', doc.path, undefined, 'not-confirmed');
    }

    const controller = new AbortController();
    // The commands run detached (their own process groups), so a terminal's Ctrl-C does not reach
    // them: forward it. Further signals only repeat the message; dying here would leave them running.
    const onSignal = () => {
      write(
        yellow(
          controller.signal.aborted
            ? 'Still stopping (SIGKILL follows within 2 s)…'
            : '\nInterrupted: stopping the running command and everything it started…',
        ),
      );
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let outcome: Awaited<ReturnType<typeof verifySpec>>;
    try {
      outcome = await verifySpec({
        root: ws.root,
        spec: doc.path,
        slug,
        plan,
        levels,
        timeoutMs,
        allow: ws.config.verify.allow,
        ...(opts.continue ? { continueOnFailure: true } : {}),
        reporter: liveReporter(write, !opts.json, { timeoutMs, total: count }),
        signal: controller.signal,
        onStart: (state) =>
          write(
            dim(
              `Verifying ${doc.path}: ${levels.length} level${levels.length === 1 ? '' : 's'}, ${count} command${count === 1 ? '' : 's'} in ${state.cwd}` +
                (state.commit
                  ? ` at ${state.commit.slice(0, 12)}${state.dirty ? ' (uncommitted changes)' : ''}`
                  : ''),
            ),
          ),
      });
    } finally {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
    const { run, evidence } = outcome;
    const evidencePath = displayPath(ws, evidence);

    let recorded: Awaited<ReturnType<typeof recordRun>> | null = null;
    if (opts.record && !run.interrupted) recorded = await recordRun(ws, path, run, evidencePath);

    if (opts.json) printJson({ ...run, evidence: evidencePath, recorded });
    else {
      printSummary(print, run, evidencePath);
      if (recorded) {
        for (const t of recorded.ticked) print(green(`Ticked ${doc.path}:${t.line} "${t.text}"`));
        if (recorded.note)
          print(green(`Noted the run in ${doc.path}:${recorded.note.line} (${recorded.note.section})`));
        if (!recorded.ticked.length && recorded.untickedReason) print(dim(recorded.untickedReason));
      } else if (opts.record && run.interrupted) print(dim('Not recorded: the run was interrupted'));
    }
    process.exitCode = run.interrupted ? 130 : run.passed ? 0 : 1;
  });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function timeoutSeconds(option: string | undefined, fallback: number): number {
  if (option === undefined) return fallback;
  const n = Number(option);
  if (!Number.isFinite(n) || n <= 0)
    throw new SpecwrightError(
      `--timeout: "${option}" is not a positive number of seconds`,
      undefined,
      undefined,
      'usage',
    );
  return n;
}

function planJson(
  spec: string,
  slug: string,
  source: string,
  levels: readonly VerifyLevel[],
  ignored: unknown[],
  cwd: string,
  timeoutMs: number,
) {
  return { schemaVersion: SCHEMA_VERSION, spec, slug, source, cwd, timeoutMs, levels, ignored };
}

function history(ws: Workspace, spec: string, slug: string, opts: VerifyCliOptions): void {
  const runs = runHistory(ws.root, slug);
  const head = runs.length ? headCommit(findRepoRoot(ws.root)) : null;
  if (opts.json)
    printJson({
      schemaVersion: SCHEMA_VERSION,
      spec,
      slug,
      head,
      runs: runs.map(({ path, run }) => ({
        ...lastRunJson(run, head),
        evidence: displayPath(ws, path),
        interrupted: run.interrupted,
        levels: run.levels,
        durationMs: run.durationMs,
        failed: run.results.flatMap((l) =>
          l.commands
            .filter((c) => c.status !== 'passed' && c.status !== 'not-run')
            .map((c) => ({
              level: l.level,
              command: c.command,
              line: c.line,
              status: c.status,
              exitCode: c.exitCode,
            })),
        ),
      })),
    });
  else printHistory(print, spec, runs, head);
}
