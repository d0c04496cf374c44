import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findMojibake, repairMojibake } from '../../src/model/mojibake.js';
import { corpusDir, SHARED_MISSING, seedsDir } from '../helpers/paths.js';

/** Windows-1252 0x80–0x9F as a decoder leaves them (undefined bytes become C1 controls). */
// biome-ignore format: one row per 16 bytes
const W1252_80_9F = [
  '€', '\u0081', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u008d', 'Ž', '\u008f',
  '\u0090', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u009d', 'ž', 'Ÿ',
];

const utf8 = new TextEncoder();

/** What a UTF-8 file looks like after being opened as Windows-1252 and saved as UTF-8. */
function viaWindows1252(text: string): string {
  let out = '';
  for (const b of utf8.encode(text)) {
    out += b >= 0x80 && b < 0xa0 ? W1252_80_9F[b - 0x80] : String.fromCharCode(b);
  }
  return out;
}

const macDecoder = (() => {
  try {
    return new TextDecoder('macintosh');
  } catch {
    return undefined;
  }
})();

/** The same through Mac Roman (needs a Node built with full ICU). */
function viaMacRoman(text: string): string {
  if (!macDecoder) throw new Error('no macintosh decoder');
  return macDecoder.decode(utf8.encode(text));
}

/** A character that cannot be the intended text: unassigned, private use, surrogate, control. */
const IMPOSSIBLE = /^[\p{Cn}\p{Co}\p{Cs}\p{Cc}]/u;
const usable = (cp: number) => !IMPOSSIBLE.test(String.fromCodePoint(cp));

describe('findMojibake / repairMojibake: the real examples', () => {
  const examples: [damaged: string, fixed: string, encoding: 'windows-1252' | 'mac-roman'][] = [
    ['âœ…', '✅', 'windows-1252'],
    ['ðŸ“‹', '📋', 'windows-1252'],
    ['ðŸš§', '🚧', 'windows-1252'],
    ['â”œâ”€â”€', '├──', 'windows-1252'],
    ['â€”', '—', 'windows-1252'],
    ['âš\u00a0ï¸\u008f', '⚠️', 'windows-1252'],
    ['‚öôÔ∏è', '⚙️', 'mac-roman'],
    // Mac Roman reads F0 as the Apple logo U+F8FF, which most fonts do not show.
    ['\uf8ffüéØ', '🎯', 'mac-roman'],
  ];

  it.each(examples)('%j is %j as one run', (damaged, fixed, encoding) => {
    const text = `**Status:** ${damaged} Planned`;
    const runs = findMojibake(text);
    expect(runs).toEqual([
      { start: 12, end: 12 + damaged.length, original: damaged, repaired: fixed, encoding },
    ]);
    expect(repairMojibake(text)).toBe(`**Status:** ${fixed} Planned`);
  });

  it('the examples are what the code pages really produce', () => {
    for (const [damaged, fixed, encoding] of examples) {
      if (encoding === 'windows-1252') expect(viaWindows1252(fixed)).toBe(damaged);
      else if (macDecoder) expect(viaMacRoman(fixed)).toBe(damaged);
    }
  });

  it('repairs Latin-1 letters, decomposed accents and whole words in other scripts', () => {
    expect(repairMojibake('cafÃ© dÃ©jÃ\u00a0 vu, GrÃ¶ÃŸe')).toBe('café déjà vu, Größe');
    expect(repairMojibake('Â© 2024')).toBe('© 2024');
    expect(repairMojibake('ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€')).toBe('Привет мир');
    expect(repairMojibake('ä¸­æ–‡ spec')).toBe('中文 spec');
    expect(repairMojibake('cafeÌ\u0081 (decomposed)')).toBe('cafe\u0301 (decomposed)');
    if (macDecoder) expect(repairMojibake('√©t√© o√π')).toBe('été où');
  });

  it('repairs text decoded as ISO-8859-1 (every byte 0x80–0x9F a C1 control)', () => {
    const damaged = Buffer.from('Done ✅ — “quoted” ’ 🚧', 'utf8').toString('latin1');
    expect(repairMojibake(damaged)).toBe('Done ✅ — “quoted” ’ 🚧');
  });

  it('recovers a VS16 whose undefined third byte was dropped', () => {
    expect(repairMojibake('âš\u00a0ï¸ Warning')).toBe('⚠️ Warning');
    expect(repairMojibake('âœ…ï¸ ok')).toBe('✅\ufe0f ok');
  });

  it('recovers Mac Roman emoji whose Apple-logo lead was dropped, only when the file shows Mac Roman damage', () => {
    expect(findMojibake('## üéØ Goals')).toEqual([]);
    expect(repairMojibake('## ‚öôÔ∏è Setup\n## üéØ Goals\n')).toBe('## ⚙️ Setup\n## 🎯 Goals\n');
  });

  it('reports offsets in UTF-16 code units, around genuine non-ASCII text', () => {
    const text = '🎉 café — “ok” â€” 中文 ðŸ“‹ x';
    const runs = findMojibake(text);
    expect(runs.map((r) => r.original)).toEqual(['â€”', 'ðŸ“‹']);
    for (const r of runs) expect(text.slice(r.start, r.end)).toBe(r.original);
    expect(repairMojibake(text)).toBe('🎉 café — “ok” — 中文 📋 x');
  });

  it('merges adjacent sequences, including emoji ZWJ sequences', () => {
    const fixed = '👨‍💻 └── 🏳️‍🌈';
    const runs = findMojibake(viaWindows1252(fixed));
    expect(runs.map((r) => r.repaired)).toEqual(['👨‍💻', '└──', '🏳️‍🌈']);
  });
});

