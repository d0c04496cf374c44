/**
 * The rule fixture convention (see test/rules/README.md): one folder per rule under
 * test/fixtures/rules/<rule-id>/ holding fail-*.md and pass-*.md documents, a `.expected` file per
 * fail case, a `.fixed.md` file per case whose safe fixes change it, and an optional fixture.yaml.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { applyEdits, nonOverlapping } from '../../src/edit/apply.js';
import type { SpecDocument } from '../../src/model/types.js';
import type { Finding, Rule } from '../../src/rules/types.js';
import type { TemplateSet } from '../../src/templates/index.js';
import { repoRoot } from '../helpers/paths.js';
import { makeContext, parseText } from './context.js';

export const FIXTURES_DIR = join(repoRoot, 'test', 'fixtures', 'rules');
export const DOCS_DIR = join(repoRoot, 'docs', 'rules');

const caseSettings = z.strictObject({
  /** The path the document pretends to have, relative to the fixture folder (folder status, kind clues). */
  path: z.string().min(1).optional(),
  /** Template kind to use instead of the detected one. */
  kind: z.string().min(1).optional(),
  /** Issue numbers the workspace knows. */
  issues: z.array(z.number().int().positive()).optional(),
  /** Rule options, as config `rule-id: [severity, {options}]` would give them. */
  options: z.record(z.string(), z.unknown()).optional(),
});

/** fixture.yaml: settings for every case, and per-case settings by case name (without `.md`). */
const fixtureFile = caseSettings.extend({
  cases: z.record(z.string(), caseSettings).optional(),
});

export type CaseSettings = z.infer<typeof caseSettings>;

export interface FixtureCase {
  ruleId: string;
  /** fail-x or pass-x (no extension). */
  name: string;
  expectFindings: boolean;
  dir: string;
  file: string;
  settings: CaseSettings;
}

/** Rule ids that have a fixture folder. */
export function fixtureFolders(): string[] {
  if (!existsSync(FIXTURES_DIR)) return [];
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function fixtureCases(ruleId: string): FixtureCase[] {
  const dir = join(FIXTURES_DIR, ruleId);
  const yamlPath = join(dir, 'fixture.yaml');
  const file = existsSync(yamlPath) ? fixtureFile.parse(parseYaml(readFileSync(yamlPath, 'utf8')) ?? {}) : {};
  const { cases: perCase = {}, ...shared } = file;
  const names = readdirSync(dir)
    .filter((f) => /^(?:fail|pass)-.+\.md$/.test(f) && !f.endsWith('.fixed.md'))
    .map((f) => f.slice(0, -3))
    .sort();
  for (const key of Object.keys(perCase)) {
    if (!names.includes(key)) throw new Error(`${yamlPath}: cases.${key} names no fixture`);
  }
  return names.map((name) => ({
    ruleId,
    name,
    expectFindings: name.startsWith('fail-'),
    dir,
    file: join(dir, `${name}.md`),
    settings: { ...shared, ...perCase[name] },
  }));
}

export interface CaseRun {
  doc: SpecDocument;
  findings: Finding[];
  run(text: string): { doc: SpecDocument; findings: Finding[] };
}

/** Parse a case and run one rule over it, with a context rooted at the fixture folder. */
export function runCase(
  c: FixtureCase,
  rule: Rule,
  templates: TemplateSet,
  text: string,
  bom: boolean,
): CaseRun {
  const path = c.settings.path ?? `${c.name}.md`;
  const run = (t: string) => {
    const doc = parseText(t, path, templates, { kind: c.settings.kind, bom });
    const ctx = makeContext(doc, {
      root: c.dir,
      absPath: join(c.dir, path),
      templates,
      kind: c.settings.kind,
      options: c.settings.options,
      issueNumbers: c.settings.issues,
    });
    const findings = [...rule.check(doc, ctx)].sort(
      (a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset,
    );
    return { doc, findings };
  };
  return { ...run(text), run };
}

/** `LINE:COLUMN messageId [severity]` lines; blank lines and `#` comments are ignored. */
export function readExpected(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** A finding in .expected form; severity added only when the expected line names one. */
export function describeFinding(f: Finding, rule: Rule, withSeverity: boolean): string {
  const base = `${f.range.start.line}:${f.range.start.column} ${f.messageId}`;
  return withSeverity ? `${base} ${f.severity ?? rule.meta.severity}` : base;
}

/**
 * Apply the rule's safe fixes until none is left (each round re-parses, as `--fix` does).
 * Returns the final text, or throws when the fixes never settle.
 */
export function applySafeFixes(start: CaseRun, maxRounds = 10): { text: string; rounds: number } {
  let text = start.doc.text;
  let findings = start.findings;
  for (let round = 0; round < maxRounds; round++) {
    const groups = findings.filter((f) => f.fix?.safe).map((f) => f.fix?.edits ?? []);
    if (groups.length === 0) return { text, rounds: round };
    const { kept } = nonOverlapping(groups);
    const next = applyEdits(text, kept.flat());
    if (next === text) return { text, rounds: round };
    text = next;
    findings = start.run(text).findings;
  }
  throw new Error(`safe fixes still change the document after ${maxRounds} rounds`);
}

/** The bytes a fixed document is written as: BOM re-added when the original had one. */
export function encode(text: string, bom: boolean): Buffer {
  return Buffer.from(bom ? `\uFEFF${text}` : text, 'utf8');
}
