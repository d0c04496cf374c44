/**
 * Mojibake detection and repair.
 *
 * Mojibake here means UTF-8 text whose bytes were once decoded with a legacy
 * single-byte code page (Windows-1252 or Mac Roman) and saved again as UTF-8:
 * `✅` (E2 9C 85) becomes `âœ…`, `🎯` (F0 9F 8E AF) becomes `\uF8FFüéØ`. To
 * repair it, we map each damaged character back to its code-page byte and
 * decode those bytes as UTF-8 again.
 *
 * Heuristic (what is reported and what is not):
 * - Only byte sequences that form a valid multi-byte UTF-8 sequence count
 *   (lead 0xC2–0xF4, the right number of 0x80–0xBF continuations, no overlong
 *   forms or surrogates), and the decoded character must be assigned, not a
 *   control, not private use and not a noncharacter. A lone `é`, `—` or `“`
 *   never forms such a sequence, so genuine text is left alone.
 * - 3- and 4-byte sequences (emoji, box drawing, CJK, `—` `“` `’`) are strong
 *   evidence and always repaired: genuine text essentially never has a
 *   lowercase accented letter followed by exactly the right two or three
 *   code-page characters. The exception is punctuation that follows a word
 *   (French `là\u00a0»` reads as E0 A0 BB): a sequence whose continuations
 *   are all such punctuation is weak (see below) unless its lead is `â`.
 * - 2-byte sequences are riskier (`É”`, `ß“`, `—à` are real text). They are
 *   strong only when the lead byte is 0xC2/0xC3 (`Ã©`, `Â©`, Mac `√©`: the
 *   Latin-1 letters every mojibake'd European file is full of; weak when the
 *   continuation is word-final punctuation, as in `IRMÃ”`), when the
 *   continuation is a C1 control (U+0080–U+009F, never in genuine text), or
 *   when the result is a combining diacritic (U+0300–U+036F, decomposed
 *   accents) following a letter. Any other 2-byte sequence is weak: its result must be Latin
 *   Extended, Greek, Cyrillic, Armenian, Hebrew or Arabic (U+0100–U+024F,
 *   U+0370–U+06FF), and it is repaired only when it sits next to another
 *   repaired sequence (`Ð¿Ñ€Ð¸` → `при`) or when the same document holds strong
 *   evidence of mojibake in the same code page. Mac `√` followed by a maths
 *   symbol (`√π`, `√∂`) is weak unless it follows a letter (`o√π` → `où`).
 * - Adjacent sequences merge into one run (`â”œâ”€â”€` → `├──`). A run's code
 *   page is the reading that covers more characters; on a tie, the code page
 *   the rest of the document shows, then the one with more strong sequences,
 *   then Windows-1252. Windows-1252's five undefined bytes
 *   (0x81 0x8D 0x8F 0x90 0x9D) are read as the C1 controls a decoder leaves
 *   for them, and every C1 control is accepted too (ISO-8859-1 decoding). Two
 *   common losses are recovered: VS16 `ï¸` whose third byte (0x8F) was
 *   dropped after a repaired emoji, and Mac Roman `üéØ` whose lead byte (the
 *   Apple logo U+F8FF) was dropped, the latter only in documents that already
 *   show Mac Roman damage and only when the result is an emoji.
 */

export type MojibakeEncoding = 'windows-1252' | 'mac-roman';

export interface MojibakeRun {
  /** Offset of the damaged text, in UTF-16 code units, inclusive. */
  start: number;
  /** Offset just past the damaged text, exclusive. */
  end: number;
  /** The damaged text, `text.slice(start, end)`. */
  original: string;
  /** What it should read. */
  repaired: string;
  /** The code page the UTF-8 bytes were wrongly decoded with. */
  encoding: MojibakeEncoding;
}

/** Windows-1252 bytes 0x80–0x9F; the undefined bytes are the C1 controls decoders leave for them. */
const WINDOWS_1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Mac OS Roman bytes 0x80–0xFF (Apple's mapping, with the euro sign at 0xDB). */
const MAC_ROMAN_80_FF =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü' + // 0x80–0x9F
  '†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' + // 0xA0–0xBF
  '¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ' + // 0xC0–0xDF
  '‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ'; // 0xE0–0xFF

interface Codec {
  name: MojibakeEncoding;
  /** char code → byte 0x80–0xFF, or 0 when the character is not a high byte of this code page. */
  bytes: Uint8Array;
}

function reverseTable(high: string, firstByte: number): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < high.length; i++) table[high.charCodeAt(i)] = firstByte + i;
  return table;
}

const WINDOWS_1252: Codec = (() => {
  let high = WINDOWS_1252_80_9F;
  for (let c = 0xa0; c <= 0xff; c++) high += String.fromCharCode(c);
  const bytes = reverseTable(high, 0x80);
  // ISO-8859-1 reading of 0x80–0x9F: every C1 control stands for its own byte.
  for (let c = 0x80; c <= 0x9f; c++) bytes[c] = c;
  return { name: 'windows-1252', bytes };
})();