describe('findMojibake: genuine text is never flagged', () => {
  const genuine = [
    'La acción se ejecuta en ruta/al/archivo; ¿Qué pasó? ¡Olé! Año, niño, pingüino.',
    'Größe, Übersicht, Änderungen für Maß und Fuß; „Anführungszeichen“ und ‚einfache‘.',
    'Ça déjà été créé à l’œuvre : « naïveté », cœur, Noël, CAFÉ” — où ? ÉTÉ\u00a0: À bientôt…',
    'ระบบปรับเงินเดือนข้าราชการ ต้องผ่านการตรวจสอบ',
    '中文规范文件，日本語の仕様書、한국어 명세서',
    '“smart quotes” — em dash – en dash… • bullet ‘single’ ™ © ® ° ± ½ µ',
    'Ελληνικά και Русский текст, עברית, العربية',
    'Türkçe üçüncü görev, şimdi ığdır; Polski: zażółć gęślą jaźń; Čeština: příliš žluťoučký kůň',
    'Math: √π ≈ 1.77, x ≤ √∑y, ∂f/∂x, Ω ≠ ∞; Fuß“ É” ß’ —à “École”',
    'Icelandic Þórður Ðað, Danish æøå ÆØÅ, Portuguese NÃO AÇÃO SÃO “AMANHÔ',
    '« C’est réglé\u00a0», dit-il, « voilà\u00a0» ; un café…” — déjà\u00a0— fini',
  ];

  it.each(genuine)('%s', (text) => {
    expect(findMojibake(text)).toEqual([]);
    expect(repairMojibake(text)).toBe(text);
  });

  it('property: ASCII, common accented letters and CJK never produce a run', () => {
    // Constraint: uppercase letters that are Mac Roman lead bytes (Â Ê Á Ë È Í Î Ï Ì Ó Ô Ò Ú Û Ù
    // À Ã Õ) are left out: `Êéè` is byte for byte the Mac Roman mojibake of a CJK character, and
    // such letter sequences do not occur in real text. So is `œ` (Windows-1252 0x9C, a
    // continuation byte: `çœœ` is 缜). Typographic punctuation is covered above.
    const letters = 'áéíóúñüöäßçàèêëîïôûÄÖÜÉÇÑ';
    const unit = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
      { weight: 3, arbitrary: fc.constantFrom(...letters) },
      { weight: 2, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)) },
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), (text) => {
        expect(findMojibake(text)).toEqual([]);
      }),
    );
  });
});

