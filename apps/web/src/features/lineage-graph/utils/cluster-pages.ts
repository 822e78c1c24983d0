import type { LineageGraph } from '../../../api/types.js';

export type ClusterProgress = { cursor: string | null; remaining: number; done: boolean };

/**
 * Applies opened pages to server cluster nodes: the count drops to what is
 * still hidden ("262 more datasets"), and a cluster with nothing left goes,
 * with its edge.
 */
export function applyClusterProgress(
  graph: LineageGraph,
  progress: ReadonlyMap<string, ClusterProgress>,
): LineageGraph {
  if (progress.size === 0) return graph;
  const gone = new Set([...progress].filter(([, p]) => p.done || p.remaining <= 0).map(([id]) => id));
  const nodes = graph.nodes
    .filter((node) => !gone.has(node.id))
    .map((node) => {
      const p = progress.get(node.id);
      if (!p || !node.clusterSize) return node;
      const noun = node.kind === 'JOB' ? 'jobs' : node.kind === 'FIELD' ? 'columns' : 'datasets';
      return { ...node, clusterSize: p.remaining, label: `${p.remaining} more ${noun}` };
    });
  const edges = graph.edges.filter((edge) => !gone.has(edge.source) && !gone.has(edge.target));
  return { nodes, edges, truncated: graph.truncated };
}
