import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/model/parse.js';
import { extractValidation } from '../../src/verify/extract.js';
import { hasShared, SHARED_MISSING, seedFiles } from '../helpers/paths.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/verify');
const fence = '```';
const plan = (text: string, opts = {}) => extractValidation(parseSpec(text, 'spec.md'), opts);

describe('extractValidation: Level N headings', () => {
  it('reads the levels, titles, commands and expectations of a PRP', () => {
    const p = extractValidation(parseSpec(readFileSync(join(FIXTURES, 'passing.md'), 'utf8'), 'passing.md'));
    expect(p.source).toBe('levels');
    expect(p.levels.map((l) => [l.level, l.title, l.line])).toEqual([
      [1, 'Syntax & Style', 13],
      [2, 'Unit Tests', 21],
    ]);
    expect(p.levels[0]?.commands).toEqual([
      { command: 'echo "level one" && echo "joined"', line: 16, expect: 'prints level one', warnings: [] },
    ]);
    expect(p.levels[0]?.expect).toBeUndefined();
    expect(p.levels[1]?.commands.map((c) => c.command)).toEqual([
      `node -e "process.stdout.write('unit ok\\n')"`,
      'touch level2.marker',
    ]);
    expect(p.levels[1]?.expect).toBe('unit ok, and the marker exists');
  });

  it('reads the same plan from CRLF text with a BOM', () => {
    const bytes = readFileSync(join(FIXTURES, 'passing-crlf-bom.md'));
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const lf = readFileSync(join(FIXTURES, 'passing.md'), 'utf8');
    expect(plan(text)).toEqual(plan(lf));
  });

  it('lists levels with nothing to run as ignored, and sorts levels by number', () => {
    const text = [
      '# PRP',
      '## Validation Loop',
      '### Level 2: Unit',
      `${fence}bash`,
      'npm test',
      fence,
      '### Level 1: Lint',
      `${fence}sh`,
      'npm run lint',
      fence,
      '### Level 3: Calculation Logic Verification',
      `${fence}javascript`,
      'const x = 1;',
      fence,
      '### Level 4: Browser',
      `${fence}bash`,
      '# Open the page in a browser',
      fence,
    ].join('\n');
    const p = plan(text);
    expect(p.levels.map((l) => l.level)).toEqual([1, 2]);
    expect(p.ignored).toEqual([
      { level: 3, title: 'Calculation Logic Verification', line: 11, reason: 'no shell code block' },
      { level: 4, title: 'Browser', line: 15, reason: 'its shell blocks hold only comments' },
    ]);
  });

  it('takes **EXPECT**: lines after a block as the level expectation', () => {
    const text = [
      '## Validation Commands',
      '### Level 1: EXISTENCE',
      `${fence}bash`,
      'test -f FILE.md && echo "EXISTS" || echo "MISSING"',
      fence,
      '',
      '**EXPECT**: `EXISTS`',
    ].join('\n');
    expect(plan(text).levels[0]?.expect).toBe('`EXISTS`');
  });

  it('understands a bold **Level N: ...** line above a block', () => {
    const text = [
      '## Validation',
      '**Level 1: Lint**',
      '',
      `${fence}bash`,
      'npm run lint',
      fence,
      '**Level 2 - Tests:**',
      `${fence}bash`,
      'npm test',
      fence,
    ].join('\n');
    expect(plan(text).levels.map((l) => [l.level, l.title, l.commands[0]?.command])).toEqual([
      [1, 'Lint', 'npm run lint'],
      [2, 'Tests', 'npm test'],
    ]);
  });

  it('does not run a level of manual steps written in a shell block', () => {
    const text = [
      '### Level 1: Build',
      `${fence}bash`,
      'npm run build',
      fence,
      '### Level 2: Manual Testing',
      `${fence}bash`,
      '# Test radio button appearance',
      '1. Load civil-servant.html',
      '2. Verify radio buttons display as circles',
      '- All existing functionality preserved',
      fence,
    ].join('\n');
    const p = plan(text);
    expect(p.levels.map((l) => l.level)).toEqual([1]);
    expect(p.ignored).toEqual([
      {
        level: 2,
        title: 'Manual Testing',
        line: 5,
        reason: 'manual steps written in a shell block, not commands',
      },
    ]);
  });

  it('warns about prose, placeholders and commands copied from the template', () => {
    const text = [
      '### Level 1: Manual',
      `${fence}bash`,
      '1. Load civil-servant.html',
      'Chrome/Edge: [Verify all fixes work properly]',
      'npm run test -- src/features/{domain}',
      'ruff check src/ --fix',
      // A shell expansion and a brace list, not placeholders.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the text is shell, not a template literal
      'echo ${HOME} {a,b}',
      fence,
    ].join('\n');
    const p = plan(text, { templateCommands: new Set(['ruff check src/ --fix']) });
    const warnings = p.levels[0]?.commands.map((c) => c.warnings);
    expect(warnings?.[0]).toEqual(['looks like prose, not a shell command']);
    expect(warnings?.[1]).toEqual([
      'looks like prose, not a shell command',
      'holds a template placeholder [Verify all fixes work properly]',
    ]);
    expect(warnings?.[2]).toEqual(['holds a template placeholder {domain}']);
    expect(warnings?.[3]).toEqual(["unchanged from the template's example"]);
    expect(warnings?.[4]).toEqual([]);
  });
});

