/**
 * A small bash lexer: enough of the shell's grammar to know where one command
 * ends (quotes, heredocs, line continuations, trailing `&&`, `if … fi` and
 * friends), where its comments are, how it splits into simple commands, and
 * whether it runs something hidden inside (`$(…)`, backticks, `<(…)`).
 *
 * It never evaluates anything: it only finds boundaries in the text.
 */

export type TokenType = 'word' | 'op' | 'redir' | 'comment' | 'heredoc';

export interface Token {
  type: TokenType;
  /** Offsets into the scanned text, [start, end). */
  start: number;
  end: number;
  text: string;
}

/** Why a text is not yet a whole command: what is still open at its end. */
export type OpenReason = 'quote' | 'heredoc' | 'backslash' | 'paren' | 'compound' | 'operator';

export interface ScanResult {
  tokens: Token[];
  /** Null when the text is one or more complete commands. */
  open: OpenReason | null;
  /** Command or process substitutions (`$(…)`, backticks, `<(…)`, `>(…)`): offsets of their start. */
  substitutions: number[];
}

const OPENERS = new Set(['if', 'for', 'while', 'until', 'case', 'select', '{']);
const CLOSERS = new Set(['fi', 'done', 'esac', '}']);
/** Words after which the next word is again a command name. */
const PREFIX_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?\+?=/;
/** Operators after which a command continues on the next line. */
const CONTINUING_OPS = new Set(['&&', '||', '|', '|&']);

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
}

/** Index just after the quote or substitution starting at `i`, or -1 when it never closes. */
function skipSingle(text: string, i: number): number {
  const end = text.indexOf("'", i + 1);
  return end < 0 ? -1 : end + 1;
}

function skipBacktick(text: string, i: number, subs: number[]): number {
  subs.push(i);
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '`') return j + 1;
  }
  return -1;
}

function skipDouble(text: string, i: number, subs: number[]): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
    else if (c === '`') {
      j = skipBacktick(text, j, subs);
      if (j < 0) return -1;
      j--;
    } else if (c === '$' && text[j + 1] === '(') {
      j = skipParens(text, j + 1, subs, text[j + 2] !== '(');
      if (j < 0) return -1;
      j--;
    } else if (c === '$' && text[j + 1] === '{') {
      j = skipBraces(text, j + 1, subs);
      if (j < 0) return -1;
      j--;
    }
  }
  return -1;
}

/** From the `(` at `i` to just after its matching `)`; `isSubst` records a command substitution. */
function skipParens(text: string, i: number, subs: number[], isSubst: boolean): number {
  if (isSubst) subs.push(i - 1);
  return skipGroup(text, i, subs, '(', ')');
}

function skipBraces(text: string, i: number, subs: number[]): number {
  return skipGroup(text, i, subs, '{', '}');
}

/**
 * From the `open` at `i` to just after its matching `close`, stepping over quotes, backticks and
 * `$(...)` inside, whose brackets do not count; -1 when it never closes.
 */
function skipGroup(text: string, i: number, subs: number[], open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    let end: number;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === "'") end = skipSingle(text, j);
    else if (c === '"') end = skipDouble(text, j, subs);
    else if (c === '`') end = skipBacktick(text, j, subs);
    else if (c === '$' && text[j + 1] === '(') end = skipParens(text, j + 1, subs, text[j + 2] !== '(');
    else {
      if (c === open) depth++;
      else if (c === close && --depth === 0) return j + 1;
      continue;
    }
    if (end < 0) return -1;
    j = end - 1;
  }
  return -1;
}

/** The heredoc delimiter word after `<<`: quotes removed, as bash compares it. */
function readDelimiter(text: string, i: number): { delimiter: string; end: number } {
  let j = i;
  while (text[j] === ' ' || text[j] === '\t') j++;
  let delimiter = '';
  while (j < text.length && !/[\s;&|<>()]/.test(text[j] as string)) {
    const c = text[j] as string;
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, j + 1);
      if (close < 0) break;
      delimiter += text.slice(j + 1, close);
      j = close + 1;
    } else if (c === '\\') {
      delimiter += text[j + 1] ?? '';
      j += 2;
    } else {
      delimiter += c;
      j++;
    }
  }
  return { delimiter, end: j };
}

