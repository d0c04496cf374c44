import { describe, expect, it } from 'vitest';
import { blockCommands } from '../../src/verify/block-commands.js';

const cmds = (body: string, lang = 'bash') => blockCommands(body, 10, lang).commands.map((c) => c.command);

describe('blockCommands', () => {
  it('drops comments and blank lines, joins continuations, keeps line numbers', () => {
    const body = [
      '# Run automatically via pre-commit hooks',
      'ruff check src/ --fix           # Linting with fixes',
      '',
      'locust -f tests/load.py --headless \\',
      '  --users 100 --spawn-rate 10 \\',
      '  --run-time 60s',
      'echo done',
    ].join('\n');
    const { commands } = blockCommands(`${body}\n`, 10, 'bash');
    expect(commands.map((c) => c.command)).toEqual([
      'ruff check src/ --fix',
      'locust -f tests/load.py --headless --users 100 --spawn-rate 10 --run-time 60s',
      'echo done',
    ]);
    expect(commands.map((c) => c.line)).toEqual([11, 13, 16]);
  });

  it('joins a backslash inside a word without a space, as bash does', () => {
    expect(cmds('echo ab\\\ncd\n')).toEqual(['echo abcd']);
  });

  it('keeps "# Expected:" for the command right above, else for the block', () => {
    const body = [
      'pytest tests/ --cov=src',
      '# Expected: >80% coverage',
      'mypy src/',
      '',
      '# Expected: All pass with no errors',
    ].join('\n');
    const r = blockCommands(body, 1, 'bash');
    expect(r.commands[0]?.expect).toBe('>80% coverage');
    expect(r.commands[1]?.expect).toBeUndefined();
    expect(r.expect).toEqual(['All pass with no errors']);
  });

  it('takes an inline "# Expected:" comment as the command expectation', () => {
    const r = blockCommands('node --version  # Expected: v20\n', 1, 'bash');
    expect(r.commands[0]).toMatchObject({ command: 'node --version', expect: 'v20' });
  });

  it('keeps a # inside quotes and words', () => {
    expect(cmds(`echo "a # b" 'c # d' e#f\n`)).toEqual([`echo "a # b" 'c # d' e#f`]);
  });

  it('keeps multi-line quotes, heredocs and compound commands whole', () => {
    const body = [
      'python -c "',
      'print(1)',
      '"',
      'cat <<EOF > out.txt',
      '# not a comment: heredoc text',
      'EOF',
      'for f in a b; do',
      '  # inner comment',
      '  echo $f',
      'done',
      'if [ -f x ]; then',
      '  echo yes',
      'fi',
      'npm run lint &&',
      '',
      '  npm test',
      '(cd sub',
      ' make)',
    ].join('\n');
    expect(cmds(body)).toEqual([
      'python -c "\nprint(1)\n"',
      'cat <<EOF > out.txt\n# not a comment: heredoc text\nEOF',
      'for f in a b; do\n\n  echo $f\ndone',
      'if [ -f x ]; then\n  echo yes\nfi',
      'npm run lint && npm test',
      '(cd sub\n make)',
    ]);
  });

  it('warns when the block ends inside a command', () => {
    const r = blockCommands('echo "never closed\n', 1, 'bash');
    expect(r.commands[0]?.warnings[0]).toMatch(/unclosed quote/);
  });

  it('reads console sessions: prompts stripped, output skipped', () => {
    const body = ['$ npm test', '> specwright@0.1.0 test', 'PASS  3 tests', '$ echo ok', 'ok'].join('\n');
    expect(cmds(body, 'console')).toEqual(['npm test', 'echo ok']);
    expect(cmds('$ npm ci\n$ npm test\n', 'bash')).toEqual(['npm ci', 'npm test']);
  });

  it('finds nothing in a block of comments', () => {
    expect(cmds('# Open the page in a browser\n# Check the console\n')).toEqual([]);
  });
});
