/**
 * The task graph as a Mermaid flowchart: one box per task (done, ready, blocked
 * and unknown tasks styled apart), phases as subgraphs, `A --> B` when A must be
 * done before B, inferred phase order as dotted edges between subgraphs.
 */
import type { GraphView } from '../tasks/json.js';

const MAX_TITLE = 60;

export function renderMermaid(view: GraphView): string {
  const ids = new Map<string, string>();
  const nodeId = (id: string) => {
    let n = ids.get(id);
    if (!n) {
      n = `t${ids.size}`;
      ids.set(id, n);
    }
    return n;
  };
  const phaseId = new Map(view.phases.map((p, i) => [p.key, `p${i}`]));
  const out = ['flowchart LR'];
  const inPhase = new Set<string>();
  const nodes = new Map(view.nodes.map((n) => [n.id, n]));
  for (const p of view.phases) {
    out.push(`  subgraph ${phaseId.get(p.key)}["${label(`${p.spec} · ${p.title}${p.done ? ' ✓' : ''}`)}"]`);
    for (const id of p.tasks) {
      const n = nodes.get(id);
      if (!n) continue;
      inPhase.add(id);
      out.push(`    ${node(nodeId(id), n)}`);
    }
    out.push('  end');
  }
  for (const n of view.nodes) if (!inPhase.has(n.id)) out.push(`  ${node(nodeId(n.id), n)}`);
  for (const u of view.unknown) out.push(`  ${nodeId(u)}{{"${label(`${u} (unknown)`)}"}}:::unknown`);
  for (const e of view.edges) {
    if (e.via === 'phase-order') {
      const from = phaseId.get(e.from);
      const to = phaseId.get(e.to);
      if (from && to) out.push(`  ${from} -. phase order .-> ${to}`);
      continue;
    }
    if (!nodes.has(e.to) && !nodes.has(e.from)) continue;
    out.push(`  ${nodeId(e.from)} ${e.inferred ? '-.->' : '-->'} ${nodeId(e.to)}`);
  }
  out.push(
    '  classDef done fill:#dcfce7,stroke:#16a34a,color:#14532d',
    '  classDef ready fill:#dbeafe,stroke:#2563eb,color:#1e3a8a',
    '  classDef blocked fill:#fef3c7,stroke:#d97706,color:#78350f',
    '  classDef unknown fill:#f3f4f6,stroke:#6b7280,stroke-dasharray:4 4',
  );
  return `${out.join('\n')}\n`;
}

function node(id: string, n: GraphView['nodes'][number]): string {
  const mark = n.done ? '✓ ' : '';
  return `${id}["${label(`${mark}${n.id}`)}<br/>${label(truncate(n.title))}"]:::${n.state}`;
}

function truncate(s: string): string {
  return s.length > MAX_TITLE ? `${s.slice(0, MAX_TITLE - 1)}…` : s;
}

/** Mermaid entity codes: quotes, `#`, angle brackets and backticks would otherwise end or change a label. */
function label(s: string): string {
  return s.replace(/[#"<>`]/g, (c) => `#${c.charCodeAt(0)};`);
}
