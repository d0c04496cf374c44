import { fstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { type Command, Option } from 'commander';
import { SpecwrightError } from '../errors.js';
import type { SeverityName } from '../rules/severity.js';
import { writeFully } from '../slab-writer.js';
import { type CommonOptions, cwdOf, withCommon, workspaceFor } from './common.js';
import { useColor } from './output.js';

interface CheckOptions extends CommonOptions {
  format: 'stylish' | 'json' | 'sarif' | 'github';
  fix?: boolean;
  fixDryRun?: boolean;
  unsafe?: boolean;
  rule: string[];
  maxWarnings?: string;
  quiet?: boolean;
  cache: boolean;
}

export function register(program: Command): void {
  withCommon(
    program
      .command('check')
      .argument('[paths...]', 'files or folders to check (default: the workspace spec folders)')
      .description('lint specs: placeholders, missing sections, bad statuses, dangling references, …')
      .addOption(
        new Option('-f, --format <format>', 'output format')
          .choices(['stylish', 'json', 'sarif', 'github'])
          .default('stylish'),
      )
      .option('--fix', 'apply safe fixes to the files')
      .option('--fix-dry-run', 'print the diff --fix would apply; write nothing')
      .option('--unsafe', 'with --fix or --fix-dry-run: apply unsafe fixes too')
      .option(
        '--rule <id=severity>',
        'set a rule to off, info, warn or error (repeatable)',
        (v: string, all: string[]) => [...all, v],
        [],
      )
      .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
      .option('--quiet', 'report errors only')
      .option('--no-cache', 'ignore and do not write .specwright/cache/lint.jsonl'),
  ).action(async (paths: string[], opts: CheckOptions) => {
    const maxWarnings = parseMaxWarnings(opts.maxWarnings);
    const format = opts.json ? 'json' : opts.format;
    const rules = parseRuleOptions(opts.rule);
    const ws = await workspaceFor(opts);
    const cwd = cwdOf(opts);
    // V8 lets the heap grow to four times what survives a collection when collecting looks cheap:
    // a cold check of 10,000 files, with 30-47 MB live, peaked at 300-410 MB. Twice is plenty for
    // a command that exits when done: 225-262 MB, in the same time. V8 reads the flag at each
    // collection, so it takes effect from here on. (Not for every command: a warm `list` lost 20 ms.)
    setFlagsFromString('--heap-growing-percent=100');
    const { lintPaths } = await import('../rules/engine.js');
    const run = lintPaths(ws, paths.length ? paths.map((p) => resolve(cwd, p)) : undefined, {
      rules,
      cache: opts.cache,
      quiet: Boolean(opts.quiet),
      fix: Boolean(opts.fix) && !opts.fixDryRun,
      fixDryRun: Boolean(opts.fixDryRun),
      unsafe: Boolean(opts.unsafe),
    });

    let chunks: Iterable<string | Uint8Array>;
    if (format === 'json')
      chunks = (await import('../report/lint-json.js')).lintJsonChunks(run, { reuse: true });
    else if (format === 'sarif') chunks = (await import('../report/sarif.js')).sarifChunks(run);
    else if (format === 'github') chunks = (await import('../report/github.js')).githubChunks(run);
    else chunks = (await import('../report/stylish.js')).stylishChunks(run, { color: useColor() });
    writeChunks(chunks);

    const tooManyWarnings = maxWarnings !== undefined && run.warningCount > maxWarnings;
    if (tooManyWarnings && format === 'stylish')
      process.stderr.write(`specwright: too many warnings (${run.warningCount}, maximum ${maxWarnings})\n`);
    process.exitCode = run.errorCount > 0 || tooManyWarnings ? 1 : 0;
  });
}

/**
 * Write the report in pieces, so that a report of hundreds of thousands of problems never sits in
 * memory whole. Each byte piece is written before the next is asked for (the JSON report reuses
 * its buffer). A report redirected to a file is written straight to it (the stream's own writes
 * took twice as long); pipes and terminals get the stream, whose writes are synchronous on Linux
 * and macOS. A reader that stops early (`| head`) is not an error.
 */
function writeChunks(chunks: Iterable<string | Uint8Array>): void {
  const toFile = stdoutIsFile();
  if (!toFile)
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  // A copy for the stream, which may hold on to what it is given.
  const write = toFile
    ? (bytes: Uint8Array) => writeFully(1, bytes)
    : (bytes: Uint8Array) => process.stdout.write(Buffer.from(bytes));
  // Text reports come as many short strings, joined before they are encoded.
  let text = '';
  for (const chunk of chunks) {
    if (typeof chunk === 'string') {
      text += chunk;
      if (text.length < 1 << 16) continue;
    }
    if (text) {
      write(Buffer.from(text, 'utf8'));
      text = '';
    }
    if (typeof chunk !== 'string') write(chunk);
  }
  if (text) write(Buffer.from(text, 'utf8'));
}

function stdoutIsFile(): boolean {
  try {
    return fstatSync(1).isFile();
  } catch {
    return false;
  }
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()))
    throw new SpecwrightError(`--max-warnings: expected a whole number ≥ 0, got "${value}"`);
  return Number(value);
}

/** `--rule id=severity` into a map; the engine checks ids and severities against the registry. */
function parseRuleOptions(flags: string[]): Record<string, SeverityName> | undefined {
  if (!flags.length) return undefined;
  const out: Record<string, string> = {};
  for (const flag of flags) {
    const m = /^\s*([\w-]+)\s*[=:]\s*(\w+)\s*$/.exec(flag);
    if (!m) throw new SpecwrightError(`--rule "${flag}": expected ID=off|info|warn|error`);
    out[m[1] as string] = m[2] as string;
  }
  return out as Record<string, SeverityName>;
}
