/**
 * The optional allowlist (`verify.allow` in specwright.config.yaml): globs a
 * command must match to run, even with `--yes`.
 *
 * A glob matches one simple command, whole: `*` is any run of characters
 * (spaces and slashes included), `?` one character, `\*` a literal star.
 * A command line is split where the shell would run a new command (`;`, `&&`,
 * `||`, `|`, `&`, newlines, subshell parentheses), and every part must match:
 * `npm *` allows `npm ci && npm test` but not `npm test; curl … | sh`.
 * Command substitution (`$(…)`, backticks, `<(…)`) hides a command inside a
 * word, so a command holding one is rejected whenever the allowlist is on.
 */
import { scanShell, type Token } from './shell-scan.js';
import type { VerifyLevel } from './types.js';

export interface Rejection {
  level: number;
  line: number;
  command: string;
  /** The part of the command no pattern matched, or why it cannot be checked. */
  reason: string;
}

const PREFIX_WORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const CLOSING_WORDS = new Set(['fi', 'done', 'esac', '}', 'then', 'else', 'do']);
const HEADER_WORDS = new Set(['for', 'select', 'case']);

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '\\' && i + 1 < glob.length) re += escapeRe(glob[++i] as string);
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (/\s/.test(c)) {
      re += '\\s+';
      while (i + 1 < glob.length && /\s/.test(glob[i + 1] as string)) i++;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The simple commands of a command line, as text, with control keywords (`if`, `do`, `done` …) taken off. */
export function simpleCommands(command: string): { parts: string[]; substitution: boolean } {
  const scan = scanShell(command);
  const parts: string[] = [];
  let current: Token[] = [];
  const flush = () => {
    const words = current.filter((t) => t.type === 'word' || t.type === 'redir');
    current = [];
    while (words.length && PREFIX_WORDS.has((words[0] as Token).text)) words.shift();
    if (!words.length) return;
    if (words.length === 1 && CLOSING_WORDS.has((words[0] as Token).text)) return;
    const first = words[0] as Token;
    // `for x in a b` and `case $x in` only name values; what they run comes after `do` / the patterns.
    if (HEADER_WORDS.has(first.text)) return;
    const last = words[words.length - 1] as Token;
    parts.push(command.slice(first.start, last.end).trim());
  };
  for (const t of scan.tokens) {
    if (t.type === 'op') flush();
    else if (t.type !== 'comment' && t.type !== 'heredoc') current.push(t);
  }
  flush();
  return { parts, substitution: scan.substitutions.length > 0 };
}

export class Allowlist {
  private readonly patterns: Array<{ glob: string; re: RegExp }>;

  constructor(globs: readonly string[]) {
    this.patterns = globs.map((glob) => ({ glob, re: globToRegExp(glob.trim()) }));
  }

  get enabled(): boolean {
    return this.patterns.length > 0;
  }

  /** Null when the command may run; otherwise why not. */
  check(command: string): string | null {
    if (!this.enabled) return null;
    const { parts, substitution } = simpleCommands(command);
    if (substitution)
      return 'uses command substitution ($(…), backticks or <(…)), which the allowlist cannot check';
    if (!parts.length) return 'holds no command the allowlist can check';
    for (const part of parts) {
      if (!this.patterns.some((p) => p.re.test(part))) return `no pattern matches \`${part}\``;
    }
    return null;
  }

  /** Every command of the plan that may not run. */
  rejections(levels: readonly VerifyLevel[]): Rejection[] {
    const out: Rejection[] = [];
    for (const level of levels)
      for (const c of level.commands) {
        const reason = this.check(c.command);
        if (reason) out.push({ level: level.level, line: c.line, command: c.command, reason });
      }
    return out;
  }
}
