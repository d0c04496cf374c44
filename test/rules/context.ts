/**
 * Building what a rule sees, the way the engine does, without the engine: a parsed document and a
 * RuleContext. Fixture tests, the examples test and the corpus test all go through here, so a rule
 * is always tested against the same kind of context the CLI hands it.
 */
import { existsSync } from 'node:fs';
import { decodeSpec } from '../../src/model/encoding.js';
import { parseSpec } from '../../src/model/parse.js';
import type { KindOrUnknown, SpecDocument } from '../../src/model/types.js';
import type { RuleContext } from '../../src/rules/types.js';
import { loadTemplates, type TemplateSet } from '../../src/templates/index.js';

let builtins: Promise<TemplateSet> | undefined;

/** The built-in templates, loaded once per test file. */
export function builtinTemplates(): Promise<TemplateSet> {
  builtins ??= loadTemplates();
  return builtins;
}

export interface DocumentOptions {
  /** Force the template kind (for template hint lines and ctx.template); default: the detected kind. */
  kind?: string;
}

/** Decode bytes and parse them as the workspace does, with the kind's template hint lines. */
export function parseDocument(
  bytes: Uint8Array,
  path: string,
  templates: TemplateSet,
  options: DocumentOptions = {},
): SpecDocument {
  const decoded = decodeSpec(bytes, path);
  return parseText(decoded.text, path, templates, { ...options, bom: decoded.bom });
}

export function parseText(
  text: string,
  path: string,
  templates: TemplateSet,
  options: DocumentOptions & { bom?: boolean } = {},
): SpecDocument {
  const hintsOf = (kind: KindOrUnknown) => {
    const k = options.kind ?? kind;
    return k === 'unknown' ? undefined : templates.get(k)?.templateLines;
  };
  return parseSpec(text, path, { bom: options.bom ?? false, templateLines: hintsOf });
}

export interface ContextOptions {
  root: string;
  absPath: string;
  templates: TemplateSet;
  kind?: string;
  options?: Readonly<Record<string, unknown>>;
  issueNumbers?: Iterable<number>;
}

/** A RuleContext for one document; `exists` is memoized like the engine's. */
export function makeContext(doc: SpecDocument, o: ContextOptions): RuleContext {
  const kind = o.kind ?? doc.kind.kind;
  const seen = new Map<string, boolean>();
  return {
    root: o.root,
    repoRoot: o.root,
    absPath: o.absPath,
    template: kind === 'unknown' ? undefined : o.templates.get(kind),
    templates: o.templates,
    options: o.options ?? {},
    exists(abs) {
      let hit = seen.get(abs);
      if (hit === undefined) {
        hit = existsSync(abs);
        seen.set(abs, hit);
      }
      return hit;
    },
    issueNumbers: new Set(o.issueNumbers ?? []),
  };
}

/** `{slot}`s filled from data; `missing` lists slots the data did not fill. */
export function renderMessage(
  template: string,
  data: Readonly<Record<string, string | number>> = {},
): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = data[name];
    if (v === undefined) {
      missing.push(name);
      return whole;
    }
    return String(v);
  });
  return { text, missing };
}
