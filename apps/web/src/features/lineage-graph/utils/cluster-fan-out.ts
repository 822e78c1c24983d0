import type { LineageEdge, LineageGraph, LineageNode } from '../../../api/types.js';

export const CLUSTER_PREFIX = 'cluster:';

/**
 * Replaces wide fan-outs by a cluster node: when a node has more than
 * `threshold` leaf neighbours on one side (neighbours with no other edges),
 * only the first `shown(clusterId)` stay and the rest collapse into one node
 * labelled like "312 datasets". Opening a page raises `shown` for that id.
 */
export function clusterFanOut(
  graph: LineageGraph,
  threshold: number,
  shown: (clusterId: string) => number = () => threshold,
): LineageGraph {
  const degree = new Map<string, number>();
  for (const edge of graph.edges) {
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  // hub + side → leaf edges, in the server's order so paging is stable
  const groups = new Map<string, { hub: string; side: 'out' | 'in'; edges: LineageEdge[] }>();
  for (const edge of graph.edges) {
    for (const side of ['out', 'in'] as const) {
      const hub = side === 'out' ? edge.source : edge.target;
      const leaf = side === 'out' ? edge.target : edge.source;
      if (degree.get(leaf) !== 1 || (degree.get(hub) ?? 0) <= threshold) continue;
      const key = `${CLUSTER_PREFIX}${hub}:${side}:${byId.get(leaf)?.kind ?? 'DATASET'}`;
      const group = groups.get(key) ?? { hub, side, edges: [] };
      group.edges.push(edge);
      groups.set(key, group);
    }
  }
  const hidden = new Set<string>();
  const nodes: LineageNode[] = [];
  const edges: LineageEdge[] = [];
  for (const [id, group] of groups) {
    if (group.edges.length <= threshold) continue;
    const keep = Math.max(0, shown(id));
    const rest = group.edges.slice(keep);
    if (rest.length === 0) continue;
    const leaves = rest.map((edge) => (group.side === 'out' ? edge.target : edge.source));
    for (const leaf of leaves) hidden.add(leaf);
    const kind = byId.get(leaves[0]!)?.kind ?? 'DATASET';
    const hub = byId.get(group.hub);
    nodes.push({
      id,
      kind,
      namespace: hub?.namespace ?? '',
      name: id,
      label: `${rest.length} ${kind === 'JOB' ? 'jobs' : kind === 'FIELD' ? 'columns' : 'datasets'}`,
      clusterSize: rest.length,
    });
    edges.push({
      id: `${id}:edge`,
      source: group.side === 'out' ? group.hub : id,
      target: group.side === 'out' ? id : group.hub,
      kind: 'CLUSTER',
    });
  }
  return {
    nodes: [...graph.nodes.filter((node) => !hidden.has(node.id)), ...nodes],
    edges: [...graph.edges.filter((edge) => !hidden.has(edge.source) && !hidden.has(edge.target)), ...edges],
    truncated: graph.truncated,
  };
}
