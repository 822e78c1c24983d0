import { LineageEdge, LineageNode } from './dto/lineage-graph.dto.js';
import { NodeKind } from './dto/lineage-enums.js';
import { hopId, type Hop, type Reached } from './traversal.js';

const PLURAL: Record<Reached['kind'], string> = { DATASET: 'datasets', JOB: 'jobs', FIELD: 'fields' };

export function toLineageNode(node: Reached): LineageNode {
  const label =
    node.clusterSize !== null
      ? `${node.clusterSize} ${PLURAL[node.kind]}`
      : node.kind === 'FIELD'
        ? `${node.name}.${node.field ?? ''}`
        : node.name;
  return {
    id: node.id,
    kind: NodeKind[node.kind],
    namespace: node.namespace,
    name: node.name,
    field: node.kind === 'FIELD' ? node.field : null,
    label,
    clusterSize: node.clusterSize,
    clusterOf: node.clusterOf,
    aliases: node.aliases.map((alias) => ({ namespace: alias.namespace, name: alias.name })),
  };
}

export function toLineageEdge(hop: Hop): LineageEdge {
  return { id: hopId(hop), source: hop.source, target: hop.target, kind: hop.kind, job: hop.job };
}

/** Node ids from a root to `id`, following the first-reached parents. */
export function pathTo(reached: Map<string, Reached>, id: string): string[] {
  const path: string[] = [];
  for (let node = reached.get(id); node; node = node.parent ? reached.get(node.parent) : undefined) {
    path.push(node.id);
    if (path.length > 1_000) break;
  }
  return path.reverse();
}
