import type { Command } from 'commander';
import type { SpecDocument } from '../model/types.js';
import { showJson } from '../report/spec-json.js';
import { lastRunsFor } from '../verify/history.js';
import { listSpecs, readSpec, resolveSpec, slugOf } from '../workspace/workspace.js';
import { type CommonOptions, cwdOf, withCommon, workspaceFor } from './common.js';
import { bold, cyan, dim, green, percent, print, printJson, progressBar, yellow } from './output.js';

export function register(program: Command): void {
  withCommon(
    program
      .command('show')
      .argument('<spec>', 'a slug, or the path of any Markdown file')
      .description('metadata, status, sections with progress, checklist, ids, references and placeholders'),
  ).action(async (query: string, opts: CommonOptions) => {
    const ws = await workspaceFor(opts);
    const path = resolveSpec(ws, listSpecs(ws), query, cwdOf(opts));
    const doc = readSpec(ws, path);
    const slug = slugOf(doc.path);
    const json = showJson(doc, slug, lastRunsFor(ws.root, [slug]).get(slug) ?? null);
    if (opts.json) printJson(json);
    else printShow(doc, json);
  });
}

function printShow(doc: SpecDocument, json: ReturnType<typeof showJson>): void {
  print(bold(json.title ?? doc.path));
  print(dim(`${doc.path} · ${json.kind}${json.kindEvidence.length ? ` (${json.kindEvidence[0]})` : ''}`));
  const st = json.status;
  print(
    `Status:   ${st ? `${st.unset ? yellow('not set') : st.raw}${st.state ? dim(` → ${st.state}`) : ''}${st.source === 'folder' ? dim(' (from folder)') : ''}` : dim('none')}`,
  );
  print(
    `Progress: ${progressBar(json.progress.checked, json.progress.total)} ${json.progress.checked}/${json.progress.total}`,
  );
  const run = json.lastRun;
  if (run)
    print(
      `Verified: ${run.passed ? green('passed') : yellow('failed')} ${dim(`${run.at.slice(0, 16).replace('T', ' ')} UTC${run.complete ? '' : ', some levels'}${run.current ? ', at HEAD' : run.commit ? ', not at HEAD' : ''}`)}`,
    );
  const meta = Object.entries(json.metadata).filter(([k]) => !/^(status|state)$/i.test(k));
  if (meta.length) {
    print();
    print(bold('Metadata'));
    for (const [k, v] of meta.slice(0, 20)) print(`  ${k}: ${v}`);
  }
  print();
  print(bold('Sections'));
  const walk = (sections: typeof json.sections, indent: string) => {
    for (const s of sections) {
      const p = s.progress.total
        ? ` ${percent(s.progress.checked, s.progress.total)} ${dim(`${s.progress.checked}/${s.progress.total}`)}`
        : '';
      const done = s.progress.total > 0 && s.progress.checked === s.progress.total;
      print(`${indent}${done ? green(s.title) : s.title}${p} ${dim(`:${s.line}`)}`);
      walk(s.children, `${indent}  `);
    }
  };
  walk(json.sections, '  ');
  if (json.ids.length) {
    print();
    print(`${bold('Ids')} ${json.ids.map((i) => i.id).join(' ')}`);
  }
  const issues = json.references.filter((r) => r.kind === 'issue');
  if (issues.length)
    print(
      `${bold('Issue refs')} ${issues.map((r) => `#${r.target}${r.relation ? dim(`(${r.relation})`) : ''}`).join(' ')}`,
    );
  if (json.placeholders.length) {
    print();
    print(yellow(bold(`Placeholders (${json.placeholders.length})`)));
    for (const p of json.placeholders.slice(0, 30))
      print(`  ${cyan(`${doc.path}:${p.line}:${p.column}`)} ${p.text}`);
    if (json.placeholders.length > 30) print(dim(`  … ${json.placeholders.length - 30} more`));
  }
  if (json.problems.length) {
    print();
    print(yellow(bold('Problems')));
    for (const p of json.problems)
      print(`  ${cyan(`${doc.path}:${p.line}:${p.column}`)} ${p.message} ${dim(p.ruleId)}`);
  }
}
