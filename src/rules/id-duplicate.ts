import type { Finding, Rule } from './types.js';
import { type IdOccurrence, idDefinitions } from './util/id-definitions.js';

/**
 * A requirement id (FR/NFR/C/AC/AD/Q/R/D/A/REQ, Risk N, Task N, Test Case N) defined twice in one
 * document. Repetitions that only point back at a definition (a traceability table, a checklist
 * line naming a task heading) are not definitions: see util/id-definitions.ts.
 */
export const rule: Rule = {
  meta: {
    id: 'id-duplicate',
    description: 'A requirement, criterion, task or test case id is defined twice in the same document.',
    rationale:
      'Ids are how reviews, tasks, tests and commits point at a requirement; an id that names two ' +
      'different things makes every such reference ambiguous.',
    severity: 'error',
    fixable: false,
    tags: ['ids'],
    messages: {
      duplicate: '{id} is defined twice: it was already defined on line {line}',
    },
  },
  check(doc) {
    if (doc.ids.length < 2) return [];
    const findings: Finding[] = [];
    const first = new Map<string, IdOccurrence>();
    for (const o of idDefinitions(doc).definitions) {
      const k = `${o.scope}\u0000${o.key}`;
      const earlier = first.get(k);
      if (!earlier) {
        first.set(k, o);
        continue;
      }
      findings.push({
        messageId: 'duplicate',
        data: { id: o.def.id, line: earlier.def.range.start.line },
        range: o.def.range,
        note: 'Give one of them the next free number, or merge the two if they say the same thing.',
      });
    }
    return findings;
  },
};
