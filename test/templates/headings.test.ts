import { describe, expect, it } from 'vitest';
import { listHeadings, plainHeading, requiredSections, templateLines } from '../../src/templates/index.js';

const DOC = `---
title: '# not a heading'
---
# Title

## Overview ##

\`\`\`bash
# a comment, not a heading
## nor this
\`\`\`

~~~~md
\`\`\`
### still code
~~~~

### 🎯 Acceptance Criteria
#no-space is not a heading
    # indented four spaces is not a heading
`;

describe('listHeadings', () => {
  it('skips front matter and fenced code, strips closing hashes', () => {
    expect(listHeadings(DOC)).toEqual([
      { level: 1, text: 'Title', line: 4 },
      { level: 2, text: 'Overview', line: 6 },
      { level: 3, text: '🎯 Acceptance Criteria', line: 18 },
    ]);
  });
});

describe('plainHeading', () => {
  it.each([
    ['🎯 Acceptance Criteria', 'acceptance criteria'],
    ['⚙️ Implementation Description', 'implementation description'],
    ['🏗️ Technical Requirements', 'technical requirements'],
    ['Phase 1: Planning & Research ✅', 'phase 1: planning & research'],
    ['**Scoring Rationale:**', 'scoring rationale'],
    ['Unit Tests (tests/unit/)', 'unit tests (tests/unit/)'],
  ])('%j -> %j', (text, plain) => {
    expect(plainHeading(text)).toBe(plain);
  });
});

describe('requiredSections', () => {
  it('keeps level 2 and 3, drops optional and conditional sections with their children', () => {
    const md = `# {{title}}\n## A\n### B\n#### C\n## Migration\n### Plan\n## Extra (if applicable)\n### Sub\n## Risk 1: {Name}\n## Made {{date}}\n## Z\n`;
    expect(requiredSections(md, ['migration']).map((s) => [s.plain, s.match, s.parents])).toEqual([
      ['a', 'exact', []],
      ['b', 'exact', ['a']],
      ['risk 1', 'prefix', []],
      ['z', 'exact', []],
    ]);
  });
});

describe('templateLines', () => {
  it('keeps hint prose and list items, not checkboxes, tables, rules, code, short lines or variables', () => {
    const md = [
      '# Title {{title}}',
      '**Status**: {{status}}',
      'Describe the problem in two sentences.',
      '- **Goal**: what success looks like',
      '- [ ] Tests pass for every adapter',
      '| Risk | Impact of the risk |',
      '---',
      '- README',
      '```',
      'code that is long enough to count',
      '```',
    ].join('\n');
    expect([...templateLines(md)]).toEqual([
      'Describe the problem in two sentences.',
      '- **Goal**: what success looks like',
    ]);
  });
});
