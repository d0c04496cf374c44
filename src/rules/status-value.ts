import { repairMojibake } from '../model/mojibake.js';
import type { Status } from '../model/types.js';
import { formatStatus, type StatusValue } from '../templates/index.js';
import type { Finding, Rule, RuleContext } from './types.js';
import { quote } from './util/quote.js';

/** One emoji with its modifiers and joiners (✅, ⚙️, 👩‍💻). */
const EMOJI_SEQ =
  '(?:\\p{Extended_Pictographic}|[\\u{1F1E6}-\\u{1F1FF}])(?:\\u{FE0F}|\\u{20E3}|[\\u{1F3FB}-\\u{1F3FF}]|\\u{200D}\\p{Extended_Pictographic})*';
const EMOJI_ONLY = new RegExp(`^\\s*(${EMOJI_SEQ})\\s*$`, 'u');

/** Where a written status's parts sit in the raw value (offsets), matched against one vocabulary value. */
interface Written {
  value: StatusValue;
  /** Leading emoji with the spaces after them ("✅ "), possibly empty. */
  lead: [number, number];
  /** The value's words ("in progress"). */
  words: [number, number];
  /** Emoji after the words (" ✅"), possibly empty. */
  trail: [number, number];
}

/**
 * The document status checked against the kind's vocabulary (template.yaml `status.values`):
 * an unfilled choice list, a value the vocabulary does not have, or a known value written
 * differently (case, emoji missing or wrong, spacing), which is fixed safely.
 */
export const rule: Rule = {
  meta: {
    id: 'status-value',
    description: "The status is not one of the kind's values, or is still the template's choice list.",
    rationale:
      'Status drives everything downstream: progress reports, lifecycle moves, done checks. A value ' +
      'outside the vocabulary is read by guesswork, and a choice list means nobody decided.',
    severity: 'error',
    fixable: true,
    tags: ['status', 'template'],
    messages: {
      unset: 'status is still the choice list "{value}": pick one of {values}',
      unknown: 'status "{value}" is not in the {kind} vocabulary: {values}',
      notFormatted: 'status "{value}" should be written "{expected}"',
    },
  },
  check(doc, ctx) {
    const status = doc.status;
    const template = ctx.template;
    if (!template || !status || status.source === 'folder') return [];
    const raw = doc.text.slice(status.range.start.offset, status.range.end.offset);
    // Unfilled variables and mis-decoded text belong to the placeholder and mojibake rules.
    if (!raw.trim() || /^\s*\{\{?[^{}]*\}\}?\s*$/.test(raw) || repairMojibake(raw) !== raw) return [];
    const values = template.schema.status.values;
    const listed = values.map((v) => `"${formatStatus(v)}"`).join(', ');

    // A bracketed hint (`[Current state in 1-2 sentences]`) is a placeholder, reported by that rule.
    const hint = doc.placeholders.some(
      (p) =>
        p.range.start.offset <= status.range.start.offset + raw.search(/\S/) &&
        p.range.end.offset >= status.range.start.offset + raw.trimEnd().length,
    );
    if (hint) return [];

    if (status.unset) {
      return [
        {
          messageId: 'unset',
          data: { value: quote(raw), values: listed },
          range: status.range,
          note: 'Keep the one value that is true now.',
        },
      ];
    }

    const written = findWritten(raw, values);
    if (written) {
      const edits = formatEdits(raw, written);
      if (edits.length === 0) return [];
      const at = status.range.start.offset;
      const was = raw.slice(written.lead[0], Math.max(written.words[1], written.trail[1]));
      const expected = formatStatus(written.value);
      return [
        {
          messageId: 'notFormatted',
          data: { value: was.trim(), expected },
          range: status.range,
          fix: {
            edits: edits.map((e) => ({ start: at + e.start, end: at + e.end, text: e.text })),
            safe: true,
            description: `write "${was.trim()}" as "${expected}"`,
          },
        },
      ];
    }

    return [unknown(raw, status, values, listed, ctx)];
  },
};

/**
 * The vocabulary value the status starts with, ignoring case, spacing, dashes, emoji and emphasis
 * around the words (`**Implemented**`); trailing prose is allowed. The longest match wins.
 */
