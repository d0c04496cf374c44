/**
 * Where `push issues` records the GitHub issue of a task, and how it is read back:
 *
 * - a task document: front matter `number:` and `url:` (and `closed_at:` once `pull` saw it closed)
 * - a phase item: an HTML comment at the end of its line, `<!-- issue: https://github.com/o/r/issues/45 -->`
 * - a blueprint task: a YAML comment at the end of its line, `# issue: https://github.com/o/r/issues/45`
 * - a spec: a metadata field `Issue: https://github.com/o/r/issues/40`
 *
 * A URL, not `#45`, so that the record never reads as a reference to a local task.
 * ` closed` after the URL says `pull issues` found the issue closed.
 */
import type { IssueLink } from './types.js';

const URL_PART = String.raw`(https?://\S+?/issues/(\d+))(\s+closed)?`;
const ITEM_RECORD = new RegExp(String.raw`[ \t]*<!--\s*issue:\s*${URL_PART}\s*-->`);
const YAML_RECORD = new RegExp(String.raw`[ \t]+#\s*issue:\s*${URL_PART}\s*$`);

export function itemRecordText(link: IssueLink): string {
  return `<!-- issue: ${link.url}${link.closed ? ' closed' : ''} -->`;
}

export function yamlRecordText(link: IssueLink): string {
  return `# issue: ${link.url}${link.closed ? ' closed' : ''}`;
}

export interface FoundRecord {
  link: IssueLink;
  /** Offsets of the record in the line, leading blanks included. */
  start: number;
  end: number;
}

/** The record at the end of a phase item line. */
export function findItemRecord(line: string): FoundRecord | undefined {
  return found(ITEM_RECORD.exec(line));
}

/** The record at the end of a blueprint `Task N - Name:` line. */
export function findYamlRecord(line: string): FoundRecord | undefined {
  return found(YAML_RECORD.exec(line));
}

function found(m: RegExpExecArray | null): FoundRecord | undefined {
  if (!m) return undefined;
  const link: IssueLink = { url: m[1] as string, number: Number(m[2]) };
  if (m[3]) link.closed = true;
  return { link, start: m.index, end: m.index + m[0].length };
}

/** An issue URL's repository and number: `https://github.com/o/r/issues/4` -> { repo: 'o/r', number: 4 }. */
export function parseIssueUrl(url: string): { repo: string; number: number } | undefined {
  const m = /^https?:\/\/[^/]+\/(?:repos\/)?([^/\s]+\/[^/\s]+)\/issues\/(\d+)\b/.exec(url);
  return m ? { repo: (m[1] as string).toLowerCase(), number: Number(m[2]) } : undefined;
}
