import type { Rule } from './types.js';

/** Every built-in rule, in docs order. Each lives in its own module, src/rules/<id>.ts. */
export const RULES: readonly Rule[] = [];
