import type { Command } from 'commander';
import { SCHEMA_VERSION } from '../report/spec-json.js';
import { formatStatus } from '../templates/index.js';
import { type CommonOptions, withCommon, workspaceFor } from './common.js';
import { dim, print, printJson, table } from './output.js';

export function register(program: Command): void {
  withCommon(
    program.command('templates').description('the templates available: built-in and your own'),
  ).action(async (opts: CommonOptions) => {
    const ws = await workspaceFor(opts);
    const list = ws.templates.list();
    if (opts.json) {
      printJson({
        schemaVersion: SCHEMA_VERSION,
        templates: list.map((t) => ({
          kind: t.kind,
          source: t.source,
          description: t.schema.description,
          files: t.files.map((f) => f.path),
          layout: t.schema.layout,
          statuses: t.schema.status.values.map((v) => ({
            value: formatStatus(v),
            state: v.state,
            initial: !!v.initial,
            done: !!v.done,
          })),
          requiredSections: t.requiredSections.map((s) => s.title),
        })),
      });
      return;
    }
    print(
      table(
        list.map((t) => [
          t.kind,
          t.source,
          t.schema.status.values.map((v) => formatStatus(v)).join(' · '),
          t.schema.layout.active,
        ]),
        ['KIND', 'SOURCE', 'STATUSES', 'LOCATION'],
      ),
    );
    print(dim(`\nAdd or override a kind in .specwright/templates/<kind>/ (template.yaml + Markdown).`));
  });
}
