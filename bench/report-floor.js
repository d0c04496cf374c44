// node bench/report-floor.js REPORT DIR > OUT
// The least a warm `check --format json` must do, as its own process: start Node, stat every
// Markdown file under DIR (a cache is only trusted over unchanged files), and write the report's
// bytes to stdout. Its one extra is reading them from REPORT (page-cached), where a warm check
// reads its own cache instead.

import fs from 'node:fs';
import { markdownFiles } from './util.js';

const [report, dir] = process.argv.slice(2);
for (const file of markdownFiles(dir)) fs.statSync(file);
const bytes = fs.readFileSync(report);
for (let at = 0; at < bytes.length; ) at += fs.writeSync(1, bytes, at);
