import type { ImpactedItem, LineageGraph, LineageNode } from '../../../api/types.js';

/**
 * The downstream graph of an impact report, rebuilt from each item's path
 * (target → … → item), so the page needs no second query. Path ids that are
 * not items themselves (the targets) become nodes labelled by `targetLabel`.
 */
export function impactGraph(items: readonly ImpactedItem[], targetLabel: (id: string) => LineageNode): LineageGraph {
  const nodes = new Map<string, LineageNode>();
  for (const item of items) nodes.set(item.node.id, item.node);
  const edges = new Map<string, { id: string; source: string; target: string; kind: string }>();
  for (const item of items) {
    for (const id of item.path) if (!nodes.has(id)) nodes.set(id, targetLabel(id));
    for (let i = 1; i < item.path.length; i++) {
      const source = item.path[i - 1]!;
      const target = item.path[i]!;
      const id = `${source}->${target}`;
      if (!edges.has(id)) edges.set(id, { id, source, target, kind: 'IMPACT' });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: false };
}
