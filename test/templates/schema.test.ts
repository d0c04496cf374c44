import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { templateSchema } from '../../src/templates/index.js';

const base = parse(`kind: note
description: A note
files: [{ path: '{slug}.md', template: note.md }]
layout: { active: notes, folder: false }
status:
  field: Status
  style: bold-colon-outside
  values:
    - { value: Draft, state: draft, initial: true }
    - { value: Done, state: complete, done: true }
`);

const issues = (value: unknown) => {
  const r = templateSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('templateSchema', () => {
  it('accepts a minimal template and fills defaults', () => {
    const t = templateSchema.parse(base);
    expect(t).toMatchObject({ dirs: [], defaults: {}, optionalSections: [], doneCriteria: [] });
    expect(t.changelog).toBeUndefined();
  });

  it('needs exactly one initial and one done status', () => {
    const values = [
      { value: 'A', state: 'draft', initial: true },
      { value: 'B', state: 'draft', initial: true },
    ];
    const found = issues({ ...base, status: { ...base.status, values } });
    expect(found).toContain('status.values: exactly one value needs initial: true');
    expect(found).toContain('status.values: exactly one value needs done: true');
  });

  it('rejects duplicate values and unknown states', () => {
    const values = [...base.status.values, { value: 'draft', state: 'stalled' }];
    const found = issues({ ...base, status: { ...base.status, values } });
    expect(found.some((i) => i.startsWith('status.values.2.state'))).toBe(true);
  });

  it('keeps layouts and file paths consistent and inside the workspace', () => {
    expect(issues({ ...base, files: [{ path: 'note.md', template: 'note.md' }] })).toEqual([
      'files.0.path: must contain {slug} when layout.folder is false',
    ]);
    expect(issues({ ...base, layout: { active: 'notes', folder: true } })).toEqual([
      'layout.active: must contain {slug} when layout.folder is true',
    ]);
    expect(issues({ ...base, layout: { active: '../outside', folder: false } })).toEqual([
      'layout.active: must not contain ".."',
    ]);
    expect(issues({ ...base, kind: 'My Kind' })[0]).toMatch(/^kind: /);
  });
});