export function scanShell(text: string): ScanResult {
  const tokens: Token[] = [];
  const substitutions: number[] = [];
  const pending: Heredoc[] = [];
  let parens = 0;
  let compound = 0;
  let commandStart = true;
  let wordStart = -1;
  let backslashEnd = false;
  let open: OpenReason | null = null;

  const endWord = (end: number) => {
    if (wordStart < 0) return;
    const word = text.slice(wordStart, end);
    tokens.push({ type: 'word', start: wordStart, end, text: word });
    wordStart = -1;
    if (!commandStart) return;
    if (OPENERS.has(word)) compound++;
    else if (CLOSERS.has(word)) compound = Math.max(0, compound - 1);
    if (PREFIX_KEYWORDS.has(word) || ASSIGNMENT.test(word)) return;
    commandStart = false;
  };
  const op = (type: 'op' | 'redir', start: number, end: number) => {
    endWord(start);
    tokens.push({ type, start, end, text: text.slice(start, end) });
    if (type === 'op') commandStart = true;
  };
  const startWord = (i: number) => {
    if (wordStart < 0) wordStart = i;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === ' ' || c === '\t') {
      endWord(i);
      i++;
    } else if (c === '\n') {
      op('op', i, i + 1);
      i++;
      // Heredoc bodies start on the line after their `<<`.
      while (pending.length) {
        const doc = pending.shift() as Heredoc;
        const bodyStart = i;
        let closed = false;
        while (i < text.length) {
          const eol = text.indexOf('\n', i);
          const lineEnd = eol < 0 ? text.length : eol;
          const line = text.slice(i, lineEnd);
          i = eol < 0 ? text.length : eol + 1;
          if ((doc.stripTabs ? line.replace(/^\t+/, '') : line) === doc.delimiter) {
            closed = true;
            break;
          }
        }
        tokens.push({ type: 'heredoc', start: bodyStart, end: i, text: text.slice(bodyStart, i) });
        if (!closed) open = 'heredoc';
      }
    } else if (c === '\\') {
      if (next === '\n') {
        endWord(i);
        i += 2;
      } else if (next === undefined) {
        backslashEnd = true;
        i++;
      } else {
        startWord(i);
        i += 2;
      }
    } else if (c === "'" || c === '"' || c === '`') {
      startWord(i);
      const end =
        c === "'"
          ? skipSingle(text, i)
          : c === '"'
            ? skipDouble(text, i, substitutions)
            : skipBacktick(text, i, substitutions);
      if (end < 0) {
        open = 'quote';
        break;
      }
      i = end;
    } else if (c === '$' && (next === '(' || next === '{')) {
      startWord(i);
      const end =
        next === '('
          ? skipParens(text, i + 1, substitutions, text[i + 2] !== '(')
          : skipBraces(text, i + 1, substitutions);
      if (end < 0) {
        open = 'quote';
        break;
      }
      i = end;
    } else if (c === '#' && wordStart < 0) {
      const eol = text.indexOf('\n', i);
      const end = eol < 0 ? text.length : eol;
      tokens.push({ type: 'comment', start: i, end, text: text.slice(i, end) });
      i = end;
    } else if ((c === '<' || c === '>') && next === '(') {
      startWord(i);
      const end = skipParens(text, i + 1, substitutions, false);
      substitutions.push(i);
      if (end < 0) {
        open = 'quote';
        break;
      }
      i = end;
    } else if (c === '<' && next === '<' && text[i + 2] !== '<') {
      const stripTabs = text[i + 2] === '-';
      const opEnd = i + (stripTabs ? 3 : 2);
      op('redir', i, opEnd);
      const { delimiter, end } = readDelimiter(text, opEnd);
      if (delimiter) {
        pending.push({ delimiter, stripTabs });
        tokens.push({ type: 'word', start: opEnd, end, text: text.slice(opEnd, end).trim() });
      }
      i = end;
    } else if (c === '<' || c === '>') {
      let end = i + 1;
      while (end < text.length && /[<>&|]/.test(text[end] as string) && end - i < 3) end++;
      op('redir', i, end);
      i = end;
    } else if (c === '&') {
      const [type, end] =
        next === '&'
          ? (['op', i + 2] as const)
          : next === '>'
            ? (['redir', text[i + 2] === '>' ? i + 3 : i + 2] as const)
            : (['op', i + 1] as const);
      op(type, i, end);
      i = end;
    } else if (c === '|') {
      const end = next === '|' || next === '&' ? i + 2 : i + 1;
      op('op', i, end);
      i = end;
    } else if (c === ';') {
      let end = i + 1;
      if (next === ';') end = text[i + 2] === '&' ? i + 3 : i + 2;
      else if (next === '&') end = i + 2;
      op('op', i, end);
      i = end;
    } else if (c === '(') {
      op('op', i, i + 1);
      parens++;
      i++;
    } else if (c === ')') {
      op('op', i, i + 1);
      parens = Math.max(0, parens - 1);
      i++;
    } else {
      startWord(i);
      i++;
    }
  }
  endWord(open === 'quote' ? i : text.length);
  if (!open) {
    if (pending.length) open = 'heredoc';
    else if (backslashEnd) open = 'backslash';
    else if (parens > 0) open = 'paren';
    else if (compound > 0) open = 'compound';
    else {
      const last = [...tokens]
        .reverse()
        .find((t) => t.type !== 'comment' && !(t.type === 'op' && t.text === '\n'));
      if (last?.type === 'op' && CONTINUING_OPS.has(last.text)) open = 'operator';
    }
  }
  return { tokens, open, substitutions };
}

/** The text with its comments removed (heredoc bodies and quoted `#` untouched), trailing blanks trimmed per line. */
export function stripComments(text: string, tokens: readonly Token[]): string {
  let out = '';
  let at = 0;
  for (const t of tokens) {
    if (t.type !== 'comment') continue;
    out += text.slice(at, t.start).replace(/[ \t]+$/, '');
    at = t.end;
  }
  return out + text.slice(at);
}

/** Separators between simple commands: `;`, `&&`, `||`, `|`, `&`, newlines and subshell parentheses. */
export function isSeparator(t: Token): boolean {
  return t.type === 'op';
}
