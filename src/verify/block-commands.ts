/**
 * The commands of one shell code block, as a person would read them: comment
 * and blank lines dropped, `\` continuations joined, a command that spans lines
 * (an open quote, a heredoc, `if … fi`, a trailing `&&`) kept whole, and
 * `# Expected: …` comments kept as what the command (or the level) should show.
 */
import { type OpenReason, scanShell, stripComments } from './shell-scan.js';

export interface BlockCommand {
  command: string;
  /** 1-based line in the document. */
  line: number;
  expect?: string;
  warnings: string[];
}

export interface BlockCommands {
  commands: BlockCommand[];
  /** `# Expected:` comments that follow no command directly: they describe the whole block. */
  expect: string[];
}

/** `# Expected: …`, `# EXPECT: …`, `# Expected output: …` */
const EXPECT_COMMENT = /^#+\s*expect(?:ed|s)?(?:\s+(?:output|result|outcome)s?)?\s*:\s*(.*)$/i;
const PROMPT_LANGS = new Set(['console', 'shell-session', 'shellsession', 'terminal']);
const PROMPT = /^\s*\$(?:\s|$)/;

const OPEN_WORDS: Record<OpenReason, string> = {
  quote: 'an unclosed quote or substitution',
  heredoc: 'an unterminated heredoc',
  backslash: 'a trailing backslash',
  paren: 'an unclosed parenthesis',
  compound: 'an unclosed if/for/while/case or { block',
  operator: 'a trailing && / || / |',
};

export function expectationOf(comment: string): string | undefined {
  const m = EXPECT_COMMENT.exec(comment.trim());
  const text = m?.[1]?.trim();
  return text ? text : undefined;
}

/** Join a line ending in an unquoted backslash with the next, as bash does (the backslash-newline vanishes). */
function joinContinuation(head: string, next: string): string {
  const before = head.slice(0, -1);
  if (/\s$/.test(before) || /^\s/.test(next)) return `${before.trimEnd()} ${next.trim()}`;
  return before + next.trim();
}

/** `body` is the block's text (lines joined with \n); `firstLine` the document line of its first line. */
export function blockCommands(body: string, firstLine: number, lang: string): BlockCommands {
  const lines = body.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const meaningful = lines.filter((l) => l.trim() && !l.trim().startsWith('#'));
  const promptMode =
    PROMPT_LANGS.has(lang) || (meaningful.length > 0 && meaningful.every((l) => PROMPT.test(l)));

  const commands: BlockCommand[] = [];
  const expect: string[] = [];
  // The command an `# Expected:` line right below would describe; a blank line breaks the link.
  let previous: BlockCommand | undefined;
  let i = 0;
  while (i < lines.length) {
    let raw = lines[i] as string;
    const trimmed = raw.trim();
    if (!trimmed) {
      previous = undefined;
      i++;
      continue;
    }
    if (promptMode) {
      if (!PROMPT.test(raw)) {
        previous = undefined; // output shown in a console session, not a command
        i++;
        continue;
      }
      raw = raw.replace(PROMPT, '');
    }
    if (raw.trim().startsWith('#')) {
      const e = expectationOf(raw);
      if (e) {
        if (previous && !previous.expect) previous.expect = e;
        else expect.push(e);
      }
      i++;
      continue;
    }
    const line = firstLine + i;
    let text = raw.trim();
    i++;
    let scan = scanShell(text);
    while (scan.open && i < lines.length) {
      let next = lines[i] as string;
      if (promptMode) next = next.replace(/^\s*>\s?/, '');
      i++;
      if (scan.open === 'backslash') text = joinContinuation(text, next);
      else if (scan.open === 'operator') {
        // bash reads on past blank and comment lines after a trailing && or |
        if (!next.trim() || next.trim().startsWith('#')) continue;
        text = `${text} ${next.trim()}`;
      } else text = `${text}\n${next}`;
      scan = scanShell(text);
    }
    const warnings: string[] = [];
    if (scan.open) warnings.push(`the block ends inside the command (${OPEN_WORDS[scan.open]})`);
    const command = stripComments(text, scan.tokens).trim();
    if (!command) continue;
    const cmd: BlockCommand = { command, line, warnings };
    for (const t of scan.tokens) {
      const e = t.type === 'comment' ? expectationOf(t.text) : undefined;
      if (e) cmd.expect = e;
    }
    commands.push(cmd);
    previous = cmd;
  }
  return { commands, expect };
}