describe('extractValidation: Testing/Validation sections of other kinds', () => {
  it('makes one level per section holding shell blocks, in document order', () => {
    const text = [
      '# Tasks: OPML import',
      '## Phase 4: Core',
      `${fence}bash`,
      'npm run build',
      fence,
      '## Phase 5: Testing (Automatic via Expert)',
      '- [ ] 5.1 Unit tests',
      '**How to run them**:',
      `${fence}bash`,
      'npm run lint',
      'npm test -- tests/unit/feeds',
      fence,
      '## Testing Strategy',
      '### Integration Tests',
      `${fence}sh`,
      'npm run test:integration',
      fence,
      `${fence}python`,
      'def test_x(): pass',
      fence,
    ].join('\n');
    const p = plan(text);
    expect(p.source).toBe('sections');
    expect(p.levels.map((l) => [l.level, l.title, l.commands.map((c) => c.command)])).toEqual([
      [1, 'Phase 5: Testing (Automatic via Expert)', ['npm run lint', 'npm test -- tests/unit/feeds']],
      [2, 'Integration Tests', ['npm run test:integration']],
    ]);
  });

  it('does not take the document title for a testing section', () => {
    const text = ['# Spec: Verify the free tier', '## Setup', `${fence}bash`, 'pip install x', fence].join(
      '\n',
    );
    expect(plan(text).levels).toEqual([]);
  });

  it('finds nothing in a spec without validation commands', () => {
    const p = extractValidation(
      parseSpec(readFileSync(join(FIXTURES, 'no-commands.md'), 'utf8'), 'no-commands.md'),
    );
    expect(p.levels).toEqual([]);
    expect(p.ignored.map((i) => i.level)).toEqual([1, 2]);
  });
});

describe.skipIf(!hasShared)(`the PRP seed (${SHARED_MISSING})`, () => {
  it('has four levels with the commands a person would copy', () => {
    const seed = seedFiles().find((f) => f.includes('004_'));
    if (!seed) throw new Error('PRP seed missing');
    const p = plan(readFileSync(seed, 'utf8'));
    expect(p.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
    expect(p.levels[0]?.commands.map((c) => c.command)).toEqual([
      'ruff check src/ --fix',
      'ruff format src/',
      'mypy src/ --strict',
    ]);
    expect(p.levels[0]?.expect).toBe('All pass with no errors');
    expect(p.levels[2]?.commands.at(-1)?.command).toBe(
      'locust -f tests/load/feature_load_test.py --headless --users 100 --spawn-rate 10 --run-time 60s',
    );
    expect(p.levels[3]?.commands.at(-1)?.command).toBe(
      `curl -X POST https://staging-api.example.com/features -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d '{"test": "data"}'`,
    );
  });
});
