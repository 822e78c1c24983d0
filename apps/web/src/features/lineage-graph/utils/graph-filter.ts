import type { LineageGraph, NodeKind } from '../../../api/types.js';

export type GraphFilter = { hiddenNamespaces: ReadonlySet<string>; hiddenKinds: ReadonlySet<NodeKind> };

/**
 * Hides nodes by namespace and kind. Hidden jobs are bridged: a dataset read
 * by a hidden job gets a direct edge to what that job wrote, so hiding jobs
 * shows dataset-to-dataset lineage rather than islands.
 */
export function filterGraph(graph: LineageGraph, filter: GraphFilter): LineageGraph {
  const hidden = new Set(
    graph.nodes
      .filter((node) => filter.hiddenNamespaces.has(node.namespace) || filter.hiddenKinds.has(node.kind))
      .map((node) => node.id),
  );
  if (hidden.size === 0) return graph;
  const jobs = new Set(graph.nodes.filter((node) => node.kind === 'JOB' && hidden.has(node.id)).map((node) => node.id));
  const into = new Map<string, string[]>();
  const outOf = new Map<string, string[]>();
  for (const edge of graph.edges) {
    if (jobs.has(edge.target)) into.set(edge.target, [...(into.get(edge.target) ?? []), edge.source]);
    if (jobs.has(edge.source)) outOf.set(edge.source, [...(outOf.get(edge.source) ?? []), edge.target]);
  }
  const edges = graph.edges.filter((edge) => !hidden.has(edge.source) && !hidden.has(edge.target));
  const seen = new Set(edges.map((edge) => `${edge.source}\u0000${edge.target}`));
  for (const job of jobs)
    for (const source of into.get(job) ?? [])
      for (const target of outOf.get(job) ?? []) {
        const key = `${source}\u0000${target}`;
        if (hidden.has(source) || hidden.has(target) || seen.has(key)) continue;
        seen.add(key);
        edges.push({ id: `via:${job}:${source}:${target}`, source, target, kind: 'VIA_JOB' });
      }
  return { nodes: graph.nodes.filter((node) => !hidden.has(node.id)), edges, truncated: graph.truncated };
}
