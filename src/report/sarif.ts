/**
 * `check --format sarif`: one SARIF 2.1.0 log that GitHub code scanning accepts
 * (github/codeql-action/upload-sarif). Paths are relative to the repository root, so
 * results land on the right files when the workspace is a subfolder; columns are UTF-16
 * code units, as the run declares; `endColumn` is exclusive, as SARIF defines it.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileLintResult, LintRun } from '../rules/engine.js';
import { docsUri, docsUrl, packageJson, repositoryUrl, UNREADABLE_RULE_ID } from '../rules/meta.js';
import type { LintDiagnostic, RuleMeta } from '../rules/types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** A file's path relative to the repository root with `/`; absolute when outside it. */
export function repoPath(run: Pick<LintRun, 'repoRoot'>, file: Pick<FileLintResult, 'absPath'>): string {
  const rel = relative(run.repoRoot, file.absPath);
  if (rel.startsWith('..') || isAbsolute(rel)) return file.absPath;
  return rel.split(sep).join('/');
}

export function formatSarif(run: LintRun) {
  const { log, resultsOf } = sarifParts(run);
  const results = run.files.flatMap(resultsOf);
  return { ...log, runs: [{ ...log.runs[0], results }] };
}

/** The same log as `JSON.stringify(formatSarif(run))`, in pieces, one file's results at a time. */
export function* sarifChunks(run: LintRun): Generator<string> {
  const { log, resultsOf } = sarifParts(run);
  const head = JSON.stringify({ ...log, runs: [{ ...log.runs[0], results: [] }] });
  const cut = head.lastIndexOf('[]');
  yield head.slice(0, cut + 1);
  let first = true;
  for (const file of run.files) {
    for (const result of resultsOf(file)) {
      yield (first ? '' : ',') + JSON.stringify(result);
      first = false;
    }
  }
  yield `${head.slice(cut + 1)}\n`;
}

function sarifParts(run: LintRun) {
  const pkg = packageJson();
  // Every rule that could report is described, reported or not: code scanning then knows a
  // rule's alerts were fixed rather than the rule dropped.
  const index = new Map(run.rules.map((meta, i) => [meta.id, i]));

  const resultsOf = (file: FileLintResult): object[] => {
    const results: object[] = [];
    const uri = repoPath(run, file);
    const artifactLocation = isAbsolute(uri)
      ? { uri: pathToFileURL(uri).href }
      : { uri, uriBaseId: 'SRCROOT' };
    const location = (region?: object) => ({
      physicalLocation: { artifactLocation, ...(region ? { region } : {}) },
    });
    if (file.error) {
      results.push({
        ruleId: UNREADABLE_RULE_ID,
        ruleIndex: index.get(UNREADABLE_RULE_ID),
        level: 'error',
        message: { text: file.error.message },
        locations: [location(file.error.line ? { startLine: file.error.line } : undefined)],
      });
    }
    for (const d of file.diagnostics) {
      const i = index.get(d.ruleId);
      results.push({
        ruleId: d.ruleId,
        ...(i !== undefined ? { ruleIndex: i } : {}),
        level: LEVEL[d.severity],
        message: { text: d.note ? `${d.message}\n${d.note}` : d.message },
        locations: [location(region(d))],
        ...(d.fix ? { fixes: [fixOf(d, artifactLocation)] } : {}),
      });
    }
    return results;
  };

  const informationUri = repositoryUrl(pkg);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'specwright',
            semanticVersion: pkg.version,
            version: pkg.version,
            ...(informationUri ? { informationUri } : {}),
            rules: run.rules.map(describe),
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(`${run.repoRoot}${sep}`).href } },
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return { log, resultsOf };
}

function describe(meta: RuleMeta) {
  return {
    id: meta.id,
    name: meta.id.replace(/(^|-)(\w)/g, (_, __, ch: string) => ch.toUpperCase()),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    helpUri: docsUri(meta.id),
    help: {
      text: `${meta.description} ${meta.rationale} See ${docsUrl(meta.id)}.`,
      markdown: `${meta.description}\n\n${meta.rationale}\n\n[Rule documentation](${docsUri(meta.id)})`,
    },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: [...meta.tags], fixable: meta.fixable },
  };
}

/** SARIF regions: 1-based lines and columns, end column exclusive; an empty range is an insertion point. */
function region(d: LintDiagnostic) {
  const { start, end } = d.range;
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function fixOf(d: LintDiagnostic, artifactLocation: object) {
  const fix = d.fix as NonNullable<LintDiagnostic['fix']>;
  return {
    description: { text: fix.description },
    artifactChanges: [
      {
        artifactLocation,
        replacements: fix.edits.map((e) => ({
          deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
          insertedContent: { text: e.text },
        })),
      },
    ],
  };
}
