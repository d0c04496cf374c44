/** Record-back and pull edits on documents, byte for byte. */
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply.js';
import { parseSpec } from '../../src/model/parse.js';
import { closeEdits, recordEdits } from '../../src/tasks/record.js';
import { loadTemplates } from '../../src/templates/index.js';
import { repoRoot } from '../helpers/paths.js';

const templates = await loadTemplates(repoRoot);
const link = { number: 45, url: 'https://github.com/acme/lumen/issues/45' };
const apply = (
  text: string,
  path: string,
  f: typeof recordEdits,
  target: Parameters<typeof recordEdits>[1],
  kind?: string,
) => {
  const doc = parseSpec(text, path);
  return applyEdits(text, f(doc, target, link, kind ? templates.get(kind) : undefined));
};

describe('recording an issue', () => {
  it('appends to a phase item, after the content and before a hard break', () => {
    const text = '# T\n\n## Phase 1: A\n- [ ] 1.1 first  \n- [ ] 1.2 second\n';
    const target = { kind: 'phase', id: 'x:1.1', spec: 'x', taskList: true } as const;
    expect(apply(text, 'specs/active/x/tasks.md', recordEdits, target)).toBe(
      '# T\n\n## Phase 1: A\n- [ ] 1.1 first <!-- issue: https://github.com/acme/lumen/issues/45 -->  \n- [ ] 1.2 second\n',
    );
  });

  it('replaces an earlier record, and leaves an equal one alone', () => {
    const old = '## Phase 1: A\r\n- [ ] 1.1 first <!-- issue: https://github.com/acme/lumen/issues/3 -->\r\n';
    const target = { kind: 'phase', id: 'x:1.1', spec: 'x', taskList: true } as const;
    const once = apply(old, 'specs/active/x/tasks.md', recordEdits, target);
    expect(once).toBe(
      '## Phase 1: A\r\n- [ ] 1.1 first <!-- issue: https://github.com/acme/lumen/issues/45 -->\r\n',
    );
    expect(recordEdits(parseSpec(once, 'specs/active/x/tasks.md'), target, link, undefined)).toEqual([]);
  });

  it('writes front matter number and url in a task document, creating the block when there is none', () => {
    const target = { kind: 'document' } as const;
    expect(
      apply(
        '---\ntitle: A\nstatus: open\n---\n\n# A\n',
        'specs/tasks/issue-3.md',
        recordEdits,
        target,
        'task',
      ),
    ).toBe(
      '---\ntitle: A\nstatus: open\nnumber: 45\nurl: https://github.com/acme/lumen/issues/45\n---\n\n# A\n',
    );
    expect(
      apply(
        '# Railway deployment\n\n**Blocks:**\n- #6\n',
        'specs/tasks/issue-5.md',
        recordEdits,
        target,
        'task',
      ),
    ).toBe(
      '---\nnumber: 45\nurl: https://github.com/acme/lumen/issues/45\n---\n# Railway deployment\n\n**Blocks:**\n- #6\n',
    );
  });

  it('adds a YAML comment to a blueprint task line', () => {
    const text =
      '# PRP: P\n\n## Implementation Blueprint\n\n```yaml\nTask 1: Fix the buttons\nMODIFY page.html:\n  - FIND: x\n```\n';
    expect(
      apply(text, 'specs/prps/p.md', recordEdits, { kind: 'blueprint', id: 'p:task-1', spec: 'p' }),
    ).toBe(
      text.replace(
        'Task 1: Fix the buttons\n',
        'Task 1: Fix the buttons  # issue: https://github.com/acme/lumen/issues/45\n',
      ),
    );
  });

  it('refuses when the task is gone from the file', () => {
    const doc = parseSpec('# T\n\n## Phase 1: A\n- [ ] 1.2 other\n', 'specs/active/x/tasks.md');
    expect(() =>
      recordEdits(doc, { kind: 'phase', id: 'x:1.1', spec: 'x', taskList: true }, link, undefined),
    ).toThrow('task x:1.1 is no longer in this file; nothing written, run again');
  });
});

describe('bringing a closed issue back', () => {
  it("sets a task document's done status in its kind's words", () => {
    const text = '---\nname: Implementation Task\nabout: x\ntitle: A\nstatus: in-progress\n---\n\n# A\n';
    expect(apply(text, 'specs/tasks/issue-3.md', closeEdits, { kind: 'document' }, 'task')).toBe(
      text.replace('status: in-progress', 'status: done'),
    );
  });

  it("uses a document's own state key when no kind tells the vocabulary", () => {
    const text = '---\ntype: Task\nid: b:T1\nstate: in_progress\n---\n\n# Task T1\n';
    expect(apply(text, 'specs/b/tasks/T1.md', closeEdits, { kind: 'document' })).toBe(
      text.replace('state: in_progress', 'state: closed'),
    );
  });

  it('ticks a phase item, changing one character', () => {
    const text = '## Phase 1: A\n- [ ] 1.1 first <!-- issue: https://github.com/acme/lumen/issues/45 -->\n';
    expect(
      apply(text, 'specs/active/x/tasks.md', closeEdits, {
        kind: 'phase',
        id: 'x:1.1',
        spec: 'x',
        taskList: true,
      }),
    ).toBe(text.replace('[ ]', '[x]'));
  });
});
