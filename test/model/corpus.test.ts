/**
 * Every real document in ../shared/corpus: the checklist counts match the
 * MANIFEST's careful hand counts, and the status a reader would state is found.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/model/parse.js';
import { corpusDir, hasShared, SHARED_MISSING } from '../helpers/paths.js';

interface Row {
  path: string;
  file: string;
  unchecked: number;
  checked: number;
  status: string;
}

function manifest(): Row[] {
  if (!hasShared) return [];
  const [head, ...lines] = readFileSync(join(corpusDir, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const cols = (head as string).split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    const get = (name: string) => cells[cols.indexOf(name)] as string;
    return {
      path: get('path'),
      file: get('saved_as'),
      unchecked: Number(get('unchecked_[ ]')),
      checked: Number(get('checked_[x]')),
      status: get('status'),
    };
  });
}

/**
 * The canonical state a reader gives each document's status (our reading of the MANIFEST's status
 * column); null where the document states none and its folder says nothing.
 */
const EXPECTED_STATE: Record<string, string | null> = {
  'ci-fix__tasks': 'in-progress',
  'oracle-attach-support__tasks': null,
  'oracle-write-support__recovery': 'complete',
  'write-support-fixes__tasks': null,
  'archive__oracle-attach-support__prd': 'archived',
  'goe__specs__template-spec__prd': null,
  'duckdb-oracle__specs__template-spec__prd': 'planned',
  'llms-txt-generator__prd': 'draft',
  cli_import_performance_20261008__spec: 'complete',
  'T1.2': 'complete',
  '2.2.md': 'in-progress',
  'list-sort-pagination': 'implemented',
  'internet-radio-file-types__README': 'planned',
  'internet-radio-file-types__state': 'planned',
  'ticket-009-plan': 'planned',
  'automated-dry-run-spec': 'planned',
  '03-VERIFY_OPENCLAW': 'planned',
  SPECS__TEMPLATE: null,
  'FLOW-004': 'complete',
  'civil-servant-ui-fixes': 'archived',
  'add-scratch-prp-loop-test-file': 'complete',
};

describe.skipIf(!hasShared)(`real documents ${hasShared ? '' : SHARED_MISSING}`, () => {
  const rows = manifest();
  it.each(rows.map((r) => [r.file, r] as const))('%s', (_name, row) => {
    const doc = parseSpec(readFileSync(join(corpusDir, row.file), 'utf8'), row.path);
    const checked = doc.checklist.filter((c) => c.checked).length;
    expect({ checked, unchecked: doc.checklist.length - checked }).toEqual({
      checked: row.checked,
      unchecked: row.unchecked,
    });
    // The counts `list` reads without building the checklist agree with it.
    expect(doc.progress).toEqual({ checked, total: doc.checklist.length });
    const key = Object.keys(EXPECTED_STATE).find((k) => row.file.includes(k));
    if (key)
      expect(doc.status?.state ?? null, `status of ${row.file}: ${row.status}`).toBe(EXPECTED_STATE[key]);
    // A template's choice list is "not set", never a state.
    if (/template choice list/.test(row.status))
      expect(doc.status).toMatchObject({ state: null, unset: true });
  });
});
