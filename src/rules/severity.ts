/**
 * Which rules run on a file, at which severity, with which options. Layers, each
 * overriding the one before: the rule's default, `rules` (global), `kinds.<kind>.rules`,
 * `overrides[]` whose `files` globs match the file (in order), then `--rule` on the
 * command line. `off` at any layer turns the rule off until a later layer turns it on.
 */
import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { SpecwrightError } from '../errors.js';
import type { KindOrUnknown, Severity } from '../model/types.js';
import type { Config } from '../workspace/config.js';
import type { Rule } from './types.js';

/** How severities are written in config and on the command line. */
export type SeverityName = 'off' | 'info' | 'warn' | 'warning' | 'error';
export const SEVERITY_NAMES: readonly SeverityName[] = ['off', 'info', 'warn', 'warning', 'error'];

export interface RuleSetting {
  severity: Severity;
  options: Readonly<Record<string, unknown>>;
  /**
   * True when config or the command line set the severity. A finding's own severity (a rule reporting
   * one kind of problem as a warning) only applies while the rule runs at its default severity.
   */
  explicit?: boolean;
}

/** The setting of one rule for one file, or undefined when the rule is off there. */
export type Resolve = (ruleId: string) => RuleSetting | undefined;

export function toSeverity(name: SeverityName): Severity | undefined {
  if (name === 'off') return undefined;
  return name === 'warn' ? 'warning' : name;
}

/** `--rule id=severity`, repeatable. Unknown ids and severities are usage errors (exit 2). */
export function parseRuleFlags(
  flags: readonly string[],
  known: ReadonlySet<string>,
): Record<string, SeverityName> {
  const out: Record<string, SeverityName> = {};
  for (const flag of flags) {
    const m = /^\s*([\w-]+)\s*[=:]\s*(\w+)\s*$/.exec(flag);
    if (!m)
      throw new SpecwrightError(`--rule "${flag}": expected ID=off|info|warn|error`, undefined, undefined);
    const [, id, sev] = m as unknown as [string, string, string];
    if (!known.has(id)) throw new SpecwrightError(`--rule: unknown rule "${id}"${suggest(id, known)}`);
    if (!SEVERITY_NAMES.includes(sev as SeverityName))
      throw new SpecwrightError(`--rule ${id}: unknown severity "${sev}" (use off, info, warn or error)`);
    out[id] = sev as SeverityName;
  }
  return out;
}

/**
 * Reject rule ids the registry does not know, and kinds no template defines, wherever config names
 * them: a typo must not silently leave a rule at its default. Errors name the file and the line.
 */
export function validateRuleConfig(
  config: Config,
  configPath: string | undefined,
  known: ReadonlySet<string>,
  kinds: readonly string[],
): void {
  const fail = (keyPath: Array<string | number>, message: string): never => {
    throw new SpecwrightError(
      message,
      configPath,
      configPath ? keyLine(configPath, keyPath) : undefined,
      'config',
    );
  };
  for (const id of Object.keys(config.rules))
    if (!known.has(id)) fail(['rules', id], `"rules": unknown rule "${id}"${suggest(id, known)}`);
  for (const [kind, settings] of Object.entries(config.kinds)) {
    if (kind !== 'unknown' && !kinds.includes(kind))
      fail(['kinds', kind], `"kinds": unknown kind "${kind}" (known: ${kinds.join(', ')}, unknown)`);
    for (const id of Object.keys(settings.rules))
      if (!known.has(id))
        fail(
          ['kinds', kind, 'rules', id],
          `"kinds.${kind}.rules": unknown rule "${id}"${suggest(id, known)}`,
        );
  }
  config.overrides.forEach((o, i) => {
    for (const id of Object.keys(o.rules))
      if (!known.has(id))
        fail(
          ['overrides', i, 'rules', id],
          `"overrides[${i}].rules": unknown rule "${id}"${suggest(id, known)}`,
        );
  });
}

/** A "did you mean" for the nearest id at most two edits away, else one sharing a prefix. */
function suggest(id: string, known: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(id, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  best ??= [...known].find((k) => k.startsWith(id) || id.startsWith(k));
  return best ? ` (did you mean "${best}"?)` : '';
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** The line of the key at `keyPath` in a YAML file (only read on the error path). */
function keyLine(file: string, keyPath: Array<string | number>): number | undefined {
  try {
    const lc = new LineCounter();
    const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc });
    let node: unknown = doc.contents;
    let line: number | undefined;
    for (const key of keyPath) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        if (!pair) return line;
        const range = (pair.key as { range?: [number, number, number] }).range;
        if (range) line = lc.linePos(range[0]).line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as { range?: [number, number, number] } | undefined;
        if (item?.range) line = lc.linePos(item.range[0]).line;
        node = item;
      } else return line;
    }
    return line;
  } catch {
    return undefined;
  }
}

/** Shared by every rule without options, so that the engine can share one context among them. */
const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

interface Layer {
  rules: Readonly<Record<string, SeverityName | readonly [SeverityName, Record<string, unknown>]>>;
}

/** Resolves settings per file; files with the same kind and the same matching overrides share one table. */
export class SeverityResolver {
  private readonly matchers: Array<(path: string) => boolean>;
  private readonly tables = new Map<string, Map<string, RuleSetting | undefined>>();

  constructor(
    private readonly config: Pick<Config, 'rules' | 'kinds' | 'overrides'>,
    private readonly rules: readonly Rule[],
    private readonly cli: Readonly<Record<string, SeverityName>> = {},
  ) {
    this.matchers = config.overrides.map((o) => picomatch(o.files, { dot: true }));
  }

  /** What the settings depend on, for cache salts: a changed config must not serve old results. */
  fingerprint(): string {
    const { rules, kinds, overrides } = this.config;
    return JSON.stringify({ rules, kinds, overrides, cli: this.cli });
  }

  /** The resolver for a file (path relative to the workspace root, `/`-separated) of a kind. */
  forFile(path: string, kind: KindOrUnknown): Resolve {
    const matched = this.matchers.map((m, i) => (m(path) ? i : -1)).filter((i) => i >= 0);
    const key = `${kind}:${matched.join(',')}`;
    let table = this.tables.get(key);
    if (!table) {
      table = this.table(kind, matched);
      this.tables.set(key, table);
    }
    const t = table;
    return (ruleId) => t.get(ruleId);
  }

  private table(kind: KindOrUnknown, matched: number[]): Map<string, RuleSetting | undefined> {
    const layers: Layer[] = [{ rules: this.config.rules }];
    const kindLayer = this.config.kinds[kind];
    if (kindLayer) layers.push(kindLayer);
    for (const i of matched) layers.push(this.config.overrides[i] as Layer);
    layers.push({ rules: this.cli });
    const table = new Map<string, RuleSetting | undefined>();
    for (const rule of this.rules) {
      let severity: Severity | undefined = rule.meta.severity;
      let options: Readonly<Record<string, unknown>> = NO_OPTIONS;
      let explicit = false;
      for (const layer of layers) {
        const setting = layer.rules[rule.meta.id];
        if (setting === undefined) continue;
        const name = typeof setting === 'string' ? setting : setting[0];
        if (typeof setting !== 'string') options = setting[1];
        severity = toSeverity(name);
        explicit = true;
      }
      table.set(rule.meta.id, severity ? { severity, options, explicit } : undefined);
    }
    return table;
  }
}
