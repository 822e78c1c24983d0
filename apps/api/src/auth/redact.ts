import { createHmac, randomBytes } from 'node:crypto';

export const RESTRICTED = 'restricted';

// Per process: a placeholder id is stable across calls (so clients can key on
// it) but cannot be recomputed from a guessed name outside this process.
const key = randomBytes(32);

/** The id a restricted node or edge is shown under. */
export function opaqueId(id: string): string {
  return `${RESTRICTED}:${createHmac('sha256', key).update(id).digest('base64url').slice(0, 22)}`;
}

/** The parts of a lineage/impact node the policy looks at and hides. */
export type RedactableNode = {
  id: string;
  namespace: string;
  name: string;
  field?: string | null;
  label?: string;
  aliases?: ReadonlyArray<{ namespace: string; name: string }>;
};

/**
 * The opaque placeholder of a node the caller may not read: kind, cluster
 * size and position in the graph survive, every name, alias and description
 * is gone. Unknown extra properties are kept only when they are numbers,
 * booleans or enums the caller could not learn anything from.
 */
export function restrictNode<T extends RedactableNode>(node: T): T {
  const copy: Record<string, unknown> = { ...node };
  for (const [property, value] of Object.entries(copy)) {
    if (typeof value === 'string' && property !== 'kind') copy[property] = RESTRICTED;
    else if (Array.isArray(value)) copy[property] = [];
    else if (value !== null && typeof value === 'object') copy[property] = null;
  }
  copy.id = opaqueId(node.id);
  if (node.field === null || node.field === undefined) copy.field = node.field;
  if ('clusterOf' in node) copy.clusterOf = null;
  copy.restricted = true;
  return copy as T;
}

export type RedactableEdge = { id: string; source: string; target: string; job?: string | null };

/**
 * Applies the caller's read permission to a lineage graph: unreadable nodes
 * become placeholders and every edge keeps its shape with the ids rewritten,
 * so counts and connectivity stay true.
 */
export function redactGraph<N extends RedactableNode & { clusterOf?: string | null }, E extends RedactableEdge>(
  graph: { nodes: N[]; edges: E[] },
  canRead: (namespace: string) => boolean,
  jobNamespace?: (jobId: string) => string | undefined,
): { nodes: N[]; edges: E[] } {
  const hidden = new Set(graph.nodes.filter((node) => !canRead(node.namespace)).map((node) => node.id));
  if (hidden.size === 0 && !jobNamespace) return graph;
  const mapId = (id: string): string => (hidden.has(id) ? opaqueId(id) : id);
  const nodes = graph.nodes.map((node) => {
    if (hidden.has(node.id)) return restrictNode(node);
    if (node.clusterOf && hidden.has(node.clusterOf)) return { ...node, clusterOf: opaqueId(node.clusterOf) };
    return node;
  });
  const visible = new Set(graph.nodes.filter((node) => !hidden.has(node.id)).map((node) => node.id));
  const edges = graph.edges.map((edge) => {
    const touchesHidden = hidden.has(edge.source) || hidden.has(edge.target);
    // A job not in the answer is hidden with the edge it made into or out of a restricted node.
    const jobHidden =
      edge.job !== undefined &&
      edge.job !== null &&
      (hidden.has(edge.job) ||
        isHiddenJob(edge.job, canRead, jobNamespace) ||
        (touchesHidden && !visible.has(edge.job)));
    if (!hidden.has(edge.source) && !hidden.has(edge.target) && !jobHidden) return edge;
    return {
      ...edge,
      id: opaqueId(edge.id),
      source: mapId(edge.source),
      target: mapId(edge.target),
      ...(edge.job !== undefined ? { job: edge.job === null ? null : jobHidden ? opaqueId(edge.job) : edge.job } : {}),
    };
  });
  return { ...graph, nodes, edges };
}

function isHiddenJob(
  jobId: string,
  canRead: (namespace: string) => boolean,
  jobNamespace?: (jobId: string) => string | undefined,
): boolean {
  const namespace = jobNamespace?.(jobId);
  return namespace === undefined ? false : !canRead(namespace);
}

/** A path of node ids with the unreadable ones replaced by their placeholders' ids. */
export function redactPath(path: readonly string[], hidden: ReadonlySet<string>): string[] {
  return path.map((id) => (hidden.has(id) ? opaqueId(id) : id));
}
