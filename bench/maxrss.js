// node bench/maxrss.js OUT_FILE SCRIPT [ARGS...]
// Runs SCRIPT in this process as if started with `node SCRIPT ARGS...`, and on exit writes
// process.resourceUsage().maxRSS (kB) to OUT_FILE. The fallback when GNU time is missing.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [out, script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(script), ...args];
process.on('exit', () => fs.writeFileSync(out, String(process.resourceUsage().maxRSS)));
await import(pathToFileURL(path.resolve(script)).href);
