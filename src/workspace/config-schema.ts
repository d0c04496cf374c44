/** The config's zod schema, and validating the config file's text against it. */
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { SpecwrightError } from '../errors.js';

const severity = z.enum(['off', 'info', 'warn', 'warning', 'error']);

/** specwright.config.yaml. Every key is optional; unknown keys are errors (a typo should not pass silently). */
export const configSchema = z
  .object({
    version: z.literal(1).default(1),
    /** Folders (relative to the workspace root) that hold specs. */
    specs: z.array(z.string().min(1)).default(['specs']),
    /** Globs (relative to the root) of files that are not specs. */
    ignore: z.array(z.string()).default([]),
    stale: z
      .object({ days: z.number().int().positive().default(30) })
      .strict()
      .default({ days: 30 }),
    /** Lint rules: `rule-id: off | warn | error`, or `[severity, options]`. */
    rules: z
      .record(z.string(), z.union([severity, z.tuple([severity, z.record(z.string(), z.unknown())])]))
      .default({}),
    /** Per-kind rule settings, and per-path overrides. */
    kinds: z
      .record(z.string(), z.object({ rules: z.record(z.string(), severity).default({}) }).strict())
      .default({}),
    overrides: z
      .array(
        z.object({ files: z.array(z.string()), rules: z.record(z.string(), severity).default({}) }).strict(),
      )
      .default([]),
    /** Issue numbers known outside the repo (e.g. GitHub issues), for reference checks. */
    issues: z.array(z.number().int().positive()).default([]),
    verify: z
      .object({ allow: z.array(z.string()).default([]), timeout: z.number().positive().default(600) })
      .strict()
      .default({ allow: [], timeout: 600 }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Validate the text of the config file at `path`; errors name the file, the line and the key. */
export function parseConfig(text: string, path: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line;
    throw new SpecwrightError(`invalid YAML: ${yamlError.message.split('\n')[0]}`, path, line, 'config');
  }
  const raw = doc.toJS() ?? {};
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const keyPath = issue.path.map(String);
    const node = keyPath.length ? doc.getIn(keyPath, true) : undefined;
    let line: number | undefined;
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) line = lineCounter.linePos(range[0]).line;
    else if (issue.code === 'unrecognized_keys')
      line = keyLine(doc.contents, issue.keys[0] as string, lineCounter);
    const where = keyPath.length ? `"${keyPath.join('.')}"` : 'config';
    const what =
      issue.code === 'unrecognized_keys' ? `unknown key "${issue.keys.join('", "')}"` : issue.message;
    throw new SpecwrightError(`${where}: ${what}`, path, line, 'config');
  }
  return result.data;
}

function keyLine(contents: unknown, key: string, lc: LineCounter): number | undefined {
  if (!isMap(contents) && !isSeq(contents)) return undefined;
  if (!isMap(contents)) return undefined;
  for (const pair of contents.items) {
    const k = pair.key as { value?: unknown; range?: [number, number, number] };
    if (k?.value === key && k.range) return lc.linePos(k.range[0]).line;
  }
  return undefined;
}
