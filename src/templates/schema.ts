/**
 * The schema of a template's `template.yaml`. A template is a folder holding this file and the
 * Markdown file(s) it names; the built-ins live in the package's `templates/<kind>/`, users add
 * or override them in `<repo>/.specwright/templates/<kind>/`.
 *
 * ```yaml
 * kind: spec                          # the folder name; lower-case letters, digits and dashes
 * description: Feature specification  # one line, shown by `specwright new --help`
 * files:                              # what one document consists of; the FIRST file is the main one
 *   - { path: '{slug}.md', template: spec.md }   #   (its status, title and required sections count)
 * dirs: [research]                    # empty directories to create beside the files (default [])
 * layout:                             # where documents of this kind live, relative to the repo root
 *   active: specs                     #   directory the files are written into; may use {slug}
 *   done: specs/implemented           #   where the lifecycle moves them (optional: no move)
 *   folder: false                     #   true: the document owns its directory (active holds {slug},
 *                                     #   the whole directory moves); false: file paths hold {slug}
 *   moveWhen: implemented             #   the state that triggers the move (default: the done value's)
 * status:
 *   field: Status                     # metadata key holding the status (front matter key for tasks)
 *   style: bold-colon-inside          # bold-colon-outside `**Status**: X` | bold-colon-inside
 *                                     # `**Status:** X` | list-item `- **Status**: X` | front-matter
 *   values:                           # the vocabulary; exactly one `initial`, exactly one `done`
 *     - { value: Planned, emoji: 📋, state: planned, initial: true }   # written "📋 Planned"
 *     - { value: Implemented, emoji: ✅, state: implemented, done: true }
 * dates: { created: Created, done: Implemented }  # date fields: set at creation / when done
 * defaults: { author: '[Author]' }    # values for variables the caller did not give
 * optionalSections: [Migration]       # headings (and their subsections) that are not required
 * doneCriteria: [Acceptance Criteria] # sections whose checkboxes must all be ticked before done
 * changelog: Changelog                # the section that receives lifecycle changelog entries
 * ```
 *
 * Section names are matched on their plain text: emoji, inline markup and a trailing colon are
 * ignored, and so is case.
 */
import { z } from 'zod';
import type { StatusState } from '../model/types.js';

const STATES = [
  'draft',
  'planned',
  'in-progress',
  'blocked',
  'complete',
  'implemented',
  'archived',
] as const satisfies readonly StatusState[];

/** Compile-time proof that STATES lists every StatusState. */
type MissingState = Exclude<StatusState, (typeof STATES)[number]>;
const allStatesListed: MissingState extends never ? true : false = true;
void allStatesListed;

export const STATUS_STYLES = [
  'bold-colon-outside',
  'bold-colon-inside',
  'list-item',
  'front-matter',
] as const;

/** A relative path inside a workspace: no absolute paths, no `..`, forward slashes. */
const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.includes('\\'), {
    message: 'must be a relative path with forward slashes',
  })
  .refine((p) => !p.split('/').includes('..'), { message: 'must not contain ".."' });

const sectionName = z.string().trim().min(1);

const statusValue = z.strictObject({
  value: z.string().trim().min(1),
  state: z.enum(STATES),
  emoji: z.string().trim().min(1).optional(),
  initial: z.boolean().optional(),
  done: z.boolean().optional(),
});

const fileEntry = z.strictObject({
  /** Output path relative to the layout directory; `{slug}` is replaced. */
  path: relativePath,
  /** Template file name relative to the template folder. */
  template: relativePath,
});

export const templateSchema = z
  .strictObject({
    kind: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    description: z.string().trim().min(1),
    files: z.array(fileEntry).min(1),
    dirs: z.array(relativePath).default([]),
    layout: z.strictObject({
      active: relativePath,
      done: relativePath.optional(),
      folder: z.boolean(),
      moveWhen: z.enum(STATES).optional(),
    }),
    status: z.strictObject({
      field: z.string().trim().min(1),
      style: z.enum(STATUS_STYLES),
      values: z.array(statusValue).min(1),
    }),
    dates: z
      .strictObject({
        created: z.string().trim().min(1).optional(),
        done: z.string().trim().min(1).optional(),
      })
      .optional(),
    defaults: z.record(z.string(), z.string()).default({}),
    optionalSections: z.array(sectionName).default([]),
    doneCriteria: z.array(sectionName).default([]),
    changelog: sectionName.optional(),
  })
  .superRefine((t, ctx) => {
    const values = t.status.values;
    const count = (pick: (v: (typeof values)[number]) => boolean | undefined) => values.filter(pick).length;
    if (count((v) => v.initial) !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['status', 'values'],
        message: 'exactly one value needs initial: true',
      });
    }
    if (count((v) => v.done) !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['status', 'values'],
        message: 'exactly one value needs done: true',
      });
    }
    const seen = new Set<string>();
    values.forEach((v, i) => {
      const key = v.value.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['status', 'values', i, 'value'],
          message: `duplicate "${v.value}"`,
        });
      }
      seen.add(key);
    });
    const paths = new Set<string>();
    t.files.forEach((f, i) => {
      if (paths.has(f.path)) {
        ctx.addIssue({ code: 'custom', path: ['files', i, 'path'], message: `duplicate "${f.path}"` });
      }
      paths.add(f.path);
      if (!t.layout.folder && !f.path.includes('{slug}')) {
        ctx.addIssue({
          code: 'custom',
          path: ['files', i, 'path'],
          message: 'must contain {slug} when layout.folder is false',
        });
      }
    });
    if (t.layout.folder) {
      for (const key of ['active', 'done'] as const) {
        const dir = t.layout[key];
        if (dir !== undefined && !dir.includes('{slug}')) {
          ctx.addIssue({
            code: 'custom',
            path: ['layout', key],
            message: 'must contain {slug} when layout.folder is true',
          });
        }
      }
    }
  });

/** A validated `template.yaml`, defaults applied. */
export type TemplateSchema = z.infer<typeof templateSchema>;
export type StatusValue = TemplateSchema['status']['values'][number];
export type StatusStyle = (typeof STATUS_STYLES)[number];
export type TemplateFileEntry = TemplateSchema['files'][number];
