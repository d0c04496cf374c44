import { describe, expect, it } from 'vitest';
import { isSpecwrightError, type SpecwrightError } from '../../src/errors.js';
import { BUILTIN_KINDS, loadTemplates } from '../../src/templates/index.js';
import { workspace } from './helpers.js';

const CUSTOM_YAML = `kind: rfc
description: Request for comments
files:
  - { path: '{slug}.md', template: rfc.md }
layout: { active: docs/rfcs, done: docs/rfcs/accepted, folder: false }
status:
  field: State
  style: bold-colon-outside
  values:
    - { value: Proposed, state: draft, initial: true }
    - { value: Accepted, state: complete, done: true }
`;

const CUSTOM_MD = `# RFC: {{title}}

**State**: {{status}}

## Summary

One paragraph explaining the proposal.

## Motivation

## Optional Notes (if applicable)

### Deep Dive
`;

async function loadError(files: Record<string, string>): Promise<SpecwrightError> {
  const root = await workspace(files);
  try {
    await loadTemplates(root);
  } catch (err) {
    if (isSpecwrightError(err)) return err;
    throw err;
  }
  throw new Error('expected loadTemplates to fail');
}

describe('loadTemplates', () => {
  it('loads and validates the five built-ins, in their natural order', async () => {
    const set = await loadTemplates();
    expect(set.kinds()).toEqual([...BUILTIN_KINDS]);
    for (const t of set.list()) {
      expect(t.source).toBe('builtin');
      expect(t.schema.kind).toBe(t.kind);
      expect(t.requiredSections.length).toBeGreaterThan(5);
      expect(t.templateLines.size).toBeGreaterThan(5);
      expect(t.initialStatus.initial).toBe(true);
      expect(t.doneStatus.done).toBe(true);
    }
  });

  it('gives each kind its status vocabulary and style', async () => {
    const set = await loadTemplates();
    const summary = Object.fromEntries(
      set.list().map((t) => [t.kind, [t.schema.status.style, t.initialStatus.value, t.doneStatus.value]]),
    );
    expect(summary).toEqual({
      feature: ['bold-colon-outside', 'Planning', 'Complete'],
      prd: ['bold-colon-outside', 'Draft', 'Complete'],
      spec: ['bold-colon-inside', 'Planned', 'Implemented'],
      task: ['front-matter', 'open', 'done'],
      prp: ['list-item', 'Draft', 'Complete'],
    });
    expect(set.require('spec').schema.changelog).toBe('Changelog');
    expect(set.require('prd').schema.status.values.map((v) => v.value)).toContain('Archived');
  });

  it('derives required sections from the main file, leaving out optional ones and their subsections', async () => {
    const set = await loadTemplates();
    const plain = (kind: string) => set.require(kind).requiredSections.map((s) => s.plain);
    expect(plain('spec')).toContain('changelog');
    expect(plain('spec')).not.toContain('migration');
    expect(plain('spec')).not.toContain('migration strategy');
    expect(plain('prd')).not.toContain('concurrent access tests (if applicable)');
    expect(plain('task')).toContain('definition of done');
    expect(plain('task')).not.toContain('implementation template');
    const confidence = set.require('prp').requiredSections.find((s) => s.title.startsWith('Confidence'));
    expect(confidence).toMatchObject({ plain: 'confidence score', match: 'prefix', level: 2 });
    expect(set.require('prp').requiredSections.find((s) => s.plain === 'scoring rationale')?.parents).toEqual(
      ['confidence score'],
    );
  });

  it('collects hint prose as template lines, not checkboxes, tables, code or variables', async () => {
    const set = await loadTemplates();
    const spec = set.require('spec').templateLines;
    expect(spec.has('Brief description of what this feature is (1-2 sentences).')).toBe(true);
    expect(spec.has('- **FR1:** [First functional requirement]')).toBe(true);
    expect(spec.has('- [ ] All tests passing')).toBe(false);
    expect(spec.has('| [Scenario 1] | ValueError | "..." | 400 |')).toBe(false);
    expect(spec.has('def function_name(param1: Type1, param2: Type2) -> ReturnType:')).toBe(false);
    expect(spec.has('**Status:** {{status}}')).toBe(false);
    expect([...spec].every((l) => l.length >= 12)).toBe(true);
  });

  it('answers get() for an unknown kind with undefined and require() with an error', async () => {
    const set = await loadTemplates();
    expect(set.get('nope')).toBeUndefined();
    expect(() => set.require('nope')).toThrow(/unknown kind "nope" \(known: feature, prd, spec, task, prp\)/);
  });

  it('ignores a workspace without .specwright/templates', async () => {
    const set = await loadTemplates(await workspace({ 'README.md': '# hi\n' }));
    expect(set.kinds()).toEqual([...BUILTIN_KINDS]);
  });

  it('lets a user template replace a built-in kind', async () => {
    const yaml = CUSTOM_YAML.replace('kind: rfc', 'kind: prd').replace('rfc.md', 'prd.md');
    const root = await workspace({
      '.specwright/templates/prd/template.yaml': yaml,
      '.specwright/templates/prd/prd.md': CUSTOM_MD,
    });
    const prd = (await loadTemplates(root)).require('prd');
    expect(prd.source).toBe('user');
    expect(prd.main.text).toBe(CUSTOM_MD);
    expect(prd.initialStatus.value).toBe('Proposed');
    expect(prd.requiredSections.map((s) => s.plain)).toEqual(['summary', 'motivation']);
    expect(prd.templateLines.has('One paragraph explaining the proposal.')).toBe(true);
    // the built-ins of a later call without the workspace are untouched
    expect((await loadTemplates()).require('prd').source).toBe('builtin');
  });

  it('takes what a user override leaves out from the built-in', async () => {
    const root = await workspace({
      '.specwright/templates/spec/spec.md': '# {{title}}\n\n**Status:** {{status}}\n',
    });
    const spec = (await loadTemplates(root)).require('spec');
    expect(spec.source).toBe('user');
    expect(spec.schema.status.style).toBe('bold-colon-inside');
    expect(spec.main.text).toBe('# {{title}}\n\n**Status:** {{status}}\n');
    expect(spec.requiredSections).toEqual([]);
  });

  it('adds a user kind to list()', async () => {
    const root = await workspace({
      '.specwright/templates/rfc/template.yaml': CUSTOM_YAML,
      '.specwright/templates/rfc/rfc.md': CUSTOM_MD,
    });
    const set = await loadTemplates(root);
    expect(set.kinds()).toEqual([...BUILTIN_KINDS, 'rfc']);
    expect(set.list().map((t) => t.kind)).toContain('rfc');
    expect(set.require('rfc').schema.layout).toEqual({
      active: 'docs/rfcs',
      done: 'docs/rfcs/accepted',
      folder: false,
    });
  });

  it('names the file, the line and the key of a bad template.yaml', async () => {
    const bad = CUSTOM_YAML.replace('state: complete', 'state: finished');
    const err = await loadError({
      '.specwright/templates/rfc/template.yaml': bad,
      '.specwright/templates/rfc/rfc.md': '',
    });
    expect(err.file).toMatch(/\.specwright[/\\]templates[/\\]rfc[/\\]template\.yaml$/);
    expect(err.line).toBe(11);
    expect(err.message).toContain('status.values[1].state');
    expect(err.format()).toMatch(/template\.yaml:11: invalid template: status\.values\[1\]\.state: /);
    expect(err.format()).not.toContain('\n');
  });

  it('rejects unknown keys, so typos do not pass silently', async () => {
    const bad = CUSTOM_YAML.replace('description:', 'descripton: x\ndescription:');
    const err = await loadError({
      '.specwright/templates/rfc/template.yaml': bad,
      '.specwright/templates/rfc/rfc.md': '',
    });
    expect(err.message).toMatch(/descripton/);
    expect(err.line).toBe(2);
  });

  it('reports YAML syntax errors with their line', async () => {
    const err = await loadError({
      '.specwright/templates/rfc/template.yaml': 'kind: rfc\nfiles: [\n  a: b: c\n',
    });
    expect(err.message).toMatch(/^invalid YAML: /);
    expect(err.file).toMatch(/template\.yaml$/);
    expect(err.line).toBeGreaterThan(0);
  });

  it('rejects a kind that does not match its folder, and a missing template file', async () => {
    const mismatch = await loadError({
      '.specwright/templates/rfcs/template.yaml': CUSTOM_YAML,
      '.specwright/templates/rfcs/rfc.md': '',
    });
    expect(mismatch.message).toMatch(/kind "rfc" does not match its folder name "rfcs"/);
    const missing = await loadError({ '.specwright/templates/rfc/template.yaml': CUSTOM_YAML });
    expect(missing.message).toMatch(/template file "rfc\.md" not found/);
    const noSchema = await loadError({ '.specwright/templates/rfc/rfc.md': CUSTOM_MD });
    expect(noSchema.message).toMatch(/no template\.yaml/);
  });
});
