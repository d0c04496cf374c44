/**
 * A spec's validation loops as a plan: levels, each with the shell commands to
 * run in order. Two shapes are understood:
 *
 * - `### Level N: Title` headings (or a bold `**Level N: Title**` line just above
 *   a block), each with one or more ```bash blocks: the PRP "Validation Loops";
 * - otherwise, shell blocks under Testing / Validation / Verification sections of
 *   any kind of spec, one level per section, numbered in document order.
 *
 * Nothing here runs anything; the text of the spec only ever becomes the command
 * strings of the plan.
 */
import { plainHeading } from '../model/parse.js';
import type { CodeBlock, Section, SpecDocument } from '../model/types.js';
import { blockCommands } from './block-commands.js';
import type { IgnoredLevel, VerifyCommand, VerifyLevel, VerifyPlan } from './types.js';

export const SHELL_LANGS = new Set([
  'bash',
  'sh',
  'shell',
  'zsh',
  'ksh',
  'console',
  'shell-session',
  'shellsession',
  'terminal',
]);

const LEVEL_HEADING = /^level\s+(\d{1,3})\b\s*[:.)–—-]?\s*(.*)$/i;
const LEVEL_LINE =
  /^\s*(?:[-*+]\s+)?(?:\*\*|__)\s*level\s+(\d{1,3})\b\s*[:.)–—-]?\s*(.*?)\s*:?\s*(?:\*\*|__)\s*:?\s*$/i;
const TESTING_SECTION =
  /\b(?:tests?|testing|validat(?:e|ion|ions)|verif(?:y|ication|ications)|quality gates?)\b/i;
/** `**Expected**: …` / `**EXPECT**: …` / `Expected output: …` lines in the prose around a block. */
const EXPECT_LINE =
  /^\s*(?:[-*+]\s+)?(?:\*\*|__)?expect(?:ed|s)?(?:\s+(?:output|result|outcome)s?)?(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.+?)\s*$/i;

