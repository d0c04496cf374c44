import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/cli.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SEEDS_DIR = join(REPO_ROOT, '..', 'shared', 'seeds');

/** A temp workspace holding the given files (paths relative to it). */
export async function workspace(files: Record<string, string>): Promise<string> {
  const root = tempDir();
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

/** Windows-1252 bytes 0x80-0x9F (undefined ones map to the C1 control of the same number). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function cp1252Byte(c: string): number | undefined {
  const code = c.charCodeAt(0);
  const i = CP1252_HIGH.indexOf(c);
  if (i >= 0) return 0x80 + i;
  return code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : undefined;
}

const macRoman = new TextDecoder('macintosh').decode(Uint8Array.from({ length: 128 }, (_, i) => 0x80 + i));
function macRomanByte(c: string): number | undefined {
  const code = c.charCodeAt(0);
  if (code < 0x80) return code;
  const i = macRoman.indexOf(c);
  return i >= 0 ? 0x80 + i : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Undo UTF-8 that was decoded as Windows-1252 or Mac Roman, one run of non-ASCII text at a time. */
export function repairMojibake(text: string): string {
  return text.replace(/[\u0080-\uFFFF]+/g, (run) => {
    for (const toByte of [cp1252Byte, macRomanByte]) {
      const bytes = [...run].map(toByte);
      if (bytes.some((b) => b === undefined)) continue;
      try {
        return utf8.decode(Uint8Array.from(bytes as number[]));
      } catch {
        // not this code page
      }
    }
    return run;
  });
}
