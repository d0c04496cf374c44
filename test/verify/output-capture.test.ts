import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OutputCapture, TAIL_LINES } from '../../src/verify/output-capture.js';

describe('OutputCapture', () => {
  it('hashes every byte but keeps only the tail, in whole lines', () => {
    const capture = new OutputCapture(1024);
    let all = '';
    for (let i = 0; i < 5000; i++) {
      const line = `line ${i}\n`;
      all += line;
      capture.push(Buffer.from(line));
    }
    const out = capture.finish();
    expect(out.bytes).toBe(Buffer.byteLength(all));
    expect(out.sha256).toBe(createHash('sha256').update(all).digest('hex'));
    const lines = out.tail.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe('line 4999');
    expect(lines.length).toBeLessThanOrEqual(TAIL_LINES);
    expect(lines[0]).toMatch(/^line \d+$/);
  });

  it('never starts the tail inside a UTF-8 character and strips colour codes', () => {
    const capture = new OutputCapture(8);
    capture.push(Buffer.from('aaaa\n\x1b[32m✔ ünï\x1b[0m'));
    const out = capture.finish();
    expect(out.tail).not.toContain('\uFFFD');
    expect(out.tail).not.toContain('\x1b');
  });

  it('keeps short output whole', () => {
    const capture = new OutputCapture();
    capture.push(Buffer.from('one\n'));
    capture.push(Buffer.from('two\n'));
    expect(capture.finish().tail).toBe('one\ntwo\n');
  });
});
