import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseFlatYaml } from '../../src/model/flat-yaml.js';

const yamlParse = (s: string) => parse(s, { uniqueKeys: false, logLevel: 'error' });

/** Values real front matter holds, and the shapes at the edge of the fast path. */
const scalar = fc.oneof(
  fc.constantFrom(
    '',
    '~',
    'null',
    'true',
    'False',
    'yes',
    '12',
    '012',
    '+5',
    '-0',
    '1.5',
    '0x1F',
    '.inf',
    '2024-10-13',
    'open',
    'Implementation Task',
    "'Implement: [Component]'",
    '"quoted"',
    "'it''s'",
    '"esc\\"aped"',
    'a: b',
    'text # comment',
    'ends:',
    '- item',
    '*alias',
    '&anchor x',
    '!tag x',
    '|',
    '>',
    '@at',
    '%p',
    '`tick`',
  ),
  fc.stringMatching(/^[A-Za-z][\w .,/()-]{0,30}$/),
);
const list = fc
  .array(fc.oneof(fc.constantFrom("'a'", '"b"', 'c d', '1', 'null', 'x: y', '[n]', ''), scalar), {
    maxLength: 4,
  })
  .map((items) => `[${items.join(', ')}]`);
const line = fc.tuple(
  fc.constantFrom('name', 'about', 'title', 'labels', 'status', 'a_b', 'x-y', 'name'),
  fc.oneof(scalar, list),
);
const blockList = fc
  .tuple(
    fc.constantFrom('', '  ', '    '),
    fc.array(fc.oneof(fc.constantFrom('implementation', 'priority:high', "'q'", 'a: b', '', '- x'), scalar), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([indent, items]) => `labels:\n${items.map((v) => `${indent}- ${v}`).join('\n')}`);
const extra = fc.oneof(
  fc.constantFrom(
    '',
    '# comment',
    '  indented: 1',
    'key:value',
    '- item',
    'nested:\n  a: 1',
    'l:\n  - a\n    - b',
  ),
  blockList,
);

describe('parseFlatYaml', () => {
  it('agrees with the yaml library whenever it answers', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.array(extra, { maxLength: 2 }), (lines, extras) => {
        const source = [...lines.map(([k, v]) => `${k}: ${v}`), ...extras].join('\n');
        const flat = parseFlatYaml(source);
        if (flat === undefined) return; // left to the library
        expect(flat).toEqual(yamlParse(source));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers for the front matter of an issue template', () => {
    const source = [
      'name: Implementation Task',
      'about: Create a task for implementing functionality (Phase 3 - Implementation)',
      "title: 'Implement: Support budget stream'",
      "labels: ['implementation', 'phase-3']",
      'tags:',
      '  - one',
      '  - priority:high',
      "assignees: ''",
      'status: open',
      'issue: 12',
      'created: 2024-10-13',
    ].join('\r\n');
    expect(parseFlatYaml(source)).toEqual(yamlParse(source));
    expect(parseFlatYaml(source)?.labels).toEqual(['implementation', 'phase-3']);
    expect(parseFlatYaml(source)?.tags).toEqual(['one', 'priority:high']);
  });

  it('leaves nesting, block scalars and anything unusual to the library', () => {
    for (const source of ['a:\n  b: 1', 'a: |\n  text', 'a: [b, [c]]', 'a: {b: 1}', 'a: b # c', 'a: 1.5'])
      expect(parseFlatYaml(source), source).toBeUndefined();
  });
});
