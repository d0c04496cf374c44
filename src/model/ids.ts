import type { IdKind } from './types.js';

/**
 * Requirement ids at the start of a list item, heading, bold label or first table cell:
 * FR1, FR1.1, NFR-001, C1, AC3, AD1, Q1, R1, D1, A1, REQ-PERF-01, Risk 1, Task 1, Test Case 1.
 */
// Sticky (`y`): matched where the caller points, with no slice of the line.
const PREFIXED =
  /(?:\*\*)?(NFR|FR|AC|AD|REQ-[A-Z]+|C|Q|R|D|A|N)-?(\d+(?:\.\d+)*)(?:\*\*)?(?=$|[\s:*).,\]|—–-])/y;
const WORDED = /(?:\*\*)?(Risk|Task|Test Case|Decision)\s+(\d+(?:\.\d+)*)(?:\*\*)?(?=$|[\s:*).,\]|—–-])/y;

const KIND_OF: Record<string, IdKind> = {
  FR: 'FR',
  NFR: 'NFR',
  AC: 'AC',
  AD: 'AD',
  C: 'C',
  Q: 'Q',
  R: 'R',
  D: 'D',
  A: 'A',
  N: 'NFR',
  Risk: 'Risk',
  Task: 'Task',
  'Test Case': 'TestCase',
  Decision: 'D',
};

export interface IdMatch {
  id: string;
  kind: IdKind;
  numbers: number[];
  start: number;
  end: number;
}

export function idAt(text: string, from: number): IdMatch | null {
  PREFIXED.lastIndex = from;
  let m = PREFIXED.exec(text);
  let worded = false;
  if (!m) {
    WORDED.lastIndex = from;
    m = WORDED.exec(text);
    worded = true;
  }
  if (!m) return null;
  const prefix = m[1] as string;
  const kind: IdKind = prefix.startsWith('REQ-') ? 'REQ' : (KIND_OF[prefix] as IdKind);
  const numberText = m[2] as string;
  const matched = m[0] as string;
  const prefixAt = matched.indexOf(prefix);
  const start = from + prefixAt;
  const raw = matched.slice(
    prefixAt,
    matched.indexOf(numberText, prefixAt + prefix.length) + numberText.length,
  );
  return {
    id: worded ? `${prefix} ${numberText}` : raw,
    kind,
    numbers: numberText.split('.').map(Number),
    start,
    end: start + raw.length,
  };
}
