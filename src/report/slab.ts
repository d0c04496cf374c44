/** Slabs are this big unless one piece needs more. */
const SLAB_BYTES = 1 << 20;

/**
 * Builds a report's output as bytes in large slabs and hands it out in pieces (`take`), each a
 * view that is never written again: a report can copy bytes it already has (a packed message)
 * without decoding them into a string and encoding them back.
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
