/**
 * Where a document says a file is created or modified: `CREATE src/x.ts`, `MODIFY path:`,
 * "Update `src/index.ts` for exports", and every backticked path under a "Files to Create/Modify"
 * heading. phantom-completion checks these claims on ticked items and in done documents;
 * dangling-reference leaves them alone (a file still to be created is not a broken reference).
 */
import type { Section, SpecDocument } from '../../model/types.js';
import { perDocument } from './memo.js';
import type { TextLine } from './text-lines.js';

/** Headings of sections that list files to create or modify. */
const FILES_HEADING =
  /\bfiles?\s+(?:to\s+(?:be\s+)?)?(?:creat|modif|chang|add|updat|edit|touch)|\b(?:new|modified|changed|created|updated|touched|affected)\s+files?\b/i;
/** PRP task-list keywords, upper case: `CREATE src/models/feature.py:`, `MODIFY \`src/router.py\``. */
const UPPER_VERB = /\b(?:CREATE|MODIFY|UPDATE|EDIT)\b:?[ \t]+(`[^`\n]+`|[^\s`,;]+)/g;
const UPPER_KEYWORD = /\b(?:CREATE|MODIFY|UPDATE|EDIT)\b/;
const KEYWORDS = ['CREATE', 'MODIFY', 'UPDATE', 'EDIT'];

/** A verb followed, within three words, by a backticked path: "Update `src/index.ts` for exports". */
const LOWER_VERB =
  /\b(?:creat(?:e|es|ed|ing)|modif(?:y|ies|ied|ying)|updat(?:e|es|ed|ing)|edit(?:s|ed|ing)?|add(?:s|ed|ing)?|writ(?:e|es|ten|ing)|wrote)\b(?:[ \t]+[\w-]+){0,3}?[ \t]+(`[^`\n]+`)/gi;
/** Wording that names a file being removed or renamed away, which should not exist. */
const REMOVAL =
  /\b(?:delet(?:e|es|ed|ing)|remov(?:e|es|ed|ing)|drop(?:s|ped)?|renam(?:e|es|ed|ing)|mov(?:e|es|ed|ing)|replac(?:e|es|ed|ing)|deprecat(?:e|es|ed|ing)|legacy|formerly)\b/i;

/** Offsets of the lines holding an upper-case CREATE/MODIFY/UPDATE/EDIT word (found with indexOf: most documents have none). */
export function keywordLines(text: string): number[] {
  const out: number[] = [];
  for (const word of KEYWORDS) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
      if (isWordChar(text.charCodeAt(at - 1)) || isWordChar(text.charCodeAt(at + word.length))) continue;
      out.push(text.lastIndexOf('\n', at) + 1);
    }
  }
  return out;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export interface FileClaim {
  /** The path as named, backticks and trailing punctuation removed. */
  path: string;
  start: number;
  end: number;
}

/** The [start, end] offsets of "Files to Create/Modify" sections, their subsections included. */
const filesSections = perDocument((doc: SpecDocument): Array<[number, number]> => {
  const out: Array<[number, number]> = [];
  const visit = (sections: readonly Section[]) => {
    for (const s of sections) {
      // A matching section covers its subsections: no need to look inside.
      if (/file/i.test(s.title) && FILES_HEADING.test(s.title))
        out.push([s.range.start.offset, s.range.end.offset]);
      else visit(s.children);
    }
  };
  visit(doc.sections);
  return out;
});

/** Whether an offset lies in a "Files to Create/Modify" section (or a subsection of one). */
export function inFilesSection(doc: SpecDocument, offset: number): boolean {
  return filesSections(doc).some(([start, end]) => offset >= start && offset <= end);
}

/** Whether a line talks about removing, renaming or replacing files. */
export function mentionsRemoval(line: string): boolean {
  return REMOVAL.test(line);
}

/** Whether a line may hold a verb claim: an upper-case keyword, or a backtick for the other form. */
export function mayClaim(line: string): boolean {
  return line.includes('`') || UPPER_KEYWORD.test(line);
}

/** Paths a line says are created or modified, by verb (`CREATE x`, "update `x`"). */
export function verbClaims(line: TextLine): FileClaim[] {
  if (!mayClaim(line.text)) return [];
  const out: FileClaim[] = [];
  for (const re of [UPPER_VERB, LOWER_VERB]) {
    re.lastIndex = 0;
    for (let m = re.exec(line.text); m; m = re.exec(line.text)) {
      const raw = m[1] as string;
      const at = m.index + m[0].length - raw.length;
      const claim = cleanPath(raw, line.start + at);
      if (claim && !out.some((c) => c.start === claim.start)) out.push(claim);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A claimed path without its backticks and trailing punctuation, with its offsets in the document. */
function cleanPath(raw: string, at: number): FileClaim | undefined {
  let start = at;
  let text = raw;
  if (text.startsWith('`')) {
    text = text.replace(/^`+\s?|\s?`+$/g, '');
    start = at + raw.indexOf(text);
  }
  text = text.replace(/[:,.;)]+$/, '');
  if (!text) return undefined;
  return { path: text, start, end: start + text.length };
}
