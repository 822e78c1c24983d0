import type { LineageEdge } from '../../../api/types.js';

export type Direction = 'upstream' | 'downstream' | 'both';
type Graph = { edges: readonly Pick<LineageEdge, 'source' | 'target'>[] };

function adjacency(graph: Graph, direction: Direction): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    const list = out.get(from);
    if (list) list.push(to);
    else out.set(from, [to]);
  };
  for (const { source, target } of graph.edges) {
    if (direction !== 'upstream') add(source, target);
    if (direction !== 'downstream') add(target, source);
  }
  return out;
}

/**
 * Breadth-first walk from `start` along edges in one direction (or both);
 * returns every reached id with its hop distance (start at 0). One function
 * for both directions, so upstream and downstream cannot drift apart.
 */
export function traverse(graph: Graph, start: string, direction: Direction, maxDepth = Infinity): Map<string, number> {
  const next = adjacency(graph, direction);
  const distance = new Map<string, number>([[start, 0]]);
  let frontier = [start];
  for (let depth = 1; frontier.length > 0 && depth <= maxDepth; depth++) {
    const following: string[] = [];
    for (const id of frontier)
      for (const neighbour of next.get(id) ?? [])
        if (!distance.has(neighbour)) {
          distance.set(neighbour, depth);
          following.push(neighbour);
        }
    frontier = following;
  }
  return distance;
}

/**
 * The shortest directed path between two nodes, trying a → b downstream and
 * then b → a; ids in order from the upstream end, or undefined when neither
 * reaches the other.
 */
export function pathBetween(graph: Graph, a: string, b: string): string[] | undefined {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const next = adjacency(graph, 'downstream');
    const previous = new Map<string, string>();
    const seen = new Set([from]);
    let frontier = [from];
    while (frontier.length > 0 && !seen.has(to)) {
      const following: string[] = [];
      for (const id of frontier)
        for (const neighbour of next.get(id) ?? [])
          if (!seen.has(neighbour)) {
            seen.add(neighbour);
            previous.set(neighbour, id);
            following.push(neighbour);
          }
      frontier = following;
    }
    if (seen.has(to)) {
      const path = [to];
      while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
      return path;
    }
  }
  return undefined;
}

/** Edge ids whose both ends lie on consecutive positions of `path`. */
export function edgesOnPath(edges: readonly LineageEdge[], path: readonly string[]): string[] {
  const pairs = new Set(path.slice(1).map((id, i) => `${path[i]}\u0000${id}`));
  return edges.filter((edge) => pairs.has(`${edge.source}\u0000${edge.target}`)).map((edge) => edge.id);
}