const MAC_ROMAN: Codec = { name: 'mac-roman', bytes: reverseTable(MAC_ROMAN_80_FF, 0x80) };

/**
 * A character class covering (as a superset) every character whose byte, in
 * either code page, lies in [lo, hi]. Nearby code points are merged into
 * ranges: a few plain ranges keep the regex scan fast, and the exact check is
 * done afterwards with the tables.
 */
function classFor(lo: number, hi: number): string {
  const codes: number[] = [];
  for (let c = 0x80; c < 0x10000; c++) {
    const w = WINDOWS_1252.bytes[c] ?? 0;
    const m = MAC_ROMAN.bytes[c] ?? 0;
    if ((w >= lo && w <= hi) || (m >= lo && m <= hi)) codes.push(c);
  }
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  const parts: string[] = [];
  let from = codes[0] ?? 0;
  let to = from;
  for (const c of codes.slice(1)) {
    if (c - to <= 128) {
      to = c;
      continue;
    }
    parts.push(from === to ? hex(from) : `${hex(from)}-${hex(to)}`);
    from = to = c;
  }
  parts.push(from === to ? hex(from) : `${hex(from)}-${hex(to)}`);
  return `[${parts.join('')}]`;
}

/**
 * A possible lead character followed by a possible continuation character, in either code page.
 * Built on first use: building it walks 65,536 code points twice, and `list` never needs it.
 */
let candidate: RegExp | undefined;

/** Decoded characters that can never be the intended text. */
const IMPOSSIBLE = /^[\p{Cn}\p{Co}\p{Cs}\p{Cc}]/u;
const LETTER = /^\p{L}/u;
/** Mac Roman continuation characters that are maths symbols: `√π` may be genuine. */
const MAC_MATHS = new Set('∂∑∏π∫Ω≤≥≠∞±µ°'.split('').map((c) => c.charCodeAt(0)));

/**
 * Punctuation that genuinely follows a word (`voilà\u00a0»`, `café…”`, `IRMÃ”`). A sequence whose
 * continuation characters are all from this set is weak, unless its lead is `â` (0xE2, the lead of
 * every dash, quote, arrow and box-drawing character: `â•”` is `╔`).
 */
const AFTER_WORD = new Set('\u00a0«»“”‘’…–—•™°‹›·'.split('').map((c) => c.charCodeAt(0)));

const APPLE_LOGO = 0xf8ff;

/** strong: repair on its own; weak: repair next to others or with evidence; guess: repair only with evidence. */
type Strength = 'strong' | 'weak' | 'guess';

interface Chain {
  codec: Codec;
  start: number;
  end: number;
  repaired: string;
  count: number;
  strong: number;
  /** Sequences that may only be repaired when the document shows strong evidence. */
  guesses: number;
}

function byteAt(codec: Codec, text: string, i: number): number {
  // charCodeAt past the end is NaN, which indexes to undefined.
  return codec.bytes[text.charCodeAt(i)] ?? 0;
}

function isCont(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}

/** Decode one UTF-8 sequence at `i` read through `codec`; returns [end, codePoint, strength] or undefined. */
function readSequence(text: string, i: number, codec: Codec): [number, number, Strength] | undefined {
  const b0 = byteAt(codec, text, i);
  if (b0 < 0xc2 || b0 > 0xf4) {
    // Mac Roman 4-byte emoji whose Apple-logo lead (F0) was dropped: `üéØ` for F0 9F 8E AF.
    if (codec === MAC_ROMAN && b0 === 0x9f && text.charCodeAt(i - 1) !== APPLE_LOGO) {
      const b2 = byteAt(codec, text, i + 1);
      const b3 = byteAt(codec, text, i + 2);
      if (!isCont(b2) || !isCont(b3)) return undefined;
      const cp = 0x1f000 | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
      if (cp < 0x1f300 || cp > 0x1faff || IMPOSSIBLE.test(String.fromCodePoint(cp))) return undefined;
      return [i + 3, cp, 'guess'];
    }
    return undefined;
  }
  const n = b0 < 0xe0 ? 1 : b0 < 0xf0 ? 2 : 3;
  let cp = b0 & (n === 1 ? 0x1f : n === 2 ? 0x0f : 0x07);
  for (let k = 1; k <= n; k++) {
    const b = byteAt(codec, text, i + k);
    if (!isCont(b)) return undefined;
    if (
      k === 1 &&
      ((b0 === 0xe0 && b < 0xa0) ||
        (b0 === 0xed && b > 0x9f) ||
        (b0 === 0xf0 && b < 0x90) ||
        (b0 === 0xf4 && b > 0x8f))
    ) {
      return undefined; // overlong, surrogate or beyond U+10FFFF
    }
    cp = (cp << 6) | (b & 0x3f);
  }
  if (IMPOSSIBLE.test(String.fromCodePoint(cp))) return undefined;
  const end = i + n + 1;
  let punctuation = true;
  for (let k = i + 1; k < end && punctuation; k++) punctuation = AFTER_WORD.has(text.charCodeAt(k));
  if (n > 1) return [end, cp, punctuation && b0 !== 0xe2 ? 'weak' : 'strong'];

  const cont = text.charCodeAt(i + 1);
  if (b0 === 0xc2 || b0 === 0xc3) {
    const mathsAfterRoot =
      codec === MAC_ROMAN && b0 === 0xc3 && MAC_MATHS.has(cont) && !LETTER.test(text.charAt(i - 1));
    return [end, cp, mathsAfterRoot || punctuation ? 'weak' : 'strong'];
  }
  if (cont >= 0x80 && cont <= 0x9f) return [end, cp, 'strong']; // a C1 control in the text
  if (cp >= 0x300 && cp <= 0x36f) {
    // A combining diacritic (decomposed accent) is strong on the letter it belongs to.
    return [end, cp, LETTER.test(text.charAt(i - 1)) ? 'strong' : 'weak'];
  }
  if ((cp >= 0x100 && cp <= 0x24f) || (cp >= 0x370 && cp <= 0x6ff)) return [end, cp, 'weak'];
  return undefined;
}