describe('repairMojibake: properties', () => {
  const cp = (min: number, max: number) => fc.integer({ min, max }).filter(usable);
  const wide = fc.oneof(cp(0x800, 0xffff), cp(0x1f300, 0x1faff), cp(0x20000, 0x2a6df));
  /** Emoji: their UTF-8 form (F0 9F ..) is strong evidence on its own. */
  const emoji = cp(0x1f300, 0x1faff);

  it('Windows-1252 mojibake of real text repairs to the original', () => {
    // Constraints: characters are assigned, not controls or private use (those are never
    // repaired); 2-byte characters are taken from the ranges the heuristic accepts (Latin-1,
    // Latin Extended, combining marks, Greek/Cyrillic/Armenian/Hebrew/Arabic: IPA and NKo-era
    // U+0700–U+07FF are left out); and the text holds at least one emoji, the document-level
    // evidence that lets weak sequences be repaired: lone 2-byte ones such as `Ä…`, and those whose
    // continuations are all word-final punctuation (`é\u00a0»` is U+983B, or French typography).
    const unit = fc
      .oneof(
        { weight: 5, arbitrary: fc.oneof(cp(0x20, 0x7e), fc.constant(0x0a)) },
        { weight: 2, arbitrary: cp(0xa0, 0xff) },
        { weight: 2, arbitrary: fc.oneof(cp(0x100, 0x24f), cp(0x300, 0x36f), cp(0x370, 0x6ff)) },
        { weight: 2, arbitrary: wide },
      )
      .map((c) => String.fromCodePoint(c));
    const text = fc
      .tuple(fc.string({ unit, maxLength: 40 }), emoji, fc.string({ unit, maxLength: 40 }))
      .map(([a, w, b]) => a + String.fromCodePoint(w) + b);
    fc.assert(
      fc.property(text, (original) => {
        const damaged = viaWindows1252(original);
        expect(repairMojibake(damaged)).toBe(original);
        for (const r of findMojibake(damaged)) expect(damaged.slice(r.start, r.end)).toBe(r.original);
      }),
      { numRuns: 500 },
    );
  });

  it.skipIf(!macDecoder)('Mac Roman mojibake of emoji, symbols and CJK repairs to the original', () => {
    // Constraints: ASCII plus 3- and 4-byte characters only, at least one of them an emoji. A Mac
    // Roman damaged Latin-1 letter can be byte for byte a Windows-1252 damaged one (`Ã©`), and
    // without other evidence Windows-1252 wins such ties.
    const unit = fc
      .oneof({ weight: 3, arbitrary: cp(0x20, 0x7e) }, { weight: 2, arbitrary: wide })
      .map((c) => String.fromCodePoint(c));
    const text = fc
      .tuple(fc.string({ unit, maxLength: 30 }), emoji, fc.string({ unit, maxLength: 30 }))
      .map(([a, w, b]) => a + String.fromCodePoint(w) + b);
    fc.assert(
      fc.property(text, (original) => {
        expect(repairMojibake(viaMacRoman(original))).toBe(original);
      }),
      { numRuns: 300 },
    );
  });

  it('repairing twice changes nothing more on repaired seeds-like text', () => {
    const fixed = '## ✅ Done — 📋 Planned\n├── a\n└── b ⚠️\n';
    const once = repairMojibake(viaWindows1252(fixed));
    expect(once).toBe(fixed);
    expect(findMojibake(once)).toEqual([]);
  });
});

describe('seeds and corpus', () => {
  const seed = (name: string) => join(seedsDir, name);
  const seeds = ['000_4db12250add0ebf4.txt', '002_9284d1d1138fb192.txt', '003_794f54a2e6068fa7.txt'];
  const haveSeeds = seeds.every((s) => existsSync(seed(s)));
  const leftover = /[ÃÂâðÐœ€‚√Ô\uf8ff\u0080-\u009f]|ü[éìèöüØÆ]/;

  it.skipIf(!haveSeeds)(`repairs the seeds (${haveSeeds ? 'seeds present' : SHARED_MISSING})`, () => {
    const repaired = seeds.map((s) => repairMojibake(readFileSync(seed(s), 'utf8')));
    const [s000, s002, s003] = repaired as [string, string, string];
    expect(s000).toContain('✅');
    for (const mark of ['📋', '🚧', '✅', '├──', '└──']) expect(s002).toContain(mark);
    for (const mark of ['⚙️', '🎯', '📋', '🏗️', '🚀']) expect(s003).toContain(mark);
    for (const text of repaired) {
      expect(text).not.toMatch(leftover);
      expect(findMojibake(text)).toEqual([]);
    }
    expect(findMojibake(readFileSync(seed('003_794f54a2e6068fa7.txt'), 'utf8'))[0]?.encoding).toBe(
      'mac-roman',
    );
  });

  const ecom = join(
    corpusDir,
    '3-feature-spec',
    'mventor-git__ecom-erp__tickets__mventor-ticket-009-plan.md',
  );

  it.skipIf(!existsSync(ecom))(`finds the ecom-erp runs at their offsets (${SHARED_MISSING})`, () => {
    const text = readFileSync(ecom, 'utf8');
    const runs = findMojibake(text);
    expect(runs).toHaveLength(19);
    for (const r of runs) expect(text.slice(r.start, r.end)).toBe(r.original);
    expect(runs[0]).toMatchObject({ original: 'â€”', repaired: '—', encoding: 'windows-1252' });
    expect(runs.find((r) => r.repaired === '⚠️')?.original).toBe('âš\u00a0ï¸\u008f');
    const repaired = repairMojibake(text);
    expect(repaired).toContain('# mventor-ticket-009 Plan — Google OAuth Customer Login (Planned)');
    expect(repaired).toContain('**Status:** 📋 Planned');
    expect(repaired).toContain('- ⚠️ Need HTTPS in production');
    expect(repaired).not.toMatch(leftover);
  });

  it.skipIf(!existsSync(corpusDir))(`flags no other corpus document (${SHARED_MISSING})`, () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? walk(p) : [p];
      });
    // The corpus README quotes mojibake examples; the ecom-erp ticket is really damaged.
    const damaged = new Set([ecom, join(corpusDir, 'README.md')]);
    const files = walk(corpusDir).filter((f) => f.endsWith('.md') && !damaged.has(f));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect([f, findMojibake(readFileSync(f, 'utf8'))]).toEqual([f, []]);
  });
});
