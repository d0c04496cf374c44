import { SpecwrightError } from '../errors.js';

/**
 * Turning a file's bytes into the text every other part of specwright works on.
 * The text is exactly what the file holds after the UTF-8 BOM: line endings are
 * reported, never normalised, so that edits can keep them.
 */

export interface DecodedSpec {
  /** The decoded text, BOM removed, CRLFs kept. */
  text: string;
  /** True when the bytes started with a UTF-8 BOM. */
  bom: boolean;
  /** The dominant line ending: '\r\n' when CRLF endings outnumber bare LF ones. */
  eol: '\n' | '\r\n';
}

/** How far into a file a NUL byte marks it as binary (as git does). */
const BINARY_PROBE = 8192;

// ignoreBOM: we strip the (first) BOM ourselves; a second one is content.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decode a spec file strictly as UTF-8. Throws SpecwrightError for UTF-16/32, binary or invalid UTF-8 files. */
export function decodeSpec(bytes: Uint8Array, path: string): DecodedSpec {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const utf32 = b0 === 0xff && bytes[2] === 0 && bytes[3] === 0;
    throw new SpecwrightError(
      `${utf32 ? 'UTF-32' : 'UTF-16'} is not supported; save as UTF-8`,
      path,
      undefined,
      'encoding',
    );
  }
  if (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    throw new SpecwrightError('UTF-32 is not supported; save as UTF-8', path, undefined, 'encoding');
  }

  const bom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;

  const probe = body.subarray(0, BINARY_PROBE);
  if (probe.indexOf(0) !== -1) {
    if (looksLikeUtf16(probe)) {
      throw new SpecwrightError(
        'UTF-16 is not supported (no BOM, but every other byte is NUL); save as UTF-8',
        path,
        undefined,
        'encoding',
      );
    }
    throw new SpecwrightError('binary file, not Markdown', path, undefined, 'binary');
  }

  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    throw invalidUtf8(bytes, bom ? 3 : 0, path);
  }
  return { text, bom, eol: dominantEol(text) };
}

/** '\r\n' when CRLF line endings are the majority of all line endings, else '\n'. */
export function dominantEol(text: string): '\n' | '\r\n' {
  if (text.indexOf('\r\n') === -1) return '\n'; // most files: one native search, no count
  let lf = 0;
  let crlf = 0;
  let i = text.indexOf('\n');
  while (i !== -1) {
    lf++;
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    i = text.indexOf('\n', i + 1);
  }
  return crlf > lf - crlf ? '\r\n' : '\n';
}

/** UTF-16 without a BOM: ASCII-range text leaves a NUL in every other byte. */
function looksLikeUtf16(probe: Uint8Array): boolean {
  if (probe.length < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < probe.length; i += 2) {
    if (probe[i] === 0) even++;
    if (probe[i + 1] === 0) odd++;
  }
  const pairs = probe.length >> 1;
  return Math.max(even, odd) >= pairs * 0.4 && Math.min(even, odd) <= pairs * 0.05;
}

function invalidUtf8(bytes: Uint8Array, from: number, path: string): SpecwrightError {
  const at = firstInvalidUtf8(bytes, from);
  if (at < 0)
    return new SpecwrightError('file is not valid UTF-8; save it as UTF-8', path, undefined, 'encoding');
  let line = 1;
  let nl = bytes.indexOf(0x0a);
  while (nl !== -1 && nl < at) {
    line++;
    nl = bytes.indexOf(0x0a, nl + 1);
  }
  const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return new SpecwrightError(
    `file is not valid UTF-8: byte 0x${hex} at line ${line}, byte offset ${at} ` +
      '(is it Windows-1252 or Latin-1?); save it as UTF-8',
    path,
    line,
    'encoding',
  );
}

/** Offset of the first byte of the first ill-formed UTF-8 sequence, or -1. Only used on the error path. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  const n = bytes.length;
  let i = from;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
