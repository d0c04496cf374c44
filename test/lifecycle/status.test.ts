/** Status values in each kind's vocabulary and style. */
import { describe, expect, it } from 'vitest';
import { isSpecwrightError } from '../../src/errors.js';
import { resolveStatusValue, statusEdits, valueForState } from '../../src/lifecycle/status.js';
import { builtin, edit, parse } from './helpers.js';

describe('statusEdits', () => {
  it('writes each built-in kind in its own style, replacing the whole value', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['prd', '# PRD: X\n\n**Status**: Draft\n', 'in-progress', '# PRD: X\n\n**Status**: In Progress\n'],
      ['spec', '# X\n\n**Status:** 📋 Planned  \n', 'in-progress', '# X\n\n**Status:** 🚧 In Progress  \n'],
      ['spec', '# X\n\n**Status:** 🚧 In Progress\n', 'implemented', '# X\n\n**Status:** ✅ Implemented\n'],
      [
        'task',
        '---\nname: T\nstatus: open\n---\n# T\n',
        'complete',
        '---\nname: T\nstatus: done\n---\n# T\n',
      ],
      [
        'prp',
        '# PRP: X\n\n## Metadata\n- **Status**: Draft\n',
        'In Progress',
        '# PRP: X\n\n## Metadata\n- **Status**: In Progress\n',
      ],
      [
        'feature',
        '# Feature: X\n\n**Status**: Planning\n',
        'Testing',
        '# Feature: X\n\n**Status**: Testing\n',
      ],
    ];
    for (const [kind, before, target, after] of cases) {
      const doc = parse(before);
      expect(edit(doc, statusEdits(doc, await builtin(kind), target)).text, `${kind} -> ${target}`).toBe(
        after,
      );
    }
  });

  it('replaces an unfilled choice list, mis-decoded emoji included', async () => {
    const prd = parse('# PRD: X\n\n**Status**: Draft | In Progress | Complete\n');
    const after = edit(prd, statusEdits(prd, await builtin('prd'), 'in-progress'));
    expect(after.text).toBe('# PRD: X\n\n**Status**: In Progress\n');
    expect(after.doc.status).toMatchObject({ state: 'in-progress', unset: false });
    const spec = parse('# X\n\n**Status:** ðŸ“‹ Planned | ðŸš§ In Progress | âœ… Implemented\n');
    expect(edit(spec, statusEdits(spec, await builtin('spec'), 'in-progress')).text).toBe(
      '# X\n\n**Status:** 🚧 In Progress\n',
    );
  });

  it('does nothing when the status already has the value, keeping prose after it', async () => {
    const doc = parse('# X\n\n**Status:** ✅ Implemented (v1.2, shipped 2026-02-01)\n');
    expect(statusEdits(doc, await builtin('spec'), 'implemented')).toEqual([]);
  });

  it('keeps bold around a bold value, and a front-matter state key other than status', async () => {
    const bold = parse('# PRP: X\n\n- **Status**: **Draft**\n');
    expect(edit(bold, statusEdits(bold, await builtin('prp'), 'complete')).text).toBe(
      '# PRP: X\n\n- **Status**: **Complete**\n',
    );
    const state = parse('---\nstate: in_progress\n---\n# T\n');
    expect(edit(state, statusEdits(state, await builtin('task'), 'done')).text).toBe(
      '---\nstate: done\n---\n# T\n',
    );
  });

  it('adds a status line when the document has none (a folder-implied status included)', async () => {
    const doc = parse('# PRD: X\n\n**Created**: 2026-01-01\n', 'specs/archive/x/prd.md');
    expect(doc.status?.source).toBe('folder');
    expect(edit(doc, statusEdits(doc, await builtin('prd'), 'archived')).text).toBe(
      '# PRD: X\n\n**Created**: 2026-01-01\n**Status**: Archived\n',
    );
  });

  it('changes a status stated in a heading', async () => {
    const doc = parse('# X\n\n## Status: Draft\n\nText\n');
    expect(edit(doc, statusEdits(doc, await builtin('prd'), 'complete')).text).toBe(
      '# X\n\n## Status: Complete\n\nText\n',
    );
  });

  it('leaves per-phase status lines alone', async () => {
    const text = '# Tasks\n\n**Status**: Planning\n\n## Phase 1\n\n**Status**: Done\n';
    const doc = parse(text);
    expect(edit(doc, statusEdits(doc, await builtin('feature'), 'in-progress')).text).toBe(
      text.replace('**Status**: Planning', '**Status**: In Progress'),
    );
  });
});

describe('resolveStatusValue', () => {
  it('takes a written value, a value with its emoji, or a canonical state', async () => {
    const spec = await builtin('spec');
    expect(resolveStatusValue(spec, 'In Progress').value).toBe('In Progress');
    expect(resolveStatusValue(spec, '✅ implemented').value).toBe('Implemented');
    expect(resolveStatusValue(spec, 'planned').value).toBe('Planned');
    expect(valueForState(spec, 'complete')).toBeUndefined();
  });

  it('refuses a value outside the vocabulary, listing the kind’s values', async () => {
    try {
      resolveStatusValue(await builtin('spec'), 'Shipped-ish');
      throw new Error('expected a throw');
    } catch (err) {
      expect(isSpecwrightError(err) && err.code).toBe('usage');
      expect((err as Error).message).toBe(
        '"Shipped-ish" is not a status of kind spec (📋 Planned, 🚧 In Progress, 🚫 Blocked, ✅ Implemented)',
      );
    }
  });
});
