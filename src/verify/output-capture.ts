/**
 * What a command wrote, kept in constant memory however much it writes: a
 * running sha256 of every byte, the byte count, and the last few KiB for the
 * evidence file's tail.
 */
import { createHash, type Hash } from 'node:crypto';

export const TAIL_BYTES = 4096;
export const TAIL_LINES = 40;

export interface CapturedOutput {
  bytes: number;
  sha256: string;
  tail: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour and cursor codes are what it removes
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

export class OutputCapture {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private chunks: Buffer[] = [];
  private kept = 0;

  constructor(private readonly tailBytes = TAIL_BYTES) {}

  push(chunk: Buffer): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.chunks.push(chunk);
    this.kept += chunk.length;
    // Drop whole chunks from the front while the rest still covers the tail.
    while (this.chunks.length > 1 && this.kept - (this.chunks[0] as Buffer).length >= this.tailBytes) {
      this.kept -= (this.chunks.shift() as Buffer).length;
    }
  }

  finish(): CapturedOutput {
    let buf = Buffer.concat(this.chunks);
    const truncated = buf.length > this.tailBytes;
    if (truncated) {
      buf = buf.subarray(buf.length - this.tailBytes);
      // Do not start in the middle of a UTF-8 sequence.
      let skip = 0;
      while (skip < buf.length && skip < 4 && ((buf[skip] as number) & 0xc0) === 0x80) skip++;
      buf = buf.subarray(skip);
    }
    let lines = buf.toString('utf8').replace(ANSI, '').split(/\r?\n/);
    // A tail that starts mid-line would show half a line: drop it.
    if (truncated && lines.length > 1) lines = lines.slice(1);
    if (lines.length > TAIL_LINES) lines = lines.slice(lines.length - TAIL_LINES);
    return { bytes: this.bytes, sha256: this.hash.digest('hex'), tail: lines.join('\n') };
  }
}
