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