const PROSE_WARNING = 'looks like prose, not a shell command';
const PROSE = /^(?:\d+[.)]\s|[-*•]\s|[A-Z][A-Za-z/ ]{1,40}:\s)/;
const PLACEHOLDER = /(?<!\$)\{[A-Za-z][A-Za-z0-9_ -]*\}|\[[A-Z][A-Z0-9_]+\]|\[[A-Z][a-z]+(?: [\w'/-]+)+\]/;

export interface ExtractOptions {
  /** Commands of the kind's template, to flag example commands left unchanged. */
  templateCommands?: ReadonlySet<string>;
}

interface Flat {
  section: Section;
  depth: number;
}

function flatten(sections: readonly Section[], depth = 0, out: Flat[] = []): Flat[] {
  for (const s of sections) {
    out.push({ section: s, depth });
    flatten(s.children, depth + 1, out);
  }
  return out;
}

/** The deepest section holding `offset`. */
function innermost(flat: readonly Flat[], offset: number): Section | undefined {
  let best: Flat | undefined;
  for (const f of flat) {
    if (offset < f.section.range.start.offset || offset >= f.section.range.end.offset) continue;
    if (!best || f.depth > best.depth) best = f;
  }
  return best?.section;
}

function isShell(block: CodeBlock): boolean {
  return SHELL_LANGS.has(block.lang);
}

function warningsOf(command: string, opts: ExtractOptions): string[] {
  const out: string[] = [];
  if (PROSE.test(command)) out.push(PROSE_WARNING);
  const placeholder = PLACEHOLDER.exec(command);
  if (placeholder) out.push(`holds a template placeholder ${placeholder[0]}`);
  if (opts.templateCommands?.has(command)) out.push("unchanged from the template's example");
  return out;
}

/** Expectations written as prose lines between `from` and `to` (a level's text after its blocks). */
function proseExpectations(
  doc: SpecDocument,
  from: number,
  to: number,
  blocks: readonly CodeBlock[],
): string[] {
  const out: string[] = [];
  let at = from;
  const spans: Array<[number, number]> = [];
  for (const b of blocks) {
    if (b.range.start.offset >= to || b.range.end.offset <= from) continue;
    spans.push([at, b.range.start.offset]);
    at = b.range.end.offset;
  }
  spans.push([at, to]);
  for (const [s, e] of spans) {
    for (const line of doc.text.slice(s, e).split(/\r?\n/)) {
      if (/^\s*#/.test(line)) continue; // a heading, not an expectation
      const m = EXPECT_LINE.exec(line);
      if (m?.[1]) out.push(m[1].replace(/(?:\*\*|__)\s*$/, '').trim());
    }
  }
  return out;
}

/** The level a bold `**Level N: …**` line just above a block gives it (blank lines allowed between). */
function levelLineAbove(
  doc: SpecDocument,
  block: CodeBlock,
): { level: number; title: string; line: number } | null {
  const lineNo = block.range.start.line;
  const starts: number[] = [];
  let at = block.range.start.offset;
  for (let k = 0; k < 3 && at > 0; k++) {
    const prevEnd = doc.text.lastIndexOf('\n', at - 1);
    const prevStart = doc.text.lastIndexOf('\n', prevEnd - 1) + 1;
    if (prevEnd < 0) break;
    starts.push(prevStart);
    const text = doc.text.slice(prevStart, prevEnd).replace(/\r$/, '');
    const m = LEVEL_LINE.exec(text);
    if (m) return { level: Number(m[1]), title: (m[2] ?? '').trim(), line: lineNo - k - 1 };
    if (text.trim()) break;
    at = prevStart;
  }
  return null;
}

interface Draft {
  level: number;
  title: string;
  line: number;
  start: number;
  end: number;
  blocks: CodeBlock[];
}

function buildLevel(
  doc: SpecDocument,
  d: Draft,
  opts: ExtractOptions,
  allBlocks: readonly CodeBlock[],
): VerifyLevel {
  const commands: VerifyCommand[] = [];
  const expect: string[] = [];
  for (const b of d.blocks) {
    const found = blockCommands(b.body, b.bodyRange.start.line, b.lang);
    for (const c of found.commands) {
      const warnings = [...c.warnings, ...warningsOf(c.command, opts)];
      commands.push({
        command: c.command,
        line: c.line,
        ...(c.expect ? { expect: c.expect } : {}),
        warnings,
      });
    }
    expect.push(...found.expect);
  }
  expect.push(...proseExpectations(doc, d.start, d.end, allBlocks));
  const level: VerifyLevel = { level: d.level, title: d.title, line: d.line, commands };
  if (expect.length) level.expect = [...new Set(expect)].join('; ');
  return level;
}

function fromLevelHeadings(doc: SpecDocument, flat: readonly Flat[], shell: readonly CodeBlock[]): Draft[] {
  const drafts = new Map<number, Draft>();
  for (const { section } of flat) {
    const m = LEVEL_HEADING.exec(section.plainTitle);
    if (!m) continue;
    const level = Number(m[1]);
    const title = (m[2] ?? '').trim() || `Level ${level}`;
    const start = section.range.start.offset;
    const end = section.range.end.offset;
    const blocks = shell.filter((b) => b.range.start.offset >= start && b.range.start.offset < end);
    const existing = drafts.get(level);
    if (existing) {
      // The same level written twice (a template's example and the real one): run both, in order.
      existing.blocks.push(...blocks.filter((b) => !existing.blocks.includes(b)));
      continue;
    }
    drafts.set(level, { level, title, line: section.headingRange.start.line, start, end, blocks });
  }
  // Bold `**Level N: …**` lines above blocks that no level heading holds.
  const claimed = new Set([...drafts.values()].flatMap((d) => d.blocks));
  for (const b of shell) {
    if (claimed.has(b)) continue;
    const above = levelLineAbove(doc, b);
    if (!above) continue;
    const existing = drafts.get(above.level);
    if (existing) existing.blocks.push(b);
    else
      drafts.set(above.level, {
        level: above.level,
        title: above.title || `Level ${above.level}`,
        line: above.line,
        start: b.range.start.offset,
        end: b.range.end.offset,
        blocks: [b],
      });
  }
  return [...drafts.values()].sort((a, b) => a.level - b.level);
}

function fromTestingSections(doc: SpecDocument, flat: readonly Flat[], shell: readonly CodeBlock[]): Draft[] {
  const docTitle = doc.title ? plainHeading(doc.title.value) : undefined;
  const drafts: Draft[] = [];
  for (const b of shell) {
    // The document's own title is no section: "# Spec: Verify the free tier" says nothing about a block.
    const path =
      docTitle !== undefined && b.sectionPath[0] === docTitle ? b.sectionPath.slice(1) : b.sectionPath;
    if (!path.some((t) => TESTING_SECTION.test(t))) continue;
    const section = innermost(flat, b.range.start.offset);
    if (!section) continue;
    const last = drafts[drafts.length - 1];
    if (last && last.start === section.range.start.offset) {
      last.blocks.push(b);
      continue;
    }
    drafts.push({
      level: drafts.length + 1,
      title: section.plainTitle,
      line: section.headingRange.start.line,
      start: section.range.start.offset,
      end: section.range.end.offset,
      blocks: [b],
    });
  }
  return drafts;
}

export function extractValidation(doc: SpecDocument, opts: ExtractOptions = {}): VerifyPlan {
  const flat = flatten(doc.sections);
  const shell = doc.code.filter(isShell);
  const ignored: IgnoredLevel[] = [];
  const keep = (drafts: Draft[]): VerifyLevel[] => {
    const levels: VerifyLevel[] = [];
    for (const d of drafts) {
      const level = buildLevel(doc, d, opts, doc.code);
      const manual =
        level.commands.length > 0 && level.commands.every((c) => c.warnings.includes(PROSE_WARNING));
      if (level.commands.length && !manual) {
        levels.push(level);
        continue;
      }
      const reason = manual
        ? 'manual steps written in a shell block, not commands'
        : d.blocks.length
          ? 'its shell blocks hold only comments'
          : 'no shell code block';
      ignored.push({ level: d.level, title: d.title, line: d.line, reason });
    }
    return levels;
  };
  const levels = keep(fromLevelHeadings(doc, flat, shell));
  if (levels.length) return { source: 'levels', levels, ignored };
  const sections = keep(fromTestingSections(doc, flat, shell));
  return { source: 'sections', levels: sections, ignored };
}
