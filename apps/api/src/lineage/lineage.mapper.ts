import { LineageEdge, LineageNode } from './dto/lineage-graph.dto.js';
import { NodeKind } from './dto/lineage-enums.js';
import { hopId, type Hop, type Reached } from './traversal.js';

/**
 * The one empty list answers share: impact answers hold thousands of items
 * with no owners, tags or aliases. Frozen, so code that pushes onto a list it
 * did not make fails loudly instead of changing every item.
 */
export const NONE = Object.freeze([]) as never[];

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
    aliases:
      node.aliases.length === 0
        ? NONE
        : node.aliases.map((alias) => ({ namespace: alias.namespace, name: alias.name })),
  };
}

export function toLineageEdge(hop: Hop): LineageEdge {
  return { id: hopId(hop), source: hop.source, target: hop.target, kind: hop.kind, job: hop.job };
}

/**
 * Folds a value along every node's first-reached parent chain, each node
 * computed once: impact answers hold thousands of items whose paths share
 * prefixes, and walking each path again made the report quadratic in depth.
 * Values may be null but not undefined, which marks a node not folded yet.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` here means "anything but null or undefined"
export function foldPaths<T extends {} | null>(
  reached: Map<string, Reached>,
  atRoot: (node: Reached) => T,
  step: (parent: T, node: Reached) => T,
): (id: string) => T {
  const memo = new Map<string, T>();
  const valueOf = (id: string): T => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    // Reports ask in reach order, so the parent is usually folded already.
    const node = reached.get(id);
    const before = node?.parent ? memo.get(node.parent) : undefined;
    if (node && before !== undefined) {
      const value = step(before, node);
      memo.set(id, value);
      return value;
    }
    // Iterative so a long chain cannot overflow the stack.
    const chain: Reached[] = [];
    let base: T | undefined;
    for (let node = reached.get(id); node; node = node.parent ? reached.get(node.parent) : undefined) {
      base = memo.get(node.id);
      if (base !== undefined) break;
      chain.push(node);
      if (chain.length > 1_000) break;
    }
    let value = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      const node = chain[i]!;
      value = value === undefined ? atRoot(node) : step(value, node);
      memo.set(node.id, value);
    }
    if (value === undefined) throw new Error(`no reached node ${id}`);
    return value;
  };
  return valueOf;
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
