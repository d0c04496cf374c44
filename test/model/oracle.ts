/**
 * The reference side of the differential test: the block facts a spec tool
 * needs, as markdown-it (the CommonMark reference, GFM tables built in) sees them,
 * and the same facts from our scanner, in one comparable shape.
 */
import { Parser } from 'commonmark';
import MarkdownIt from 'markdown-it';
import { scanBlocks } from '../../src/model/scan.js';

export interface BlockFacts {
  headings: string[];
  fences: string[];
  tasks: string[];
  tables: string[];
}

const md = new MarkdownIt({ html: true });
const TASK = /^\[([ xX])\](?=[ \t]|$)/;

/** markdown-it does not know front matter: blank it out (keeping line numbers) before handing it over. */
function withoutFrontMatter(text: string): string {
  const scan = scanBlocks(text);
  if (scan.frontMatterEnd < 0) return text;
  const cut = scan.lineEnds[scan.frontMatterEnd] as number;
  return text.slice(0, cut).replace(/[^\n]/g, '') + text.slice(cut);
}

export function referenceFacts(text: string): BlockFacts {
  const tokens = md.parse(withoutFrontMatter(text), {});
  const facts: BlockFacts = { headings: [], fences: [], tasks: [], tables: [] };
  let listDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.type === 'heading_open') {
      const inline = tokens[i + 1];
      facts.headings.push(`${t.map?.[0]}:h${t.tag.slice(1)}:${normalizeLines(inline?.content ?? '')}`);
    } else if (t.type === 'fence') {
      const lang = t.info.trim().split(/\s+/)[0] ?? '';
      facts.fences.push(`${t.map?.[0]}-${(t.map?.[1] ?? 0) - 1}:${lang}`);
    } else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') listDepth++;
    else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') listDepth--;
    else if (t.type === 'list_item_open') {
      const para = tokens[i + 1];
      const inline = tokens[i + 2];
      if (para?.type === 'paragraph_open' && inline?.type === 'inline' && para.map?.[0] === t.map?.[0]) {
        const m = TASK.exec(inline.content);
        if (m) facts.tasks.push(`${t.map?.[0]}:${m[1] === ' ' ? ' ' : 'x'}:d${listDepth - 1}`);
      }
    } else if (t.type === 'table_open') facts.tables.push(`${t.map?.[0]}-${t.map?.[1]}`);
  }
  return facts;
}

export function scannerFacts(text: string): BlockFacts {
  const scan = scanBlocks(text);
  return {
    headings: scan.headings.map((h) => {
      // A multi-line setext heading: compare its lines without their container prefixes.
      const raw = text.slice(h.textStart, h.textEnd);
      const content = h.setext ? normalizeLines(raw.replace(/^[ \t>]*/gm, '')) : raw;
      return `${h.line}:h${h.level}:${content}`;
    }),
    fences: scan.fences.map((f) => `${f.line}-${f.endLine}:${f.info.split(/\s+/)[0] ?? ''}`),
    tasks: scan.items
      .filter((it) => it.task >= 0)
      .map((it) => `${it.line}:${it.task ? 'x' : ' '}:d${it.depth}`),
    tables: scan.tables.map((t) => `${t.startLine}-${t.endLine}`),
  };
}

function normalizeLines(s: string): string {
  return s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .join('\n');
}

/**
 * The second referee, commonmark.js (the CommonMark reference implementation; no GFM tables): used
 * only where markdown-it and the scanner disagree, to show the scanner follows CommonMark there.
 * Compares heading lines and levels, fence line ranges and task items; not tables.
 */
export function commonmarkFacts(text: string): Omit<BlockFacts, 'tables'> {
  const lines = text.split(/\r?\n/);
  const doc = new Parser().parse(text);
  const facts = { headings: [] as string[], fences: [] as string[], tasks: [] as string[] };
  const walker = doc.walker();
  for (let e = walker.next(); e; e = walker.next()) {
    const node = e.node;
    if (!e.entering || !node.sourcepos) continue;
    const [[startLine, startCol], [endLine]] = node.sourcepos;
    if (node.type === 'heading') facts.headings.push(`${startLine - 1}:h${node.level}`);
    // commonmark.js keeps "fenced or indented" only in the internal `_isFenced` field; it has no public getter.
    else if (node.type === 'code_block' && (node as unknown as { _isFenced: boolean })._isFenced) {
      const lang = (node.info ?? '').trim().split(/\s+/)[0] ?? '';
      facts.fences.push(`${startLine - 1}-${endLine - 1}:${lang}`);
    } else if (node.type === 'item') {
      const para = node.firstChild;
      if (para?.type !== 'paragraph' || !para.sourcepos || para.sourcepos[0][0] !== startLine) continue;
      const rest = (lines[startLine - 1] ?? '').slice(para.sourcepos[0][1] - 1);
      const m = TASK.exec(rest);
      let depth = -1;
      for (let p = node.parent; p; p = p.parent) if (p.type === 'list') depth++;
      if (m) facts.tasks.push(`${startLine - 1}:${m[1] === ' ' ? ' ' : 'x'}:d${depth}`);
      void startCol;
    }
  }
  return facts;
}

export function withoutText(facts: BlockFacts): Omit<BlockFacts, 'tables'> {
  return {
    headings: facts.headings.map((h) => h.replace(/^(\d+:h\d):.*$/s, '$1')),
    fences: facts.fences,
    tasks: facts.tasks,
  };
}
