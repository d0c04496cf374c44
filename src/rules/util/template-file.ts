/**
 * Which file of its kind's template a document is: a feature workspace is prd.md, tasks.md and
 * recovery.md, each from its own template file with its own sections. Matched on the file name
 * against the schema's `files[].path` (`{slug}` matches anything); the main file otherwise.
 */
import type { SpecDocument } from '../../model/types.js';
import {
  type LoadedTemplate,
  type RequiredSection,
  requiredSections,
  type TemplateFile,
} from '../../templates/index.js';

const byName = new WeakMap<LoadedTemplate, Map<string, TemplateFile>>();

export function templateFileFor(doc: SpecDocument, template: LoadedTemplate): TemplateFile {
  const name = doc.path
    .slice(Math.max(doc.path.lastIndexOf('/'), doc.path.lastIndexOf('\\')) + 1)
    .toLowerCase();
  let names = byName.get(template);
  if (!names) {
    names = new Map();
    byName.set(template, names);
  }
  let file = names.get(name);
  if (!file) {
    file =
      template.files.find((f) => baseName(f.path).toLowerCase() === name) ??
      template.files.find((f) => patternOf(baseName(f.path)).test(name)) ??
      template.main;
    if (names.size < 10_000) names.set(name, file);
  }
  return file;
}

const requiredCache = new WeakMap<TemplateFile, readonly RequiredSection[]>();

/** The sections the document's own template file requires. */
export function requiredSectionsFor(doc: SpecDocument, template: LoadedTemplate): readonly RequiredSection[] {
  const file = templateFileFor(doc, template);
  if (file === template.main) return template.requiredSections;
  let found = requiredCache.get(file);
  if (!found) {
    found = requiredSections(file.text, template.schema.optionalSections);
    requiredCache.set(file, found);
  }
  return found;
}

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

function patternOf(name: string): RegExp {
  const parts = name.split('{slug}').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 'i');
}
