/** One current column-lineage edge as propagation sees it. */
export type PropagationStep = { from: string; to: string; jobId: string | null; toBlocked: readonly string[] };

export type Reached = {
  id: string;
  /** The directly classified column it inherits from. */
  sourceId: string;
  /** Column ids from the source to this column, both included. */
  path: string[];
  /** Jobs along the path, one per edge. */
  jobs: Array<string | null>;
  distance: number;
};

export const MAX_PROPAGATION_DEPTH = 50;

/** `*` blocks every classification at a column, a name only that one. */
export function blocks(blocked: readonly string[], classification: string): boolean {
  return blocked.includes('*') || blocked.includes(classification);
}

/**
 * Breadth-first along current column lineage from the directly classified
 * columns: every column reached gets the shortest path (ties broken by id
 * order, so answers are stable); a column where a steward blocked the
 * classification is not entered, so nothing flows through it. Pure over the
 * layer fetch, so it runs the same against Neo4j and in unit tests.
 */
export async function propagate(
  classification: string,
  sources: readonly string[],
  nextLayer: (ids: string[]) => Promise<PropagationStep[]>,
  maxDepth = MAX_PROPAGATION_DEPTH,
): Promise<Map<string, Reached>> {
  const reached = new Map<string, Reached>();
  const ordered = [...new Set(sources)].sort();
  for (const id of ordered) reached.set(id, { id, sourceId: id, path: [id], jobs: [], distance: 0 });
  let frontier = ordered;
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth += 1) {
    const steps = [...(await nextLayer(frontier))].sort((a, b) =>
      a.from === b.from ? compare(a.to, b.to) : compare(a.from, b.from),
    );
    const next: string[] = [];
    for (const step of steps) {
      if (reached.has(step.to) || blocks(step.toBlocked, classification)) continue;
      const previous = reached.get(step.from);
      if (!previous) continue;
      reached.set(step.to, {
        id: step.to,
        sourceId: previous.sourceId,
        path: [...previous.path, step.to],
        jobs: [...previous.jobs, step.jobId],
        distance: depth,
      });
      next.push(step.to);
    }
    frontier = next;
  }
  return reached;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One current column-lineage edge seen from its target, with what the source column carries. */
export type UpstreamStep = {
  from: string;
  to: string;
  fromBlocked: readonly string[];
  /** Classifications set directly on the source column. */
  fromClassifications: readonly string[];
};

/**
 * The classifications a column inherits, found by walking column lineage
 * upstream: for each classification, the nearest directly classified column
 * whose path down to `target` enters no column that blocks it (the target
 * included). Gives the same answer as `propagate` from every source, without
 * touching the rest of the graph.
 */
export async function inherited(
  target: string,
  targetBlocked: readonly string[],
  previousLayer: (ids: string[]) => Promise<UpstreamStep[]>,
  maxDepth = MAX_PROPAGATION_DEPTH,
): Promise<Map<string, Reached>> {
  // The upstream subgraph, layer by layer.
  const into = new Map<string, UpstreamStep[]>();
  const blocked = new Map<string, readonly string[]>([[target, targetBlocked]]);
  const direct = new Map<string, readonly string[]>();
  const seen = new Set([target]);
  let frontier = [target];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth += 1) {
    const next: string[] = [];
    for (const step of await previousLayer(frontier)) {
      into.set(step.to, [...(into.get(step.to) ?? []), step]);
      blocked.set(step.from, step.fromBlocked);
      direct.set(step.from, step.fromClassifications);
      if (!seen.has(step.from)) {
        seen.add(step.from);
        next.push(step.from);
      }
    }
    frontier = next.sort();
  }
  const names = new Set([...direct.values()].flat());
  const out = new Map<string, Reached>();
  for (const name of [...names].sort()) {
    if (blocks(targetBlocked, name)) continue;
    // Breadth-first from the target; `down` remembers the next column towards the target.
    const down = new Map<string, string | null>([[target, null]]);
    let layer = [target];
    let found: string | undefined;
    for (let depth = 1; depth <= maxDepth && layer.length > 0 && !found; depth += 1) {
      const nextLayer: string[] = [];
      for (const id of layer) {
        for (const step of [...(into.get(id) ?? [])].sort((a, b) => compare(a.from, b.from))) {
          if (down.has(step.from)) continue;
          down.set(step.from, id);
          if (direct.get(step.from)?.includes(name)) {
            found ??= step.from;
            continue;
          }
          if (!blocks(blocked.get(step.from) ?? [], name)) nextLayer.push(step.from);
        }
      }
      layer = nextLayer.sort();
    }
    if (!found) continue;
    const path = [found];
    for (let at = down.get(found); at; at = down.get(at)) path.push(at);
    out.set(name, { id: target, sourceId: found, path, jobs: [], distance: path.length - 1 });
  }
  return out;
}
