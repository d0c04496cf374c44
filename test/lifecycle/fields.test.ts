/** Metadata fields set in the document's own style: values replaced in place, missing keys written like their neighbours. */
import { describe, expect, it } from 'vitest';
import { isSpecwrightError } from '../../src/errors.js';
import {
  findField,
  keepWrapper,
  metadataBlock,
  setFieldEdits,
  setFieldsEdits,
  yamlScalar,
} from '../../src/lifecycle/fields.js';
import { builtin, edit, parse, thrown } from './helpers.js';

describe('replacing a value', () => {
  it('keeps the key, the bold, the colon and the trailing hard-break spaces, in every Markdown style', () => {
    const text = [
      '# Spec',
      '',
      '**Version**: 0.1  ',
      '**Owner:** ada',
      '- **Confidence**: [1-10]',
      '> **Phase: not started.**',
      '',
    ].join('\n');
    const doc = parse(text);
    const set = (k: string, v: string) => edit(doc, setFieldEdits(doc, undefined, k, v)).text;
    expect(set('Version', '1.2.0')).toContain('**Version**: 1.2.0  \n**Owner:**');
    expect(set('owner', 'bob')).toContain('**Owner:** bob\n');
    expect(set('Confidence', '8')).toContain('- **Confidence**: 8\n');
    expect(set('Phase', 'testing')).toContain('> **Phase: testing.**\n');
  });

  it('changes nothing but the value: the rest of the text is byte-identical', () => {
    const text = '\uFEFF# Spec 🚀\r\n\r\n**Version**: 0.1\r\n\r\nBody with trailing spaces   \r\n';
    const doc = parse(text);
    const edits = setFieldEdits(doc, undefined, 'Version', '2.0');
    expect(edits).toHaveLength(1);
    const after = edit(doc, edits).text;
    expect(after).toBe(text.replace('0.1', '2.0'));
  });

  it('keeps bold or code around a value that had it', () => {
    expect(keepWrapper('**Draft**', 'In Progress')).toBe('**In Progress**');
    expect(keepWrapper('`completed`', 'in_progress')).toBe('`in_progress`');
    expect(keepWrapper('`a` and `b`', 'c')).toBe('c');
    expect(keepWrapper('Draft', 'In Progress')).toBe('In Progress');
    expect(keepWrapper('`path/to/x` *(if implemented)*', '`src/x`')).toBe('`src/x`');
    const doc = parse('**Lifecycle State**: `completed`\n');
    expect(edit(doc, setFieldEdits(doc, undefined, 'Lifecycle State', 'in_progress')).text).toBe(
      '**Lifecycle State**: `in_progress`\n',
    );
  });

  it('writes YAML scalars in front matter, keeping the quotes a value had', () => {
    const text = '---\ntitle: \'Implement: Pool\'\nstatus: open\nissue: "3"\n---\n# Body\n';
    const doc = parse(text);
    const set = (k: string, v: string) => edit(doc, setFieldEdits(doc, undefined, k, v)).text;
    expect(set('title', "Implement: Bob's pool")).toContain("title: 'Implement: Bob''s pool'\n");
    expect(set('status', 'done')).toContain('status: done\n');
    expect(set('issue', '12')).toContain('issue: "12"\n');
    const after = edit(doc, setFieldEdits(doc, undefined, 'status', 'in progress: now')).doc;
    expect(after.frontMatter?.value.status).toBe('in progress: now');
  });

  it('yamlScalar is plain only when YAML reads the text back unchanged', () => {
    expect(yamlScalar('done')).toBe('done');
    expect(yamlScalar('12')).toBe('12');
    expect(yamlScalar('https://github.com/o/r/issues/12')).toBe('https://github.com/o/r/issues/12');
    expect(yamlScalar('012')).toBe("'012'");
    expect(yamlScalar('a: b')).toBe("'a: b'");
    expect(yamlScalar('a #b')).toBe("'a #b'");
    expect(yamlScalar('[x]')).toBe("'[x]'");
    expect(yamlScalar('null')).toBe("'null'");
    expect(yamlScalar('x', '"')).toBe('"x"');
    expect(yamlScalar('tab\there')).toBe('"tab\\there"');
  });

  it('chooses the metadata-block field when a key appears more than once', () => {
    const text = '# Spec\n\n**Status**: Draft\n**Version**: 1\n\n## Phase 1\n\n**Version**: 9\n';
    const doc = parse(text);
    expect(findField(doc, 'version')?.value).toBe('1');
  });
});

