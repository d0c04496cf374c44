/**
 * One file's diagnostics as compact JSON in UTF-8 bytes, plus the counts a run needs without
 * unpacking it. A run over thousands of files keeps every result in this form and unpacks a
 * file's diagnostics only when a report reads them: one buffer per file instead of millions of
 * objects alive (less memory, far less garbage-collector work), and the same bytes are the
 * cache entry, so a warm run never decodes what it only passes through.
 */
import type { Severity } from '../model/types.js';
import { INTERNAL_RULE_ID } from './meta.js';
import type { Fix, LintDiagnostic } from './types.js';

/** [start, end, text] */
type PackedEdit = [number, number, string];
/**
 * [rule, messageId, severity, message, so, sl, sc, eo, el, ec, note, fix]: rule, messageId and note
 * are indexes into the string table, note -1 when absent.
 */
type PackedRow = [
  number,
  number,
  0 | 1 | 2,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  { e: PackedEdit[]; s: boolean; d: string }?,
];

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * Counts by severity (error, warning, info), then of those with a safe fix by severity, then of
 * those with an unsafe fix by severity.
 */
export type Counts = [number, number, number, number, number, number, number, number, number];

export interface Packed {
  /** UTF-8 JSON (bytes rather than a string: half the memory once a message holds a non-Latin-1 character). */
  data: Buffer;
  counts: Counts;
  /** Holds an `internal` diagnostic (a crash: never cached, it may be transient). */
  crashed: boolean;
}

export const EMPTY_PACKED: Packed = {
  data: Buffer.from('{"s":[],"d":[]}'),
  counts: [0, 0, 0, 0, 0, 0, 0, 0, 0],
  crashed: false,
};

export function pack(diagnostics: readonly LintDiagnostic[]): Packed {
  if (diagnostics.length === 0) return EMPTY_PACKED;
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  const counts: Counts = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  let crashed = false;
  const rows = diagnostics.map((x): PackedRow => {
    const sev = SEVERITIES.indexOf(x.severity) as 0 | 1 | 2;
    counts[sev] = (counts[sev] as number) + 1;
    if (x.fix) counts[(x.fix.safe ? 3 : 6) + sev] = (counts[(x.fix.safe ? 3 : 6) + sev] as number) + 1;
    if (x.ruleId === INTERNAL_RULE_ID) crashed = true;
    const { start: s, end: e } = x.range;
    const row: PackedRow = [
      ref(x.ruleId),
      ref(x.messageId),
      sev,
      x.message,
      s.offset,
      s.line,
      s.column,
      e.offset,
      e.line,
      e.column,
      x.note === undefined ? -1 : ref(x.note),
    ];
    if (x.fix)
      row.push({ e: x.fix.edits.map((y) => [y.start, y.end, y.text]), s: x.fix.safe, d: x.fix.description });
    return row;
  });
  return { data: Buffer.from(JSON.stringify({ s: strings, d: rows })), counts, crashed };
}

export function unpack(data: Uint8Array): LintDiagnostic[] {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  const { s: str, d: rows } = JSON.parse(text) as { s: string[]; d: PackedRow[] };
  return rows.map((t): LintDiagnostic => {
    const [rule, messageId, sev, message, so, sl, sc, eo, el, ec, note, fix] = t;
    const d: LintDiagnostic = {
      ruleId: str[rule] as string,
      messageId: str[messageId] as string,
      severity: SEVERITIES[sev] as Severity,
      message,
      range: { start: { offset: so, line: sl, column: sc }, end: { offset: eo, line: el, column: ec } },
    };
    if (note >= 0) d.note = str[note] as string;
    if (fix) {
      const f: Fix = {
        edits: fix.e.map(([start, end, text]) => ({ start, end, text })),
        safe: fix.s,
        description: fix.d,
      };
      d.fix = f;
    }
    return d;
  });
}

/**
 * A cursor over packed diagnostics that builds no objects: a report that only copies them out
 * (`check --format json` over 10,000 files) reads each row's fields in place, and copies the
 * message's JSON string literal byte for byte.
 */
export class PackedRows {
  /** The string table that rule, messageId and note index. */
  readonly strings: string[];
  rule = 0;
  messageId = 0;
  severity: 0 | 1 | 2 = 0;
  /** Where the message's JSON string literal lies in `bytes`, quotes included. */
  messageStart = 0;
  messageEnd = 0;
  /** offset, line and column of the start, then of the end. */
  readonly position = [0, 0, 0, 0, 0, 0];
  /** -1 when absent. */
  note = -1;
  fix: Fix | undefined;
  readonly bytes: Buffer;
  private at: number;

  constructor(data: Uint8Array) {
    this.bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    // pack() writes `{"s":[...],"d":[...]}`.
    const tableEnd = this.skipValue(5);
    this.strings = JSON.parse(this.bytes.toString('utf8', 5, tableEnd)) as string[];
    this.at = tableEnd + 6; // past `,"d":[`
  }

  /** Move to the next row; false after the last. */
  next(): boolean {
    const bytes = this.bytes;
    if (bytes[this.at] !== 91) return false; // `[`, else the closing `]}`
    this.at++;
    this.rule = this.integer();
    this.messageId = this.integer();
    this.severity = this.integer() as 0 | 1 | 2;
    this.messageStart = this.at;
    this.messageEnd = this.skipValue(this.at);
    this.at = this.messageEnd + 1;
    for (let k = 0; k < 6; k++) this.position[k] = this.integer();
    this.note = this.integer();
    this.fix = undefined;
    if (bytes[this.at - 1] === 44) {
      // `,{...}`: the fix, rare enough to parse the ordinary way.
      const end = this.skipValue(this.at);
      const fix = JSON.parse(bytes.toString('utf8', this.at, end)) as NonNullable<PackedRow[11]>;
      this.fix = {
        edits: fix.e.map(([start, end, text]) => ({ start, end, text })),
        safe: fix.s,
        description: fix.d,
      };
      this.at = end + 1;
    }
    // Past the row's `]` and the `,` before the next one.
    if (bytes[this.at] === 44) this.at++;
    return true;
  }

  /** A whole number (pack() writes no others), and the separator after it. */
  private integer(): number {
    const bytes = this.bytes;
    let i = this.at;
    const negative = bytes[i] === 45;
    if (negative) i++;
    let n = 0;
    for (let c = bytes[i] as number; c >= 48 && c <= 57; c = bytes[++i] as number) n = n * 10 + c - 48;
    this.at = i + 1;
    return negative ? -n : n;
  }

  /** The end of the JSON string, array or object that starts at `start`. */
  private skipValue(start: number): number {
    const bytes = this.bytes;
    let depth = 0;
    let i = start;
    for (;;) {
      const c = bytes[i];
      if (c === 34) {
        // A string: its closing quote is the first one with an even run of backslashes before it.
        let q = bytes.indexOf(34, i + 1);
        for (;;) {
          let slashes = 0;
          while (bytes[q - 1 - slashes] === 92) slashes++;
          if (slashes % 2 === 0) break;
          q = bytes.indexOf(34, q + 1);
        }
        i = q + 1;
        if (depth === 0) return i;
        continue;
      }
      if (c === 91 || c === 123) depth++;
      else if (c === 93 || c === 125) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
  }
}
