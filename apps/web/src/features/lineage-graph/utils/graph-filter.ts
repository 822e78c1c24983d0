import type { LineageGraph, NodeKind } from '../../../api/types.js';

export type GraphFilter = {
  hiddenNamespaces: ReadonlySet<string>;
  hiddenKinds: ReadonlySet<NodeKind>;
  /** When set, datasets and columns outside it are hidden too (the tag filter); jobs stay while they connect. */
  onlyIds?: ReadonlySet<string>;
};

export type NodeTags = { tags: readonly string[]; classifications: readonly string[] };

/**
 * Ids of the datasets and columns carrying any of `selected` (as a tag or a
 * classification), plus the datasets holding such columns and `keep` (the
 * root). Undefined when nothing is selected: no tag filter.
 */
export function taggedIds(
  graph: LineageGraph,
  tagsById: ReadonlyMap<string, NodeTags>,
  selected: ReadonlySet<string>,
  keep?: string,
): Set<string> | undefined {
  if (selected.size === 0) return undefined;
  const matches = (id: string) => {
    const tags = tagsById.get(id);
    return !!tags && [...tags.tags, ...tags.classifications].some((tag) => selected.has(tag));
  };
  const ids = new Set<string>(keep ? [keep] : []);
  const datasetsWithFields = new Set<string>();
  for (const node of graph.nodes) {
    if (node.kind === 'JOB' || !matches(node.id)) continue;
    ids.add(node.id);
    if (node.kind === 'FIELD') datasetsWithFields.add(`${node.namespace}\u0000${node.name}`);
  }
  for (const node of graph.nodes)
    if (node.kind === 'DATASET' && datasetsWithFields.has(`${node.namespace}\u0000${node.name}`)) ids.add(node.id);
  return ids;
}

/** Every tag and classification among the nodes shown, with how many nodes carry it, most used first. */
export function tagCounts(
  graph: LineageGraph,
  tagsById: ReadonlyMap<string, NodeTags>,
): Array<{ tag: string; count: number }> {
  const counts = new Map<string, number>();
  for (const node of graph.nodes) {
    const tags = tagsById.get(node.id);
    if (!tags) continue;
    for (const tag of new Set([...tags.tags, ...tags.classifications])) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/**
 * Hides nodes by namespace and kind. Hidden jobs are bridged: a dataset read
 * by a hidden job gets a direct edge to what that job wrote, so hiding jobs
 * shows dataset-to-dataset lineage rather than islands.
 */
export function filterGraph(graph: LineageGraph, filter: GraphFilter): LineageGraph {
  const only = filter.onlyIds;
  const hidden = new Set(
    graph.nodes
      .filter(
        (node) =>
          filter.hiddenNamespaces.has(node.namespace) ||
          filter.hiddenKinds.has(node.kind) ||
          (only !== undefined && node.kind !== 'JOB' && !only.has(node.id)),
      )
      .map((node) => node.id),
  );
  if (only !== undefined) {
    // A job left with nothing shown on either side is noise.
    const touching = new Set<string>();
    for (const edge of graph.edges) {
      if (!hidden.has(edge.source)) touching.add(edge.target);
      if (!hidden.has(edge.target)) touching.add(edge.source);
    }
    for (const node of graph.nodes) if (node.kind === 'JOB' && !touching.has(node.id)) hidden.add(node.id);
  }
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
