/**
 * What the engine knows about rules besides their checks: where their docs live,
 * how a message template is filled in, and the pseudo-rules the engine itself
 * reports under (a rule that crashed, a disable comment naming no known rule).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RuleMeta } from './types.js';

/** The rule id of a crash inside a rule; never disabled, never configurable. */
export const INTERNAL_RULE_ID = 'internal';
/** The rule id of a problem with a `<!-- specwright-disable … -->` comment itself. */
export const DIRECTIVE_RULE_ID = 'disable-directive';
/** The rule id under which SARIF and annotations report a file that could not be read or decoded. */
export const UNREADABLE_RULE_ID = 'unreadable-file';

/** Pseudo-rules: reported by the engine, described like rules so that SARIF and docs can name them. */
export const ENGINE_RULES: readonly RuleMeta[] = [
  {
    id: INTERNAL_RULE_ID,
    description: 'A rule crashed while checking this file.',
    rationale:
      'A crash is a bug in specwright, not in the document: the other rules still ran, but this one did not, ' +
      'so the file may hold problems that were not reported. Please report it with the file attached.',
    severity: 'error',
    fixable: false,
    tags: ['engine'],
    messages: { ruleCrashed: 'rule "{rule}" crashed: {error}' },
  },
  {
    id: DIRECTIVE_RULE_ID,
    description: 'A specwright-disable comment names a rule that does not exist.',
    rationale:
      'A misspelt rule id in a disable comment silences nothing, so the problem it was meant to hide is ' +
      'still reported, or the comment is stale after a rule was renamed.',
    severity: 'warning',
    fixable: false,
    tags: ['engine'],
    messages: { unknownRule: 'unknown rule "{rule}" in a {directive} comment' },
  },
  {
    id: UNREADABLE_RULE_ID,
    description: 'A file could not be read, or is not UTF-8 text.',
    rationale:
      'No rule could check the file: it is binary, UTF-16, mis-encoded or unreadable. Save it as UTF-8 ' +
      'or exclude it with an `ignore` glob.',
    severity: 'error',
    fixable: false,
    tags: ['engine'],
    messages: { unreadable: '{error}' },
  },
];

const ENGINE_IDS = new Set(ENGINE_RULES.map((r) => r.id));

/** The docs page of a rule, relative to the package: its own page, or the check command's for the engine's. */
export function docsPage(ruleId: string): string {
  return ENGINE_IDS.has(ruleId) ? 'docs/check.md' : `docs/rules/${ruleId}.md`;
}

const PACKAGE_ROOT = new URL('../../', import.meta.url);

interface PackageInfo {
  name: string;
  version: string;
  homepage?: string;
  repository?: string | { url?: string; directory?: string };
}

let packageInfo: PackageInfo | undefined;
export function packageJson(): PackageInfo {
  if (!packageInfo) {
    try {
      packageInfo = JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as PackageInfo;
    } catch {
      packageInfo = { name: 'specwright', version: '0.0.0' };
    }
  }
  return packageInfo;
}

/**
 * The web address of the package's sources, from package.json `repository` (or a GitHub `homepage`):
 * `git+https://github.com/o/r.git`, `github:o/r` and `o/r` all become `https://github.com/o/r`.
 */
export function repositoryUrl(pkg: PackageInfo = packageJson()): string | undefined {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const candidates = [repo, pkg.homepage].filter((s): s is string => typeof s === 'string' && s.length > 0);
  for (const raw of candidates) {
    const short = /^(?:github:)?([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(raw);
    if (short) return `https://github.com/${short[1]}/${short[2]}`;
    const url = /^(?:git\+)?(https?):\/\/([^/]+)\/([^#?]+?)(?:\.git)?\/?(?:[#?].*)?$/.exec(raw);
    if (url && /github\.com|gitlab\.com|bitbucket\.org/.test(url[2] as string))
      return `https://${url[2]}/${(url[3] as string).split('/').slice(0, 2).join('/')}`;
  }
  return undefined;
}

/**
 * Where a rule is documented. With a repository URL, its web page (blob view of docs/rules/<id>.md);
 * else the path relative to the package (`docs/rules/<id>.md`). Built here, never by the rule.
 */
export function docsUrl(ruleId: string, pkg: PackageInfo = packageJson()): string {
  const page = docsPage(ruleId);
  const repo = repositoryUrl(pkg);
  if (!repo) return page;
  const dir =
    typeof pkg.repository === 'object' && pkg.repository.directory ? `${pkg.repository.directory}/` : '';
  return `${repo}/blob/HEAD/${dir}${page}`;
}

/**
 * An absolute URI for a rule's docs, as SARIF's `helpUri` requires: the web page when the package
 * names its repository, else the page shipped inside the installed package (a file: URI).
 */
export function docsUri(ruleId: string, pkg: PackageInfo = packageJson()): string {
  const url = docsUrl(ruleId, pkg);
  if (/^https?:/.test(url)) return url;
  return pathToFileURL(fileURLToPath(new URL(url, PACKAGE_ROOT))).href;
}

const compiled = new Map<string, Array<string | { slot: string }>>();

/** Fill `{slot}`s of a message template from a finding's data; unknown slots stay as written. */
export function formatMessage(
  template: string,
  data: Readonly<Record<string, string | number>> = {},
): string {
  if (!template.includes('{')) return template;
  let parts = compiled.get(template);
  if (!parts) {
    parts = [];
    let last = 0;
    for (const m of template.matchAll(/\{(\w+)\}/g)) {
      parts.push(template.slice(last, m.index), { slot: m[1] as string });
      last = m.index + m[0].length;
    }
    parts.push(template.slice(last));
    compiled.set(template, parts);
  }
  let out = '';
  for (const p of parts)
    out += typeof p === 'string' ? p : Object.hasOwn(data, p.slot) ? String(data[p.slot]) : `{${p.slot}}`;
  return out;
}
