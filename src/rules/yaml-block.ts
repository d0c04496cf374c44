import type { CodeBlock, Range, SpecDocument } from '../model/types.js';
import type { Finding, Rule } from './types.js';

const FRONT_MATTER_PREFIX = /^front matter is not valid YAML:\s*/;

/**
 * A ```yaml block (PRP context, task breakdown) or front matter that does not parse. The model
 * parses both and keeps the error with its line in the Markdown file (CodeBlock.yaml,
 * doc.problems); this rule places the finding on the offending line and, for code blocks, the
 * column, past any list or quote indentation the block sits in.
 */
export const rule: Rule = {
  meta: {
    id: 'yaml-block',
    description: 'A ```yaml code block or the front matter is not valid YAML.',
    rationale:
      'YAML in a spec is read by tools: front matter carries the metadata of GitHub issue templates and ' +
      'specwright itself, PRP context and task blocks are read by agents. Invalid YAML is silently dropped ' +
      'or misread by all of them.',
    severity: 'error',
    fixable: false,
    tags: ['yaml', 'syntax'],
    messages: {
      frontMatter: 'front matter is not valid YAML: {error}',
      codeBlock: '```{lang} block is not valid YAML: {error}',
    },
  },
  check(doc) {
    const findings: Finding[] = [];
    for (const p of doc.problems) {
      if (p.ruleId !== 'yaml-block' || !FRONT_MATTER_PREFIX.test(p.message)) continue;
      findings.push({
        messageId: 'frontMatter',
        data: { error: p.message.replace(FRONT_MATTER_PREFIX, '') },
        range: trimmedLine(doc, p.range),
        note: 'Fix the YAML, or, if the block between the `---` lines is prose, use another separator (`***`).',
      });
    }
    for (const block of doc.code) {
      const error = blockError(block);
      if (!error) continue;
      findings.push({
        messageId: 'codeBlock',
        data: { lang: block.lang, error: error.message },
        range: errorRange(doc, block, error.line, error.column),
        note: 'Fix the YAML, or label the block with another language if it is not meant to be YAML.',
      });
    }
    return findings;
  },
};

interface YamlError {
  message: string;
  /** 1-based line in the Markdown file. */
  line: number;
  /** 1-based column in the block's body line. */
  column: number;
}

function blockError(block: CodeBlock): YamlError | undefined {
  const y = block.yaml;
  if (!y || !('error' in y)) return undefined;
  return { message: y.error, line: y.line, column: y.column };
}

/** From the error's column to the end of its line; the whole line's text when that is empty. */
function errorRange(doc: SpecDocument, block: CodeBlock, line: number, column: number): Range {
  const text = doc.text;
  const first = block.bodyRange.start;
  const last = block.bodyRange.end;
  const target = Math.max(first.line, Math.min(line, last.line));
  let start = first.offset - (first.column - 1);
  for (let l = first.line; l < target; l++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) break;
    start = nl + 1;
  }
  const end = lineEnd(text, start);
  const bodyLine = block.body.split('\n')[target - first.line]?.replace(/\r$/, '') ?? '';
  const lineText = text.slice(start, end);
  // The body has the list/quote prefix and fence indentation removed: skip them in the file line.
  const prefix = lineText.endsWith(bodyLine) ? lineText.length - bodyLine.length : 0;
  let at = Math.min(start + prefix + Math.max(column - 1, 0), end);
  while (at < end && (text[at] === ' ' || text[at] === '\t')) at++;
  if (at < end) return { start: doc.posAt(at), end: doc.posAt(end) };
  return trimmedLine(doc, { start: doc.posAt(start), end: doc.posAt(end) });
}

/** The line holding `range.start`, without its leading whitespace and line ending. */
function trimmedLine(doc: SpecDocument, range: Range): Range {
  const text = doc.text;
  const lineStart = range.start.offset - (range.start.column - 1);
  const end = lineEnd(text, lineStart);
  let start = lineStart;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  if (start === end) start = lineStart;
  return { start: doc.posAt(start), end: doc.posAt(end) };
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  const end = nl === -1 ? text.length : nl;
  return end > from && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}