/** The longest run of consecutive sequences starting at `start`, read through `codec`. */
function readChain(text: string, start: number, codec: Codec): Chain | undefined {
  let i = start;
  let repaired = '';
  let count = 0;
  let strong = 0;
  let guesses = 0;
  let last = 0;
  for (;;) {
    const seq = readSequence(text, i, codec);
    if (!seq) break;
    const [end, cp, strength] = seq;
    repaired += String.fromCodePoint(cp);
    count++;
    if (strength === 'strong') strong++;
    else if (strength === 'guess') guesses++;
    last = cp;
    i = end;
  }
  if (count === 0) return undefined;
  // VS16 (EF B8 8F) whose undefined third byte was dropped: `ï¸` right after an emoji.
  if (
    codec === WINDOWS_1252 &&
    last >= 0x2000 &&
    text.charCodeAt(i) === 0xef &&
    text.charCodeAt(i + 1) === 0xb8 &&
    !isCont(byteAt(codec, text, i + 2))
  ) {
    repaired += '\uFE0F';
    count++;
    strong++;
    i += 2;
  }
  return { codec, start, end: i, repaired, count, strong, guesses };
}

function isEvidence(c: Chain): boolean {
  return c.strong > 0 || c.count - c.guesses >= 2;
}

/** Every stretch of mojibake in `text`, in order, with its repair. Returns [] quickly for clean text. */
export function findMojibake(text: string): MojibakeRun[] {
  candidate ??= new RegExp(`${classFor(0xc2, 0xf4)}${classFor(0x80, 0xbf)}`, 'g');
  const re = candidate;
  re.lastIndex = 0;
  let match = re.exec(text);
  if (!match) return [];

  // Pass 1: at each candidate, read a chain in both code pages. The longer reading wins; when
  // both cover the same characters the choice waits for the document's evidence.
  const found: (Chain | [Chain, Chain])[] = [];
  const evidence = new Set<Codec>();
  while (match) {
    const at = match.index;
    const w = readChain(text, at, WINDOWS_1252);
    const m = readChain(text, at, MAC_ROMAN);
    let end = at + 1;
    if (w && m && w.end === m.end) {
      found.push([w, m]);
      end = w.end;
    } else if (w || m) {
      const c = !m || (w && w.end > m.end) ? (w as Chain) : m;
      found.push(c);
      if (isEvidence(c)) evidence.add(c.codec);
      end = c.end;
    }
    re.lastIndex = end;
    match = re.exec(text);
  }
  re.lastIndex = 0;

  // Pass 2: settle ties toward the code page the rest of the document shows, then by strength,
  // then Windows-1252.
  const chains = found.map((f) => {
    if (!Array.isArray(f)) return f;
    const [w, m] = f;
    const ew = evidence.has(WINDOWS_1252);
    const em = evidence.has(MAC_ROMAN);
    if (ew !== em) return ew ? w : m;
    return m.strong > w.strong ? m : w;
  });
  for (const c of chains) if (isEvidence(c)) evidence.add(c.codec);

  const runs: MojibakeRun[] = [];
  for (const c of chains) {
    const confident = c.guesses === 0 && (c.strong > 0 || c.count >= 2);
    if (!confident && !evidence.has(c.codec)) continue;
    runs.push({
      start: c.start,
      end: c.end,
      original: text.slice(c.start, c.end),
      repaired: c.repaired,
      encoding: c.codec.name,
    });
  }
  return runs;
}

/** `text` with every run found by `findMojibake` replaced by its repair. */
export function repairMojibake(text: string): string {
  const runs = findMojibake(text);
  if (runs.length === 0) return text;
  let out = '';
  let at = 0;
  for (const run of runs) {
    out += text.slice(at, run.start) + run.repaired;
    at = run.end;
  }
  return out + text.slice(at);
}
