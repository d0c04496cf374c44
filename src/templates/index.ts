/** Templates: the built-in kinds and users' own, their schema, and rendering a new document. */
export { listHeadings, plainHeading, type TemplateHeading } from './headings.js';
export type { LoadedTemplate, TemplateFile } from './loaded-template.js';
export { formatPath, parseTemplateSchema } from './parse-schema.js';
export {
  BUILTIN_KINDS,
  BUILTIN_TEMPLATES_DIR,
  loadTemplateDir,
  loadTemplates,
  type TemplateSet,
  USER_TEMPLATES_DIR,
} from './registry.js';
export {
  AUTHOR_PLACEHOLDER,
  type RenderedFile,
  type RenderResult,
  type RenderVars,
  renderTemplate,
} from './render.js';
export { type RequiredSection, requiredSections } from './required-sections.js';
export {
  STATUS_STYLES,
  type StatusStyle,
  type StatusValue,
  type TemplateFileEntry,
  type TemplateSchema,
  templateSchema,
} from './schema.js';
export { checkSlug, MAX_SLUG_LENGTH, slugify } from './slug.js';
export { doneStatus, findStatus, formatStatus, initialStatus } from './status.js';
export { MIN_TEMPLATE_LINE_LENGTH, templateLines } from './template-lines.js';
