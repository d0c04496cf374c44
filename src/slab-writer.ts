import { writeSync } from 'node:fs';

/** Slabs are this big unless one piece needs more. */
const SLAB_BYTES = 1 << 20;

/**
 * Builds a report's output as bytes in large slabs and hands it out in pieces (`take`): a report
 * can copy bytes it already has (a packed message) without decoding them into a string and
 * encoding them back. A piece is never written again unless the writer is told it was consumed
 * (`rewind`), which keeps a 119 MB report in one megabyte instead of 119 dropped slabs.
 */
export class SlabWriter {
  private slab = Buffer.allocUnsafe(SLAB_BYTES);
  /** Where the piece being written began. */
  private start = 0;
  private at = 0;

  text(s: string): void {
    this.reserve(s.length * 3); // UTF-8 needs at most 3 bytes per UTF-16 code unit
    this.at += this.slab.write(s, this.at, 'utf8');
  }

  bytes(source: Uint8Array, from = 0, to = source.length): void {
    this.reserve(to - from);
    this.slab.set(source.subarray(from, to), this.at);
    this.at += to - from;
  }

  /** What was written since the last take. */
  take(): Uint8Array {
    const piece = this.slab.subarray(this.start, this.at);
    this.start = this.at;
    return piece;
  }

  /** Bytes written since the last take. */
  get pending(): number {
    return this.at - this.start;
  }

  /** Every piece taken so far is consumed: write over it. */
  rewind(): void {
    this.start = this.at = 0;
  }

  /** Room for `n` more bytes, in a new slab when needed: pieces already taken stay where they are. */
  private reserve(n: number): void {
    if (this.at + n <= this.slab.length) return;
    const pending = this.at - this.start;
    const next = Buffer.allocUnsafe(Math.max(SLAB_BYTES, 2 * (pending + n)));
    this.slab.copy(next, 0, this.start, this.at);
    this.slab = next;
    this.start = 0;
    this.at = pending;
  }
}

/** All of `bytes` to `fd` (writeSync may write less than it was given). */
export function writeFully(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}
