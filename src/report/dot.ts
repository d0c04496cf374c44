/**
 * The task graph in Graphviz DOT: one box per task filled by state, phases as
 * clusters, `a -> b` when a must be done before b; inferred edges (phase order,
 * blueprint order) dashed; unknown dependencies as dashed grey nodes.
 */
import type { GraphView } from '../tasks/json.js';

const FILL = { done: '#dcfce7', ready: '#dbeafe', blocked: '#fef3c7' } as const;
const MAX_TITLE = 60;

export function renderDot(view: GraphView): string {
  const out = [
    'digraph tasks {',
    '  graph [rankdir=LR, compound=true, fontname="Helvetica"];',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const nodes = new Map(view.nodes.map((n) => [n.id, n]));
  const placed = new Set<string>();
  for (const p of view.phases) {
    out.push(`  subgraph ${quote(`cluster_${p.key}`)} {`);
    out.push(
      `    label=${quote(`${p.spec} · ${p.title}${p.done ? ' ✓' : ''}`)}; style=rounded; color="#9ca3af";`,
    );
    for (const id of p.tasks) {
      const n = nodes.get(id);
      if (!n) continue;
      placed.add(id);
      out.push(`    ${nodeLine(n)}`);
    }
    out.push('  }');
  }
  for (const n of view.nodes) if (!placed.has(n.id)) out.push(`  ${nodeLine(n)}`);
  for (const u of view.unknown)
    out.push(`  ${quote(u)} [label=${quote(`${u}\n(unknown)`)}, style="dashed", color="#6b7280"];`);
  const firstTask = new Map(view.phases.map((p) => [p.key, p.tasks.find((t) => nodes.has(t))]));
  for (const e of view.edges) {
    const where = quote(`${e.file}:${e.line}`);
    if (e.via === 'phase-order') {
      const a = firstTask.get(e.from);
      const b = firstTask.get(e.to);
      if (a && b)
        out.push(
          `  ${quote(a)} -> ${quote(b)} [ltail=${quote(`cluster_${e.from}`)}, lhead=${quote(`cluster_${e.to}`)}, style=dashed, label="phase order", tooltip=${where}];`,
        );
      continue;
    }
    if (!nodes.has(e.to) && !nodes.has(e.from)) continue;
    out.push(`  ${quote(e.from)} -> ${quote(e.to)} [tooltip=${where}${e.inferred ? ', style=dashed' : ''}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

function nodeLine(n: GraphView['nodes'][number]): string {
  const title = n.title.length > MAX_TITLE ? `${n.title.slice(0, MAX_TITLE - 1)}…` : n.title;
  const label = `${n.done ? '✓ ' : ''}${n.id}\n${title}`;
  return `${quote(n.id)} [label=${quote(label)}, fillcolor=${quote(FILL[n.state])}, tooltip=${quote(`${n.file}:${n.line}`)}];`;
}

/** A DOT double-quoted string: backslashes and quotes escaped, newlines as `\n`. */
function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
