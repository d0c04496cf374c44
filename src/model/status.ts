import { memoString } from './memo.js';
import { repairMojibake } from './mojibake.js';
import type { StatusState } from './types.js';

/**
 * Status words as real documents write them, by canonical state. The earliest
 * word in the text decides ("Implementation Complete (Testing Pending)" is
 * complete; "📋 Planned - Blocked by P5" is planned). Order inside a state
 * matters only for overlapping phrases: longer first.
 */
const VOCABULARY: Array<[StatusState, string[]]> = [
  [
    'archived',
    [
      'archived',
      'superseded',
      'obsolete',
      'cancelled',
      'canceled',
      'abandoned',
      'rejected',
      'withdrawn',
      'not applicable',
      "won't do",
      'wontfix',
    ],
  ],
  ['implemented', ['implemented', 'shipped', 'released', 'deployed', 'merged', 'live']],
  ['complete', ['completed', 'complete', 'done', 'finished', 'closed', 'resolved', 'accepted']],
  ['blocked', ['blocked', 'on hold', 'on-hold', 'paused', 'waiting', 'stalled']],
  [
    'in-progress',
    [
      'in progress',
      'in-progress',
      'in_progress',
      'wip',
      'implementing',
      'started',
      'ongoing',
      'underway',
      'active',
      'testing',
      'in review',
      'review',
      'doing',
    ],
  ],
  [
    'planned',
    [
      'not started',
      'not-started',
      'planned',
      'planning',
      'ready',
      'approved',
      'scheduled',
      'todo',
      'to do',
      'open',
      'backlog',
      'unprocessed',
      'pending',
      'new',
    ],
  ],
  ['draft', ['draft', 'proposed', 'proposal', 'idea', 'rfc', 'research', 'exploring', 'discovery']],
];

/** When the text names no state, the emoji may. */
const EMOJI_STATES: Array<[string, StatusState]> = [
  ['✅', 'complete'],
  ['✔', 'complete'],
  ['🚧', 'in-progress'],
  ['🔄', 'in-progress'],
  ['📋', 'planned'],
  ['🔲', 'planned'],
  ['⏸', 'blocked'],
  ['🚫', 'blocked'],
  ['⛔', 'blocked'],
  ['📦', 'archived'],
  ['❌', 'archived'],
  ['📝', 'draft'],
];

/**
 * Every status word in one pattern, in vocabulary order: at the leftmost place any word matches,
 * the alternation takes the first word of the vocabulary that matches there, which decides ties.
 */
const WORDS = VOCABULARY.flatMap(([state, words]) => words.map((word) => ({ word, state })));
const STATE_OF_WORD = new Map(WORDS.map(({ word, state }) => [word.toLowerCase(), state]));
const ANY_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${WORDS.map(({ word }) => escapeRegExp(word)).join('|')})(?![\\p{L}\\p{N}])`,
  'iu',
);

// Alternation, not a character class: joiners and selectors are combining characters.
const EMOJI = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|\u{20E3}|[\u{1F3FB}-\u{1F3FF}]/gu;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Remove emoji and the markup around a status value, for matching. */
export function plainStatus(raw: string): string {
  return repairMojibake(raw)
    .replace(EMOJI, ' ')
    .replace(/[*_`>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface CanonicalStatus {
  state: StatusState | null;
  /** The value is a template's unfilled choice list. */
  unset: boolean;
}

/** The first state a text names, or null. */
function firstStateIn(text: string): StatusState | null {
  const m = ANY_WORD.exec(text);
  return m ? (STATE_OF_WORD.get(m[0].toLowerCase()) ?? null) : null;
}

/**
 * The canonical state of a status value. Text wins over emoji (`🔲 IN PROGRESS`
 * is in progress); a choice list of two or more states (`Draft | In Progress |
 * Complete`, `[Planning | Testing]`, `🔲 A / 🚧 B / ✅ C`) is "not set".
 */
export const canonicalStatus: (raw: string) => CanonicalStatus = memoString(computeCanonicalStatus);

function computeCanonicalStatus(raw: string): CanonicalStatus {
  const repaired = repairMojibake(raw);
  const plain = plainStatus(repaired);
  const alternatives = plain.split(/\s*(?:\||\s\/\s)\s*/).filter((p) => p.replace(/[[\]]/g, '').trim());
  if (alternatives.length >= 2) {
    const named = alternatives.filter((a) => firstStateIn(a) !== null).length;
    if (named >= 2) return { state: null, unset: true };
  }
  if (/^\[.*\]$/.test(plain)) return { state: null, unset: true };
  const state = firstStateIn(plain);
  if (state) return { state, unset: false };
  for (const [emoji, state] of EMOJI_STATES) if (repaired.includes(emoji)) return { state, unset: false };
  return { state: null, unset: false };
}

/** Folders that say a document's state when it has no status line (`specs/archive/x/prd.md`). */
const FOLDER_STATES: Array<[RegExp, StatusState]> = [
  [/^(?:archive|archived)$/i, 'archived'],
  [/^implemented$/i, 'implemented'],
  [/^(?:completed|complete|done|finished)$/i, 'complete'],
  [/^(?:not-started|not_started|todo|backlog|planned)$/i, 'planned'],
  [/^(?:in-progress|in_progress|wip)$/i, 'in-progress'],
  [/^(?:drafts?|proposals?|ideas?)$/i, 'draft'],
  [/^blocked$/i, 'blocked'],
];

/** The state the nearest telling folder gives, or null. */
export function folderStatus(path: string): { state: StatusState; folder: string } | null {
  const parts = path.split(/[\\/]/).slice(0, -1).reverse();
  for (const folder of parts) {
    for (const [re, state] of FOLDER_STATES) if (re.test(folder)) return { state, folder };
  }
  return null;
}
