import { rule as checkboxFormat } from './checkbox-format.js';
import { rule as confidenceScore } from './confidence-score.js';
import { rule as danglingReference } from './dangling-reference.js';
import { rule as dateFormat } from './date-format.js';
import { rule as dateOrder } from './date-order.js';
import { rule as emptySection } from './empty-section.js';
import { rule as headingStructure } from './heading-structure.js';
import { rule as idDuplicate } from './id-duplicate.js';
import { rule as idSequence } from './id-sequence.js';
import { rule as locationMissing } from './location-missing.js';
import { rule as measurableCriteria } from './measurable-criteria.js';
import { rule as mojibake } from './mojibake.js';
import { rule as phantomCompletion } from './phantom-completion.js';
import { rule as phaseOrder } from './phase-order.js';
import { rule as placeholder } from './placeholder.js';
import { rule as requiredSection } from './required-section.js';
import { rule as statusConsistency } from './status-consistency.js';
import { rule as statusValue } from './status-value.js';
import { rule as taskFrontmatter } from './task-frontmatter.js';
import type { Rule } from './types.js';
import { rule as yamlBlock } from './yaml-block.js';

/** Every built-in rule, in docs order. Each lives in its own module, src/rules/<id>.ts. */
export const RULES: readonly Rule[] = [
  placeholder,
  requiredSection,
  emptySection,
  statusValue,
  statusConsistency,
  phaseOrder,
  dateFormat,
  dateOrder,
  idDuplicate,
  idSequence,
  danglingReference,
  locationMissing,
  yamlBlock,
  taskFrontmatter,
  confidenceScore,
  mojibake,
  checkboxFormat,
  headingStructure,
  measurableCriteria,
  phantomCompletion,
];
