/**
 * The template registry: the built-in templates shipped in the package's `templates/` folder,
 * overlaid with the user's `<root>/.specwright/templates/<kind>/`. A user folder replaces the
 * built-in of the same kind; a file it lacks (its template.yaml included) is taken from that
 * built-in. A user folder with a new name adds a kind.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecwrightError } from '../errors.js';
import { validatedOnce } from '../workspace/validated-cache.js';
import type { LoadedTemplate, TemplateFile } from './loaded-template.js';
import { requiredSections } from './required-sections.js';
import type { TemplateSchema } from './schema.js';
import { doneStatus, initialStatus } from './status.js';
import { templateLines } from './template-lines.js';

/** The package's built-in templates: `src/templates/` and `dist/templates/` both sit one level below the root. */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Where a workspace keeps its own templates, relative to its root. */
export const USER_TEMPLATES_DIR = join('.specwright', 'templates');

/** The built-in kinds in their natural order; other kinds follow alphabetically. */
export const BUILTIN_KINDS = ['feature', 'prd', 'spec', 'task', 'prp'] as const;

export interface TemplateSet {
  /** The template of a kind, or undefined. */
  get(kind: string): LoadedTemplate | undefined;
  /** The template of a kind; a SpecwrightError naming the known kinds when there is none. */
  require(kind: string): LoadedTemplate;
  has(kind: string): boolean;
  /** Every template: built-in kinds first, then user kinds alphabetically. */
  list(): LoadedTemplate[];
  /** The kind names, in list() order. */
  kinds(): string[];
}

const builtinCache = new Map<string, Promise<Map<string, LoadedTemplate>>>();

/**
 * Load the built-in templates and, when `root` is given, overlay the user's templates found under
 * `<root>/.specwright/templates/`. Throws SpecwrightError for a bad template.yaml or a missing file.
 */
export async function loadTemplates(
  root?: string,
  options: {
    builtinDir?: string;
    /** A workspace whose `.specwright/cache` may keep validated template.yaml files. */
    cacheRoot?: string;
  } = {},
): Promise<TemplateSet> {
  const builtinDir = options.builtinDir ?? BUILTIN_TEMPLATES_DIR;
  const cacheRoot = options.cacheRoot;
  let builtins = builtinCache.get(builtinDir);
  if (!builtins) {
    builtins = loadFolder(builtinDir, 'builtin', new Map(), cacheRoot);
    builtinCache.set(builtinDir, builtins);
    builtins.catch(() => builtinCache.delete(builtinDir));
  }
  const templates = new Map(await builtins);
  if (root !== undefined) {
    for (const [kind, t] of await loadFolder(join(root, USER_TEMPLATES_DIR), 'user', templates, cacheRoot)) {
      templates.set(kind, t);
    }
  }
  return makeSet(templates);
}

function makeSet(templates: Map<string, LoadedTemplate>): TemplateSet {
  const order = (k: string) => {
    const i = (BUILTIN_KINDS as readonly string[]).indexOf(k);
    return i < 0 ? BUILTIN_KINDS.length : i;
  };
  const kinds = [...templates.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return {
    get: (kind) => templates.get(kind),
    has: (kind) => templates.has(kind),
    require(kind) {
      const t = templates.get(kind);
      if (!t)
        throw new SpecwrightError(
          `unknown kind "${kind}" (known: ${kinds.join(', ')})`,
          undefined,
          undefined,
          'unknown-kind',
        );
      return t;
    },
    list: () => kinds.map((k) => templates.get(k) as LoadedTemplate),
    kinds: () => [...kinds],
  };
}

/** Load every `<folder>/<kind>/` (missing folder: none). */
async function loadFolder(
  folder: string,
  source: LoadedTemplate['source'],
  fallbacks: ReadonlyMap<string, LoadedTemplate>,
  cacheRoot?: string,
): Promise<Map<string, LoadedTemplate>> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (err) {
    if (isMissing(err)) return new Map();
    throw new SpecwrightError(
      `cannot read templates folder: ${(err as Error).message}`,
      folder,
      undefined,
      'template',
    );
  }
  const dirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  const loaded = await Promise.all(
    dirs.map((name) => loadTemplateDir(join(folder, name), name, source, fallbacks.get(name), cacheRoot)),
  );
  return new Map(loaded.map((t) => [t.kind, t]));
}

/** Load one template folder; `fallback` supplies what a user override leaves out. */
export async function loadTemplateDir(
  dir: string,
  name: string,
  source: LoadedTemplate['source'],
  fallback?: LoadedTemplate,
  cacheRoot?: string,
): Promise<LoadedTemplate> {
  const yamlPath = join(dir, 'template.yaml');
  const yamlText = await readText(yamlPath);
  let schema: TemplateSchema;
  if (yamlText !== undefined) {
    schema = await validatedOnce(cacheRoot, yamlPath, yamlText, async () =>
      (await import('./parse-schema.js')).parseTemplateSchema(yamlText, yamlPath),
    );
    if (schema.kind !== name) {
      throw new SpecwrightError(
        `kind "${schema.kind}" does not match its folder name "${name}"`,
        yamlPath,
        undefined,
        'template',
      );
    }
  } else if (fallback) {
    schema = fallback.schema;
  } else {
    throw new SpecwrightError('template folder has no template.yaml', dir, undefined, 'template');
  }

  const files: TemplateFile[] = await Promise.all(
    schema.files.map(async (f) => {
      const text =
        (await readText(join(dir, f.template))) ??
        fallback?.files.find((b) => b.template === f.template)?.text;
      if (text === undefined) {
        throw new SpecwrightError(
          `template file "${f.template}" not found in ${dir}`,
          yamlPath,
          undefined,
          'template',
        );
      }
      return { path: f.path, template: f.template, text };
    }),
  );
  const main = files[0] as TemplateFile;
  const lines = new Set<string>();
  for (const f of files) for (const l of templateLines(f.text)) lines.add(l);
  return {
    kind: schema.kind,
    schema,
    source,
    dir,
    files,
    main,
    requiredSections: requiredSections(main.text, schema.optionalSections),
    templateLines: lines,
    initialStatus: initialStatus(schema),
    doneStatus: doneStatus(schema),
  };
}

/** A UTF-8 file's text without BOM, or undefined when it does not exist. */
async function readText(path: string): Promise<string | undefined> {
  try {
    const text = await readFile(path, 'utf8');
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw new SpecwrightError(
      `cannot read template file: ${(err as Error).message}`,
      path,
      undefined,
      'template',
    );
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