describe('adding a missing field', () => {
  it('writes it after the metadata block, shaped like the block’s last line', async () => {
    const prd = parse('# PRD: X\n\n**Status**: Draft\n**Created**: 2026-01-01\n\n## Overview\n');
    expect(edit(prd, setFieldEdits(prd, await builtin('prd'), 'Version', '1.0')).text).toBe(
      '# PRD: X\n\n**Status**: Draft\n**Created**: 2026-01-01\n**Version**: 1.0\n\n## Overview\n',
    );
    const spec = parse('# S\n\n**Status:** 📋 Planned  \n**Created:** 2026-01-01  \n\nText\n');
    expect(edit(spec, setFieldEdits(spec, await builtin('spec'), 'Owner', 'ada')).text).toBe(
      '# S\n\n**Status:** 📋 Planned  \n**Created:** 2026-01-01  \n**Owner:** ada  \n\nText\n',
    );
    const prp = parse('# PRP: X\n\n## Metadata\n- **Created**: 2026-01-01\n- **Status**: Draft\n\n## Goal\n');
    expect(edit(prp, setFieldEdits(prp, await builtin('prp'), 'Confidence', '8')).text).toBe(
      '# PRP: X\n\n## Metadata\n- **Created**: 2026-01-01\n- **Status**: Draft\n- **Confidence**: 8\n\n## Goal\n',
    );
  });

  it('gives the old last metadata line its hard break when the others have one, so the new line renders apart', () => {
    const doc = parse('# S\n\n**Status:** x  \n**Type:** y\n\nBody\n');
    expect(edit(doc, setFieldEdits(doc, undefined, 'Owner', 'ada')).text).toBe(
      '# S\n\n**Status:** x  \n**Type:** y  \n**Owner:** ada\n\nBody\n',
    );
    const list = parse('# S\n\n- **Status**: x  \n- **Type**: y\n');
    expect(edit(list, setFieldEdits(list, undefined, 'Owner', 'ada')).text).toBe(
      '# S\n\n- **Status**: x  \n- **Type**: y\n- **Owner**: ada\n',
    );
  });

  it('uses the document’s line ending', async () => {
    const doc = parse('# PRD: X\r\n\r\n**Status**: Draft\r\n\r\n## A\r\n');
    expect(edit(doc, setFieldEdits(doc, await builtin('prd'), 'Owner', 'ada')).text).toBe(
      '# PRD: X\r\n\r\n**Status**: Draft\r\n**Owner**: ada\r\n\r\n## A\r\n',
    );
  });

  it('adds a front-matter key for kinds kept in front matter, creating the block when there is none', async () => {
    const task = await builtin('task');
    const withFm = parse('---\nname: T\nstatus: open\n---\n\n## Body\n');
    expect(edit(withFm, setFieldEdits(withFm, task, 'issue', '12')).text).toBe(
      '---\nname: T\nstatus: open\nissue: 12\n---\n\n## Body\n',
    );
    const without = parse('## Body\n\n- [ ] a\n');
    const after = edit(
      without,
      setFieldsEdits(without, task, [
        ['issue', '12'],
        ['url', 'https://x/issues/12'],
      ]),
    );
    expect(after.text).toBe('---\nissue: 12\nurl: https://x/issues/12\n---\n## Body\n\n- [ ] a\n');
    expect(after.doc.frontMatter?.value).toEqual({ issue: 12, url: 'https://x/issues/12' });
  });

  it('refuses to add to front matter that is not valid YAML', async () => {
    const doc = parse('---\nname: [unclosed\n---\n# T\n');
    const task = await builtin('task');
    const err = thrown(() => setFieldEdits(doc, task, 'issue', '1'));
    expect(isSpecwrightError(err) && err.code).toBe('front-matter');
  });

  it('writes the kind’s style after the title when the document has no metadata yet', async () => {
    const doc = parse('# Spec\nIntro text.\n');
    expect(edit(doc, setFieldEdits(doc, await builtin('spec'), 'Status', '📋 Planned')).text).toBe(
      '# Spec\n\n**Status:** 📋 Planned\n\nIntro text.\n',
    );
    const blank = parse('# Spec\n\nIntro.\n');
    expect(edit(blank, setFieldEdits(blank, undefined, 'Owner', 'ada')).text).toBe(
      '# Spec\n\n**Owner**: ada\n\nIntro.\n',
    );
    const untitled = parse('Just text.\n');
    expect(edit(untitled, setFieldEdits(untitled, await builtin('prp'), 'Status', 'Draft')).text).toBe(
      '- **Status**: Draft\n\nJust text.\n',
    );
  });

  it('writes several missing fields together, in the order given; the last value for a key wins', async () => {
    const doc = parse('# S\n\n**Status:** x\n\nBody\n');
    const after = edit(
      doc,
      setFieldsEdits(doc, await builtin('spec'), [
        ['Version', '1'],
        ['Location', '`src`'],
        ['version', '2'],
      ]),
    );
    expect(after.text).toBe('# S\n\n**Status:** x\n**Version:** 2\n**Location:** `src`\n\nBody\n');
  });

  it('does not take a checklist line or a deep section for the metadata block', () => {
    const doc = parse('# T\n\n## Phase 1\n\n**Owner**: a\n\n- [ ] **Key**: v\n');
    expect(metadataBlock(doc)).toEqual([]);
  });
});

describe('input checks', () => {
  const doc = parse('# S\n\n**Status**: a\n');
  it.each([
    ['Version', 'two\nlines', /must be one line/],
    ['Version', '   ', /is empty/],
    ['Bad*Key', 'v', /cannot be a field name/],
    ['a:b', 'v', /cannot be a field name/],
  ])('refuses %s = %j', (key, value, message) => {
    const err = thrown(() => setFieldEdits(doc, undefined, key, value));
    expect(isSpecwrightError(err) && err.code).toBe('usage');
    expect((err as Error).message).toMatch(message);
  });
});
