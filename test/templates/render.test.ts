import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isSpecwrightError } from '../../src/errors.js';
import { AUTHOR_PLACEHOLDER, loadTemplates, renderTemplate } from '../../src/templates/index.js';
import { fill } from '../../src/templates/render.js';

const set = await loadTemplates();
const vars = { title: 'Partition Pruning', date: '2025-03-14', author: 'Ada Lovelace' };
const render = (kind: string, v: Parameters<typeof renderTemplate>[1] = vars) =>
  renderTemplate(set.require(kind), v);
const main = (kind: string, v?: Parameters<typeof renderTemplate>[1]) => render(kind, v).files[0]?.text ?? '';

describe('renderTemplate', () => {
  it('leaves no known variable unfilled in any built-in', () => {
    for (const t of set.list()) {
      for (const f of renderTemplate(t, vars).files) {
        expect(f.text, `${t.kind}/${f.path}`).not.toMatch(
          /\{\{\s*(title|slug|date|author|status|kind)\s*\}\}/,
        );
      }
    }
  });

  it('renders a feature workspace: three files and a research folder under specs/active/<slug>', () => {
    const r = render('feature');
    expect(r).toMatchObject({
      kind: 'feature',
      slug: 'partition-pruning',
      dir: 'specs/active/partition-pruning',
    });
    expect(r.files.map((f) => f.path)).toEqual(['prd.md', 'tasks.md', 'recovery.md']);
    expect(r.dirs).toEqual(['research']);
    const [prd, tasks, recovery] = r.files.map((f) => f.text);
    expect(prd).toMatch(
      /^# Feature: Partition Pruning\n\n\*\*Status\*\*: Planning\n\*\*Created\*\*: 2025-03-14\n/,
    );
    expect(tasks).toContain('# Tasks: Partition Pruning');
    expect(tasks).toContain('**Status**: Planning');
    expect(recovery).toContain('**Workspace**: `specs/active/partition-pruning/`');
  });

  it('renders the PRD with its author and workspace', () => {
    const text = main('prd');
    expect(text).toMatch(/^# PRD: Partition Pruning\n\n\*\*Status\*\*: Draft\n/);
    expect(text).toContain('**Created**: 2025-03-14\n**Author**: Ada Lovelace\n');
    expect(text).toContain('**Workspace**: specs/active/partition-pruning/');
    expect(text).toContain('# Partition Pruning settings (Added YYYY-MM-DD)');
  });

  it('renders the spec status with its emoji, bold colon inside, as a file named after the slug', () => {
    const r = render('spec');
    expect(r.dir).toBe('specs');
    expect(r.files[0]?.path).toBe('partition-pruning.md');
    expect(r.files[0]?.text).toMatch(/^# Partition Pruning\n\n\*\*Status:\*\* 📋 Planned\n/);
    expect(r.files[0]?.text).toContain('**Created:** 2025-03-14');
    expect(r.files[0]?.text).toContain('**Implemented:** YYYY-MM-DD *(if implemented)*');
  });

  it('renders the task status into valid front matter', () => {
    const r = render('task', { ...vars, title: `Don't block: "pool" #1` });
    expect(r.dir).toBe('specs/tasks');
    const text = r.files[0]?.text ?? '';
    const fm = parse(text.slice(4, text.indexOf('\n---\n', 4)));
    expect(fm).toEqual({
      name: 'Implementation Task',
      about: 'Create a task for implementing functionality (Phase 3 - Implementation)',
      title: `Implement: Don't block: "pool" #1`,
      labels: ['implementation', 'phase-3'],
      assignees: '',
      status: 'open',
    });
  });

  it('renders the PRP metadata list with status, date and author', () => {
    const r = render('prp');
    expect(r.dir).toBe('specs/prps');
    expect(r.files[0]?.text).toContain(
      '# PRP: Partition Pruning\n\n## Metadata\n- **Created**: 2025-03-14\n- **Author**: Ada Lovelace\n- **Status**: Draft\n',
    );
  });

  it('writes a placeholder the linter flags when no author is given', () => {
    expect(main('prd', { title: 'X y' })).toContain('**Author**: [Author]\n');
    expect(main('prp', { title: 'X y' })).toContain('- **Author**: [AUTHOR]\n');
    expect(AUTHOR_PLACEHOLDER).toBe('[Author]');
  });

  it("defaults the date to today's ISO date and the slug to the title's", () => {
    const r = render('spec', { title: 'Añadir caché' });
    expect(r.slug).toBe('anadir-cache');
    expect(r.files[0]?.text).toMatch(/\*\*Created:\*\* \d{4}-\d{2}-\d{2}\n/);
  });

  it('uses a chosen slug in paths and text', () => {
    const r = render('feature', { ...vars, slug: 'pp-2' });
    expect(r.dir).toBe('specs/active/pp-2');
    expect(r.files[2]?.text).toContain('specs/active/pp-2/');
  });

  it('rejects a date that is not YYYY-MM-DD, and a title that makes no slug', () => {
    expect(() => render('prd', { title: 'X', date: '14/03/2025' })).toThrow(/is not an ISO date/);
    try {
      render('prd', { title: '???' });
      expect.unreachable();
    } catch (err) {
      expect(isSpecwrightError(err)).toBe(true);
    }
  });

  it('leaves unknown variables alone and does not substitute inside substituted values', () => {
    expect(fill('{{title}} {{unknown}} {{ constructor }}', { title: '{{date}}', date: 'D' })).toBe(
      '{{date}} {{unknown}} {{ constructor }}',
    );
  });

  it('quotes plain front matter values that YAML would misread', () => {
    const fm = (value: string) => fill('---\nstatus: {{status}}\n---\nbody {{status}}\n', { status: value });
    expect(fm('in-progress')).toBe('---\nstatus: in-progress\n---\nbody in-progress\n');
    expect(fm('no')).toBe('---\nstatus: "no"\n---\nbody no\n');
    expect(fm('a: b')).toBe('---\nstatus: "a: b"\n---\nbody a: b\n');
    expect(fill('---\nt: "x {{title}}"\n---\n', { title: 'say "hi"' })).toBe(
      '---\nt: "x say \\"hi\\""\n---\n',
    );
  });
});
