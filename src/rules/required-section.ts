import type { Range, SpecDocument } from '../model/types.js';
import { plainHeading, type RequiredSection } from '../templates/index.js';
import type { Finding, Rule } from './types.js';
import { stringList } from './util/options.js';
import { type SectionInfo, sectionList } from './util/sections.js';
import { requiredSectionsFor, templateFileFor } from './util/template-file.js';

/**
 * A section the document's template file requires (its level-2 and level-3 headings, minus the
 * schema's optionalSections and "(if ...)" headings) is missing. A missing section whose parent
 * is missing too is counted under the parent, not reported again.
 */
export const rule: Rule = {
  meta: {
    id: 'required-section',
    description: "A section the kind's template requires is missing.",
    rationale:
      'Readers, reviewers and agents look for a spec\'s parts by name; a spec without "Acceptance Criteria" ' +
      'or "Rollback Plan" has not answered that question, and tools that read those sections find nothing.',
    severity: 'warning',
    fixable: false,
    tags: ['structure', 'template'],
    messages: {
      missing: 'missing section "{section}" required by the {kind} template',
      missingWithSubsections:
        'missing section "{section}" and its {count} subsections, required by the {kind} template',
    },
  },
  check(doc, ctx) {
    const template = ctx.template;
    if (!template) return [];
    const extraOptional = new Set(stringList(ctx.options, 'optional').map(plainHeading));
    const required = requiredSectionsFor(doc, template).filter(
      (r) => !extraOptional.has(r.plain) && !r.parents.some((p) => extraOptional.has(p)),
    );
    if (required.length === 0) return [];
    const present = sectionList(doc);
    const found = required.map((r) => present.find((s) => matches(s, r)));

    const findings: Finding[] = [];
    const missingPlain = new Set<string>();
    required.forEach((r, i) => {
      if (found[i]) return;
      // Reported with its missing parent.
      if (r.parents.some((p) => missingPlain.has(p))) return;
      missingPlain.add(r.plain);
      const below = required.filter((c, j) => !found[j] && c.parents.includes(r.plain)).length;
      const file = templateFileFor(doc, template);
      findings.push({
        messageId: below > 0 ? 'missingWithSubsections' : 'missing',
        data: { section: r.title, kind: template.kind, count: below },
        range: anchor(doc, found.slice(i + 1)),
        note:
          `The ${template.kind} template (${file.template}, line ${r.line}) has "${'#'.repeat(r.level)} ${r.title}"` +
          (r.parents.length ? ` under "${r.parents[r.parents.length - 1]}"` : '') +
          '. Add it (write "None" or "Not applicable" when nothing applies), or list it in the rule\'s `optional` option.',
      });
    });
    return findings;
  },
};

function matches(s: SectionInfo, r: RequiredSection): boolean {
  if (r.match === 'exact') return s.key === r.plain;
  return s.key.startsWith(r.plain) && !/[\p{L}\p{N}]/u.test(s.key[r.plain.length] ?? '');
}

/**
 * Where the missing section belongs: on the heading of the next required section that is present
 * (it goes just before it), else at the end of the document's last line.
 */
function anchor(doc: SpecDocument, later: ReadonlyArray<SectionInfo | undefined>): Range {
  const next = later.find((s) => s !== undefined);
  if (next) return next.section.headingRange;
  const end = doc.posAt(doc.text.trimEnd().length);
  return { start: end, end };
}
