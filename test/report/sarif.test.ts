import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSarif, sarifChunks } from '../../src/report/sarif.js';
import { lintPaths } from '../../src/rules/engine.js';
import { loadWorkspace } from '../../src/workspace/workspace.js';
import { repoRoot } from '../helpers/paths.js';
import {
  cleanupDirs,
  crashRule,
  doubleXRule,
  echoRule,
  todoRule,
  workspaceDir,
} from '../rules/engine-fixtures.js';

const schema = JSON.parse(
  readFileSync(join(repoRoot, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

async function sarifFor(files: Record<string, string | Uint8Array>, sub = '') {
  const dir = workspaceDir({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });
  const ws = await loadWorkspace(join(dir, sub));
  const run = lintPaths(ws, undefined, {
    ruleSet: [todoRule, doubleXRule, crashRule, echoRule],
    cache: false,
  });
  // What the CLI writes, piece by piece, is exactly the log; read back as a consumer reads it.
  const sarif = JSON.parse([...sarifChunks(run)].join(''));
  expect(sarif).toEqual(JSON.parse(JSON.stringify(formatSarif(run))));
  return { dir, sarif };
}

afterAll(cleanupDirs);

describe('check --format sarif', () => {
  it('validates against the SARIF 2.1.0 schema', async () => {
    const { sarif } = await sarifFor({
      'specs/a.md': '# A\n\nTODO xx\nSAY multi\\nline: 100%, done\n',
      'specs/b.md': 'BOOM\n',
      'specs/c.md': new Uint8Array([0xff, 0xfe, 0x41, 0]),
    });
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('describes every rule with help URIs and default levels, and points results at them', async () => {
    const { sarif } = await sarifFor({ 'specs/a.md': '# A\n\nTODO xx\n' });
    const run = sarif.runs[0];
    const rules: Array<{ id: string; helpUri: string }> = run.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual([
      'no-todo',
      'double-x',
      'crashy',
      'echo',
      'internal',
      'disable-directive',
      'unreadable-file',
    ]);
    const todo = rules[0];
    expect(todo).toMatchObject({
      name: 'NoTodo',
      shortDescription: { text: 'No TODO left.' },
      fullDescription: { text: 'A TODO is unfinished work.' },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['test'], fixable: false },
    });
    expect(todo?.helpUri).toMatch(/^(https:\/\/|file:\/\/\/).*docs\/rules\/no-todo\.md$/);
    expect(rules[4]?.helpUri).toMatch(/docs\/check\.md$/);
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.results).toEqual([
      {
        ruleId: 'no-todo',
        ruleIndex: 0,
        level: 'warning',
        message: { text: 'TODO left in "A"' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'specs/a.md', uriBaseId: 'SRCROOT' },
              region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 5 },
            },
          },
        ],
      },
      expect.objectContaining({
        ruleId: 'double-x',
        ruleIndex: 1,
        level: 'error',
        fixes: [
          {
            description: { text: 'x' },
            artifactChanges: [
              {
                artifactLocation: { uri: 'specs/a.md', uriBaseId: 'SRCROOT' },
                replacements: [
                  { deletedRegion: { charOffset: 10, charLength: 2 }, insertedContent: { text: 'x' } },
                ],
              },
            ],
          },
        ],
      }),
    ]);
  });

  it('gives paths relative to the repository root when the workspace is a subfolder', async () => {
    const { dir, sarif } = await sarifFor(
      { 'docs/specwright.config.yaml': 'version: 1\n', 'docs/specs/a.md': 'TODO\n' },
      'docs',
    );
    const run = sarif.runs[0];
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`file://${dir}/`);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'docs/specs/a.md',
      uriBaseId: 'SRCROOT',
    });
  });

  it('reports an unreadable file as an error result of the unreadable-file rule', async () => {
    const { sarif } = await sarifFor({ 'specs/c.md': new Uint8Array([0, 0, 0, 1]) });
    expect(sarif.runs[0].results).toEqual([
      {
        ruleId: 'unreadable-file',
        ruleIndex: 6,
        level: 'error',
        message: { text: 'binary file, not Markdown' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'specs/c.md', uriBaseId: 'SRCROOT' } } }],
      },
    ]);
  });
});
