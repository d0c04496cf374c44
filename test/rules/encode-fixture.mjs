#!/usr/bin/env node
/**
 * Write a fixture's bytes exactly: `node test/rules/encode-fixture.mjs <from.md> <to.md> [--crlf] [--bom]`
 * converts LF line endings to CRLF and/or prepends a UTF-8 BOM, so that CRLF and BOM cases never
 * depend on an editor's settings. `<from>` may equal `<to>`. (test/fixtures/.gitattributes keeps git
 * from touching the bytes.)
 */
import { readFileSync, writeFileSync } from 'node:fs';

const [from, to, ...flags] = process.argv.slice(2);
if (!from || !to || flags.some((f) => f !== '--crlf' && f !== '--bom')) {
  console.error('usage: encode-fixture.mjs <from.md> <to.md> [--crlf] [--bom]');
  process.exit(2);
}
let text = readFileSync(from, 'utf8').replace(/^\uFEFF/, '');
if (flags.includes('--crlf')) text = text.replace(/\r?\n/g, '\r\n');
if (flags.includes('--bom')) text = `\uFEFF${text}`;
writeFileSync(to, text);
