import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecwrightError } from '../../src/errors.js';
import { decodeSpec, dominantEol, firstInvalidUtf8 } from '../../src/model/encoding.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));

/** The SpecwrightError that `fn` throws. */
function thrown(fn: () => unknown): SpecwrightError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SpecwrightError) return err;
    throw err;
  }
  throw new Error('expected a SpecwrightError');
}

describe('decodeSpec', () => {
  it('decodes plain UTF-8 with LF endings', () => {
    expect(decodeSpec(utf8('# Title ✅\n\nBody — “ok”\n'), 'a.md')).toEqual({
      text: '# Title ✅\n\nBody — “ok”\n',
      bom: false,
      eol: '\n',
    });
  });

  it('strips a UTF-8 BOM and reports it; a second BOM is content', () => {
    expect(decodeSpec(bytes([0xef, 0xbb, 0xbf], '# T\n'), 'a.md')).toEqual({
      text: '# T\n',
      bom: true,
      eol: '\n',
    });
    expect(decodeSpec(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'x'), 'a.md').text).toBe('\ufeffx');
    expect(decodeSpec(new Uint8Array([0xef, 0xbb, 0xbf]), 'a.md')).toEqual({
      text: '',
      bom: true,
      eol: '\n',
    });
  });

  it('reports the dominant line ending and keeps CRLFs in the text', () => {
    const crlf = decodeSpec(utf8('# T\r\n\r\n- [ ] a\r\n- [x] b\n'), 'a.md');
    expect(crlf.eol).toBe('\r\n');
    expect(crlf.text).toBe('# T\r\n\r\n- [ ] a\r\n- [x] b\n');
    expect(decodeSpec(utf8('a\r\nb\nc\n'), 'a.md').eol).toBe('\n');
    expect(decodeSpec(utf8('a\r\nb\n'), 'a.md').eol).toBe('\n'); // a tie is not a majority
    expect(decodeSpec(utf8('no newline'), 'a.md').eol).toBe('\n');
    expect(decodeSpec(utf8('\r\n'), 'a.md').eol).toBe('\r\n');
    expect(dominantEol('old\rmac\r')).toBe('\n');
  });

  it('rejects invalid UTF-8 with the line and byte offset of the first bad byte', () => {
    // A Latin-1 `é` (0xE9) on line 3.
    const err = thrown(() => decodeSpec(bytes('# T\nok\nbad caf', [0xe9], ' here\n'), 'specs/a.md'));
    expect(err.code).toBe('encoding');
    expect(err.file).toBe('specs/a.md');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/not valid UTF-8/);
    expect(err.message).toMatch(/line 3/);
    expect(err.message).toMatch(/byte offset 14/); // 4 + 3 + 7 bytes before it
    expect(err.message).toMatch(/0xE9/);
    expect(err.format()).toMatch(/^specs\/a\.md:3: file is not valid UTF-8/);
  });

  it('counts the byte offset from the start of the file, BOM included', () => {
    const err = thrown(() => decodeSpec(bytes([0xef, 0xbb, 0xbf], 'x\n', [0xff]), 'a.md'));
    expect(err.message).toMatch(/line 2, byte offset 5/);
  });

  it('rejects truncated, overlong and surrogate sequences', () => {
    const cases: [number[], number][] = [
      [[0x61, 0xe2, 0x9c], 1], // truncated ✅ at end of file
      [[0x61, 0xc0, 0x80], 1], // overlong NUL
      [[0x61, 0x62, 0xed, 0xa0, 0x80], 2], // UTF-16 surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // beyond U+10FFFF
      [[0x80], 0], // lone continuation byte
    ];
    for (const [raw, offset] of cases) {
      const err = thrown(() => decodeSpec(Uint8Array.from(raw), 'a.md'));
      expect(err.code).toBe('encoding');
      expect(err.message).toContain(`byte offset ${offset}`);
    }
  });

  it('rejects binary files (a NUL byte in the first 8 KB)', () => {
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52];
    const err = thrown(() => decodeSpec(Uint8Array.from(png), 'logo.md'));
    expect(err.code).toBe('binary');
    expect(err.message).toBe('binary file, not Markdown');
    expect(err.file).toBe('logo.md');
    // A NUL far into a text file is (valid UTF-8) content, not a sign of a binary file.
    expect(decodeSpec(bytes('a'.repeat(9000), [0]), 'a.md').text).toHaveLength(9001);
  });

  it('rejects UTF-16 and UTF-32 with a clear message', () => {
    const le = Uint8Array.from([0xff, 0xfe, ...[...'# T\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const be = Uint8Array.from([0xfe, 0xff, ...[...'# T\n'].flatMap((c) => [0, c.charCodeAt(0)])]);
    for (const raw of [le, be]) {
      const err = thrown(() => decodeSpec(raw, 'w.md'));
      expect(err.code).toBe('encoding');
      expect(err.message).toBe('UTF-16 is not supported; save as UTF-8');
    }
    const noBom = Uint8Array.from([...'# Title\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(thrown(() => decodeSpec(noBom, 'w.md')).message).toMatch(/^UTF-16 is not supported/);
    const utf32 = Uint8Array.from([0xff, 0xfe, 0, 0, 0x23, 0, 0, 0]);
    expect(thrown(() => decodeSpec(utf32, 'w.md')).message).toBe('UTF-32 is not supported; save as UTF-8');
  });

  it('leaves mojibake alone (it is valid UTF-8; repair is a separate step)', () => {
    expect(decodeSpec(utf8('**Status:** ðŸ“‹ Planned'), 'a.md').text).toBe('**Status:** ðŸ“‹ Planned');
  });

  it('property: any text without NUL round-trips, with or without a BOM', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.boolean(), (s, withBom) => {
        // Without a BOM of our own, a leading U+FEFF would itself be read as the BOM.
        const text = s.replaceAll('\0', '').replace(/^\ufeff/, '');
        const raw = withBom ? bytes([0xef, 0xbb, 0xbf], text) : utf8(text);
        const out = decodeSpec(raw, 'p.md');
        expect(out.text).toBe(text);
        expect(out.bom).toBe(withBom);
      }),
    );
  });

  it('property: the error offset is exactly where a strict decoder fails', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (raw) => {
        const at = firstInvalidUtf8(raw);
        let valid = true;
        try {
          strict.decode(raw);
        } catch {
          valid = false;
        }
        expect(at === -1).toBe(valid);
        if (at >= 0) {
          expect(() => strict.decode(raw.subarray(0, at))).not.toThrow();
        }
      }),
    );
  });
});
