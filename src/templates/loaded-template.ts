/** A template as the registry hands it out: its schema, its raw files, and what is derived from them. */
import type { RequiredSection } from './required-sections.js';
import type { StatusValue, TemplateSchema } from './schema.js';

export interface TemplateFile {
  /** Output path pattern (may hold `{slug}`), from the schema. */
  path: string;
  /** Template file name inside the template folder. */
  template: string;
  /** The raw template text, variables unfilled. */
  text: string;
}

export interface LoadedTemplate {
  kind: string;
  schema: TemplateSchema;
  /** Whether any part comes from the user's `.specwright/templates/`. */
  source: 'builtin' | 'user';
  /** The folder the schema was read from. */
  dir: string;
  /** In schema order; the first is the main file. */
  files: readonly TemplateFile[];
  main: TemplateFile;
  /** Level-2/3 headings of the main file a document must keep. */
  requiredSections: readonly RequiredSection[];
  /** Hint prose of all files (see template-lines.ts). */
  templateLines: ReadonlySet<string>;
  initialStatus: StatusValue;
  doneStatus: StatusValue;
}
