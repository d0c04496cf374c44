import type { Finding, Rule } from './types.js';
import { quote } from './util/quote.js';
import { sectionList } from './util/sections.js';

/**
 * The heading outline: one title (a level-1 heading, or a front matter `title` for documents
 * that keep it there, like GitHub issue templates), and no skipped levels on the way down
 * (## followed by ####). Going back up any number of levels is fine.
 */
export const rule: Rule = {
  meta: {
    id: 'heading-structure',
    description: 'No level-1 heading or more than one; a heading that skips a level (## then ####).',
    rationale:
      'The outline is how readers, editors, tables of contents and tools navigate a spec and tell which ' +
      'section a line belongs to; a missing title or a skipped level puts content under the wrong parent.',
    severity: 'warning',
    fixable: false,
    tags: ['structure'],
    messages: {
      noTitle: 'the document has no title: no level-1 heading and no front matter title or name',
      extraTitle: 'a second level-1 heading "{title}": the title is "{first}" on line {line}',
      skippedLevel:
        'level {level} heading "{title}" follows a level {previous} heading: level {expected} is skipped',
    },
  },
  check(doc) {
    const findings: Finding[] = [];
    const headings = sectionList(doc).map((s) => s.section);
    // Issue templates keep the title in `title`, PRP templates in `name`.
    const fm = doc.frontMatter?.value;
    const hasFmTitle = [fm?.title, fm?.name].some((t) => typeof t === 'string' && t.trim() !== '');
    const titles = headings.filter((h) => h.level === 1);
    const first = titles[0];

    if (!first && !hasFmTitle) {
      const at = doc.frontMatter ? doc.frontMatter.range.end : doc.posAt(0);
      findings.push({
        messageId: 'noTitle',
        range: headings[0]?.headingRange ?? { start: at, end: at },
        note: 'Start the document with "# " and its name.',
      });
    }
    if (first) {
      for (const extra of titles.slice(1)) {
        findings.push({
          messageId: 'extraTitle',
          data: { title: quote(extra.title), first: quote(first.title), line: first.headingRange.start.line },
          range: extra.headingRange,
          note: 'Make it a level-2 heading, or split the file if it holds two documents.',
        });
      }
    }

    // A front matter title stands for the level-1 heading; otherwise the first heading sets the start.
    let previous: number | undefined = !first && hasFmTitle ? 1 : undefined;
    for (const h of headings) {
      if (previous !== undefined && h.level > previous + 1) {
        findings.push({
          messageId: 'skippedLevel',
          data: { level: h.level, title: quote(h.title), previous, expected: previous + 1 },
          range: h.headingRange,
          note: `Make it a level-${previous + 1} heading, or add the missing level above it.`,
        });
      }
      previous = h.level;
    }
    return findings;
  },
};
