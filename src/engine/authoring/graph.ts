/**
 * The dialogue as a graph for reviews and docs: nodes, choices as edges labelled with their tags
 * (conditional branches show their condition), endings marked by outcome, reactions listed.
 */

import type { ScenarioBundle } from '../runtime/types';
import type { Condition } from './schema';

interface Edge {
  from: string;
  to: string;
  label: string;
  broken: boolean;
}

export function describeCondition(cond: Condition | undefined): string {
  if (!cond) return '';
  const parts: string[] = [];
  for (const meter of ['stress', 'trust'] as const) {
    const band = cond[meter];
    if (band?.gte !== undefined) parts.push(`${meter}≥${band.gte}`);
    if (band?.lte !== undefined) parts.push(`${meter}≤${band.lte}`);
  }
  for (const f of cond.flags ?? []) parts.push(f);
  for (const f of cond.notFlags ?? []) parts.push(`not ${f}`);
  return parts.join(' & ');
}

function edges(bundle: ScenarioBundle): Edge[] {
  return Object.entries(bundle.scenario.nodes).flatMap(([nodeId, node]) =>
    node.choices.flatMap((choice) => {
      const tags = choice.tags.length ? ` [${choice.tags.join(', ')}]` : '';
      const offered = choice.when ? ` if ${describeCondition(choice.when)}` : '';
      const branches =
        typeof choice.next === 'string' ? [{ goto: choice.next, when: undefined }] : choice.next;
      return branches.map((b) => ({
        from: nodeId,
        to: b.goto,
        label: `${choice.id}${tags}${offered}${b.when ? ` → if ${describeCondition(b.when)}` : ''}`,
        broken: (choice.rules ?? []).length > 0,
      }));
    }),
  );
}

const mermaidId = (id: string): string => id.replace(/[^a-zA-Z0-9_]/g, '_');
const mermaidText = (text: string): string => text.replace(/"/g, '#quot;');

export function toMermaid(bundle: ScenarioBundle): string {
  const { scenario } = bundle;
  const lines = ['flowchart TD'];
  for (const id of Object.keys(scenario.nodes)) lines.push(`  ${mermaidId(id)}["${mermaidText(id)}"]`);
  for (const [id, ending] of Object.entries(scenario.endings)) {
    lines.push(
      `  ${mermaidId(id)}(["${mermaidText(`${ending.outcome.toUpperCase()}: ${ending.title}`)}"]):::${ending.outcome}`,
    );
  }
  for (const e of edges(bundle)) {
    lines.push(
      `  ${mermaidId(e.from)} ${e.broken ? '-.->' : '-->'}|"${mermaidText(e.label)}"| ${mermaidId(e.to)}`,
    );
  }
  for (const r of scenario.reactions)
    lines.push(
      `  %% after any choice: if ${describeCondition(r.when)} go to ${r.goto}${r.note ? ` (${r.note})` : ''}`,
    );
  lines.push(`  ${mermaidId(scenario.start)}:::start`);
  lines.push(
    '  classDef good fill:#d7f0df,stroke:#1c6b3a',
    '  classDef mixed fill:#fff1d6,stroke:#8a5300',
    '  classDef bad fill:#fbdedd,stroke:#a3262a',
    '  classDef start stroke-width:3px',
  );
  return lines.join('\n');
}

const dotText = (text: string): string => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

export function toDot(bundle: ScenarioBundle): string {
  const { scenario } = bundle;
  const fill = { good: '#d7f0df', mixed: '#fff1d6', bad: '#fbdedd' } as const;
  const lines = [
    `digraph "${dotText(scenario.id)}" {`,
    '  rankdir=TB;',
    '  node [shape=box, style="rounded", fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const id of Object.keys(scenario.nodes))
    lines.push(`  "${dotText(id)}"${id === scenario.start ? ' [penwidth=3]' : ''};`);
  for (const [id, ending] of Object.entries(scenario.endings)) {
    lines.push(
      `  "${dotText(id)}" [shape=doubleoctagon, style=filled, fillcolor="${fill[ending.outcome]}", label="${dotText(`${ending.outcome.toUpperCase()}: ${ending.title}`)}"];`,
    );
  }
  for (const e of edges(bundle))
    lines.push(
      `  "${dotText(e.from)}" -> "${dotText(e.to)}" [label="${dotText(e.label)}"${e.broken ? ', style=dashed, color="#a3262a"' : ''}];`,
    );
  for (const r of scenario.reactions)
    lines.push(
      `  // after any choice: if ${describeCondition(r.when)} go to ${r.goto}${r.note ? ` (${r.note})` : ''}`,
    );
  lines.push('}');
  return lines.join('\n');
}
