/**
 * Reading a rule's options from config, which arrive unchecked (`rule-id: [severity, {options}]`).
 * A value of the wrong type falls back to the default: config validation names bad keys, a rule
 * never throws over them.
 */
type Options = Readonly<Record<string, unknown>>;

export function stringList(
  options: Options,
  key: string,
  fallback: readonly string[] = [],
): readonly string[] {
  const v = options[key];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : fallback;
}

export function booleanOption(options: Options, key: string, fallback: boolean): boolean {
  const v = options[key];
  return typeof v === 'boolean' ? v : fallback;
}

export function numberOption(options: Options, key: string, fallback: number): number {
  const v = options[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