function findWritten(raw: string, values: readonly StatusValue[]): Written | undefined {
  let best: Written | undefined;
  for (const value of values) {
    const re = patternOf(value);
    if (!re) continue;
    const m = re.exec(raw);
    if (!m) continue;
    const [, pre = '', lead = '', open = '', text = '', close = ''] = m;
    const leadStart = pre.length;
    const wordsStart = leadStart + lead.length + open.length;
    const trailStart = wordsStart + text.length + close.length;
    const candidate: Written = {
      value,
      lead: [leadStart, leadStart + lead.length],
      words: [wordsStart, wordsStart + text.length],
      trail: [trailStart, trailStart + (m[6] ?? '').length],
    };
    if (!best || text.length > best.words[1] - best.words[0]) best = candidate;
  }
  return best;
}

const patterns = new WeakMap<StatusValue, RegExp | null>();

/** The pattern that finds a vocabulary value at the start of a written status (compiled once per value). */
function patternOf(value: StatusValue): RegExp | null {
  let re = patterns.get(value);
  if (re !== undefined) return re;
  const words = value.value
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  re =
    words.length === 0
      ? null
      : new RegExp(
          `^([\\s*_\`]*?)((?:${EMOJI_SEQ}[ \\t]*)*)([*_\`]*)(${words.join('[\\s_-]*')})(?![\\p{L}\\p{N}])([*_\`]*)((?:[ \\t]*${EMOJI_SEQ})*)`,
          'iu',
        );
  patterns.set(value, re);
  return re;
}

/** The edits that write a matched status exactly as the vocabulary does; none when it already is. */
function formatEdits(raw: string, w: Written): Array<{ start: number; end: number; text: string }> {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const noSelector = (s: string) => s.replace(/\uFE0F/g, '');
  const wantLead = w.value.emoji ? `${w.value.emoji} ` : '';
  if (noSelector(raw.slice(...w.lead)) !== noSelector(wantLead))
    edits.push({ start: w.lead[0], end: w.lead[1], text: wantLead });
  if (raw.slice(...w.words) !== w.value.value)
    edits.push({ start: w.words[0], end: w.words[1], text: w.value.value });
  if (w.trail[1] > w.trail[0]) edits.push({ start: w.trail[0], end: w.trail[1], text: '' });
  return edits;
}

/** A status the vocabulary does not have; an unsafe suggestion when one value fits its meaning. */
function unknown(
  raw: string,
  status: Status,
  values: readonly StatusValue[],
  listed: string,
  ctx: RuleContext,
): Finding {
  const finding: Finding = {
    messageId: 'unknown',
    data: { value: quote(raw), kind: ctx.template?.kind ?? 'unknown', values: listed },
    range: status.range,
    note: `Use one of ${listed}; other kinds' words are read differently by progress and lifecycle.`,
  };
  // The same state (a synonym: "Done" for "Complete"), or the same emoji alone ("✅").
  const emoji = EMOJI_ONLY.exec(raw)?.[1]?.replace(/\uFE0F/g, '');
  const candidates = emoji
    ? values.filter((v) => v.emoji?.replace(/\uFE0F/g, '') === emoji)
    : values.filter((v) => v.state === status.state);
  // Only a bare word or two: a value with prose after it ("Done, see PR #38") keeps its prose.
  const short =
    emoji !== undefined || /^(?:[\p{L}\p{N} *_\s-]|\p{Extended_Pictographic}|\uFE0F){1,40}$/u.test(raw);
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only && short) {
    const expected = formatStatus(only);
    const start = raw.length - raw.trimStart().length;
    const end = raw.trimEnd().length;
    finding.fix = replaceFix(status, start, end, expected, raw.slice(start, end), false);
  }
  return finding;
}

function replaceFix(status: Status, start: number, end: number, text: string, was: string, safe: boolean) {
  const at = status.range.start.offset;
  return {
    edits: [{ start: at + start, end: at + end, text }],
    safe,
    description: `replace "${was}" with "${text}"`,
  };
}
