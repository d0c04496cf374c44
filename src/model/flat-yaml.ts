/**
 * A fast path for the front matter most specs have: one `key: value` per line, values plain
 * or simply quoted scalars, a one-line list (`labels: ['a', 'b']`) or a list of `- item` lines. The yaml library costs
 * about a millisecond per document to start; at 10,000 task files that is most of a `list`.
 * Anything outside this subset returns undefined and goes to the yaml library, so the
 * result is always what `yaml.parse` gives (test/model/flat-yaml.test.ts checks that).
 */

const KEY = /^([A-Za-z_][\w-]*):(?:[ \t]+|$)/;
/** An item of a block sequence: indentation, then `- ` and the value. */
const BLOCK_ITEM = /^( *)- (.*)$/;
/** Characters that start something other than a plain scalar (YAML indicators). */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLS: Record<string, boolean> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
};
/** Numbers other than plain decimal integers (floats, hex, octal, .inf) are left to the library. */
const NUMBERISH = /^[-+]?(?:\.|\d)|^\.(?:inf|nan)$/i;

const FALLBACK = Symbol('fallback');
type Value = unknown | typeof FALLBACK;

export function parseFlatYaml(source: string): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let keys = 0;
  const lines = source.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line.trim() || line.startsWith('#')) continue;
    const m = KEY.exec(line);
    if (!m || m[1] === '__proto__') return undefined;
    const rest = line.slice(m[0].length).replace(/[ \t]+$/, '');
    let value: Value;
    if (rest === '' && BLOCK_ITEM.test(lines[i + 1] ?? '')) {
      // `labels:` followed by `  - item` lines: a block sequence of scalars.
      const indent = (BLOCK_ITEM.exec(lines[i + 1] as string) as RegExpExecArray)[1] as string;
      const items: unknown[] = [];
      while (i + 1 < lines.length) {
        const item = BLOCK_ITEM.exec(lines[i + 1] as string);
        if (!item || item[1] !== indent) break;
        const v = parseScalar((item[2] as string).replace(/[ \t]+$/, ''));
        if (v === FALLBACK || (item[2] as string).trim() === '') return undefined;
        items.push(v);
        i++;
      }
      value = items;
    } else value = parseValue(rest);
    if (value === FALLBACK) return undefined;
    out[m[1] as string] = value;
    keys++;
  }
  // An empty document is null to the library, not an empty map.
  return keys ? out : undefined;
}

function parseValue(v: string): Value {
  if (v.startsWith('[')) return parseList(v);
  return parseScalar(v);
}

function parseScalar(v: string): Value {
  if (v.startsWith("'"))
    return v.length >= 2 && v.endsWith("'") && !v.slice(1, -1).includes("'") ? v.slice(1, -1) : FALLBACK;
  if (v.startsWith('"'))
    return v.length >= 2 && v.endsWith('"') && !/["\\]/.test(v.slice(1, -1)) ? v.slice(1, -1) : FALLBACK;
  if (NULLS.has(v)) return null;
  if (v in BOOLS) return BOOLS[v];
  if (/^[-+]?[1-9]\d{0,14}$|^0$/.test(v)) return Number(v);
  // YAML 1.2 (the library's default) has no timestamp type: a date is a string.
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  if (NUMBERISH.test(v) || INDICATOR.test(v) || v.includes(': ') || v.includes(' #') || v.endsWith(':'))
    return FALLBACK;
  return v;
}

function parseList(v: string): Value {
  if (!v.endsWith(']')) return FALLBACK;
  const inner = v.slice(1, -1).trim();
  if (!inner) return [];
  const items: unknown[] = [];
  for (const part of inner.split(',')) {
    const item = part.trim();
    // Nested collections, empty items and anything that would change meaning inside a flow go to the library.
    if (!item || /[[\]{}]/.test(item) || (!/^['"]/.test(item) && /[:#]/.test(item))) return FALLBACK;
    const value = parseScalar(item);
    if (value === FALLBACK) return FALLBACK;
    items.push(value);
  }
  return items;
}
