import type {
  DatasetHopRow,
  DatasetRow,
  DatasetWithSymlinks,
  Direction,
  EdgeTimeFilter,
  FeedsRow,
  FieldRow,
  JobRow,
  LayerSource,
} from '../graph/read/read-rows.js';

import { compareUnits } from '../graph/read/topology-index.js';

export type { LayerSource } from '../graph/read/read-rows.js';

export type ReachedKind = 'DATASET' | 'JOB' | 'FIELD';

export interface Reached {
  id: string;
  kind: ReachedKind;
  namespace: string;
  name: string;
  field: string | null;
  aliases: DatasetRow[];
  /** Datasets (or fields) between a root and this node; the job feeding a dataset shares its distance. */
  distance: number;
  /** The node this one was first reached from (null for roots): following it gives a shortest path. */
  parent: string | null;
  /** For a field: the dataset holding it. */
  datasetId: string | null;
  /** For a field: the column lineage edge it was first reached over. */
  feeds: FeedsRow | null;
  /** Set on cluster nodes. */
  clusterSize: number | null;
  clusterOf: string | null;
}

export interface Hop {
  source: string;
  target: string;
  kind: 'INPUT_TO' | 'OUTPUTS' | 'DERIVES' | 'FEEDS' | 'HAS_FIELD';
  job: string | null;
}

export interface TraversalOptions {
  direction: Direction;
  depth: number;
  time: EdgeTimeFilter;
  includeJobs: boolean;
  /** Node budget for the whole result; reaching it sets `truncated`. */
  maxNodes: number;
  /** More new neighbours than this at one node become one cluster node; null never clusters. */
  clusterThreshold: number | null;
  /** False skips recording hops (impact reads only the reached nodes and their parents). */
  recordHops?: boolean;
}

export interface TraversalResult {
  reached: Map<string, Reached>;
  hops: Map<string, Hop>;
  truncated: boolean;
}

/** A symlink component is one node, keyed by the smallest id among its members. */
export function mergeSymlinks(dataset: DatasetWithSymlinks): { key: string; main: DatasetRow; members: DatasetRow[] } {
  if (dataset.symlinks.length === 0) {
    const main = { id: dataset.id, namespace: dataset.namespace, name: dataset.name };
    return { key: main.id, main, members: [main] };
  }
  const members = [{ id: dataset.id, namespace: dataset.namespace, name: dataset.name }, ...dataset.symlinks];
  members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const main = members[0]!;
  return { key: main.id, main, members };
}

/**
 * Rows grouped by the node they leave, groups in `from` order and each group
 * in `within` order: what sorting every row by (from, within) and grouping
 * gives, without comparing the long shared prefixes of ids across all rows
 * of a layer (a wide layer has tens of thousands).
 */
export function groupByFrom<R extends { from: string }>(rows: R[], within: (a: R, b: R) => number): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(row.from);
    if (group) group.push(row);
    else groups.set(row.from, [row]);
  }
  const sorted = new Map<string, R[]>();
  for (const from of [...groups.keys()].sort(compareUnits)) sorted.set(from, groups.get(from)!.sort(within));
  return sorted;
}

export function clusterId(direction: Direction, parent: string, kind: ReachedKind): string {
  return `cluster:${direction.toLowerCase()}:${kind.toLowerCase()}:${parent}`;
}

export function hopId(hop: Pick<Hop, 'kind' | 'source' | 'target' | 'job'>): string {
  return hop.job ? `${hop.kind}:${hop.source}->${hop.target}@${hop.job}` : `${hop.kind}:${hop.source}->${hop.target}`;
}

/** Collects reached nodes and hops under the node budget. */
class Accumulator {
  readonly reached = new Map<string, Reached>();
  readonly hops = new Map<string, Hop>();
  truncated = false;

  constructor(
    private readonly maxNodes: number,
    private readonly direction: Direction,
    private readonly recordHops = true,
  ) {}

  has(id: string): boolean {
    return this.reached.has(id);
  }

  /** Adds the node unless the budget is spent; false when it was not added (and did not exist). */
  add(node: Reached): boolean {
    return this.reached.has(node.id) || this.addNew(node);
  }

  /** `add` for a node the caller just found absent: a wide layer asks once per row, not twice. */
  addNew(node: Reached): boolean {
    if (this.reached.size >= this.maxNodes) {
      this.truncated = true;
      return false;
    }
    this.reached.set(node.id, node);
    return true;
  }

  /** Records a hop in data-flow order: downstream hops as found, upstream ones reversed. */
  hop(from: string, to: string, kind: Hop['kind'], job: string | null = null): void {
    if (!this.recordHops) return;
    // Callers name kinds as seen downstream; walking upstream reverses both ends and the role.
    const upstream = this.direction === 'UPSTREAM';
    const [source, target] = upstream ? [to, from] : [from, to];
    const role = upstream && kind === 'INPUT_TO' ? 'OUTPUTS' : upstream && kind === 'OUTPUTS' ? 'INPUT_TO' : kind;
    const hop = { source, target, kind: role, job };
    this.hops.set(hopId(hop), hop);
  }

  /** A field hangs off its dataset whichever way the walk goes. */
  fieldHop(datasetId: string, fieldId: string): void {
    if (!this.recordHops) return;
    const hop = { source: datasetId, target: fieldId, kind: 'HAS_FIELD' as const, job: null };
    this.hops.set(hopId(hop), hop);
  }
}

function datasetNode(merged: ReturnType<typeof mergeSymlinks>, distance: number, parent: string | null): Reached {
  return {
    id: merged.key,
    kind: 'DATASET',
    namespace: merged.main.namespace,
    name: merged.main.name,
    field: null,
    aliases: merged.members.slice(1),
    distance,
    parent,
    datasetId: null,
    feeds: null,
    clusterSize: null,
    clusterOf: null,
  };
}

function jobNode(job: JobRow, distance: number, parent: string | null): Reached {
  return {
    id: job.id,
    kind: 'JOB',
    namespace: job.namespace,
    name: job.name,
    field: null,
    aliases: [],
    distance,
    parent,
    datasetId: null,
    feeds: null,
    clusterSize: null,
    clusterOf: null,
  };
}

function clusterNode(
  direction: Direction,
  parent: Reached,
  kind: ReachedKind,
  size: number,
  distance: number,
): Reached {
  return {
    id: clusterId(direction, parent.id, kind),
    kind,
    namespace: parent.namespace,
    name: parent.field ? `${parent.name}.${parent.field}` : parent.name,
    field: null,
    aliases: [],
    distance,
    parent: parent.id,
    datasetId: null,
    feeds: null,
    clusterSize: size,
    clusterOf: parent.id,
  };
}

export type DatasetRoot = { kind: 'DATASET'; dataset: DatasetWithSymlinks } | { kind: 'JOB'; job: JobRow };

/**
 * Rows a layer may return: enough for the remaining budget even when many
 * rows repeat known nodes (column lineage repeats more: one row per edge).
 */
export function rowCap(acc: { size: number }, maxNodes: number, perNode = 2): number {
  return perNode * Math.max(0, maxNodes - acc.size) + 64;
}

/**
 * Breadth-first over Dataset→Job→Dataset, one repository call per layer (plus
 * one for the names of the datasets it reaches, unless the layer brought them
 * along). Depth counts datasets; the
 * budget and the fan-out threshold are applied between layers so the database
 * never walks more than one layer past what the answer can hold.
 */
export async function traverseDatasets(
  source: LayerSource,
  roots: DatasetRoot[],
  options: TraversalOptions,
): Promise<TraversalResult> {
  const acc = new Accumulator(options.maxNodes, options.direction, options.recordHops);
  /** Member dataset id → key of the (merged) node it belongs to. */
  const keyOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  const details = new Map<string, DatasetWithSymlinks>();
  const register = (merged: ReturnType<typeof mergeSymlinks>): void => {
    members.set(
      merged.key,
      merged.members.map((member) => member.id),
    );
    for (const member of merged.members) keyOf.set(member.id, merged.key);
  };
  let frontier: string[] = [];
  const jobRoots: string[] = [];
  for (const root of roots) {
    if (root.kind === 'DATASET') {
      const merged = mergeSymlinks(root.dataset);
      acc.add(datasetNode(merged, 0, null));
      register(merged);
      frontier.push(merged.key);
    } else {
      acc.add(jobNode(root.job, 0, null));
      jobRoots.push(root.job.id);
    }
  }

  const threshold = options.clusterThreshold ?? Number.POSITIVE_INFINITY;
  const unseenCount = (ids: string[]): number => ids.filter((id) => !acc.has(keyOf.get(id) ?? id)).length;

  /** Adds the datasets one job leads to; returns the keys that are new. */
  const addDatasets = async (from: Reached, via: Reached, next: string[], distance: number): Promise<string[]> => {
    const fresh: string[] = [];
    const parentForEdge = options.includeJobs ? via.id : from.id;
    const kind = options.includeJobs ? 'OUTPUTS' : 'DERIVES';
    const unseen = unseenCount(next);
    if (unseen > threshold) {
      const cluster = clusterNode(options.direction, options.includeJobs ? via : from, 'DATASET', unseen, distance);
      if (acc.add(cluster)) acc.hop(parentForEdge, cluster.id, kind);
      for (const id of next) {
        const key = keyOf.get(id);
        if (key && acc.has(key)) acc.hop(parentForEdge, key, kind);
      }
      return fresh;
    }
    // lookUp skipped the groups that looked like clusters before the layer
    // began; one that earlier groups of the layer shrank below the threshold
    // is asked for here.
    if (!source.datasetNow) {
      const missing = next.filter((id) => !keyOf.has(id) && !details.has(id));
      if (missing.length > 0) for (const dataset of await source.datasets(missing)) details.set(dataset.id, dataset);
    }
    for (const id of next) {
      let key = keyOf.get(id);
      if (!key) {
        const dataset = details.get(id) ?? source.datasetNow?.(id);
        // The source does not know it (a dataset deleted while the walk ran).
        if (!dataset) {
          acc.truncated = true;
          continue;
        }
        const merged = mergeSymlinks(dataset);
        if (!acc.has(merged.key)) {
          if (!acc.add(datasetNode(merged, distance, via.id))) continue;
          register(merged);
          fresh.push(merged.key);
        }
        keyOf.set(id, merged.key);
        key = merged.key;
      }
      if (key === from.id && !options.includeJobs) continue;
      if (acc.has(key)) acc.hop(parentForEdge, key, kind);
    }
    return fresh;
  };

  /** Keeps the names and symlinks a layer brought along, so lookUp need not ask for them. */
  const remember = (rows: DatasetHopRow[]): void => {
    for (const row of rows) for (const dataset of row.nextDatasets ?? []) details.set(dataset.id, dataset);
  };

  /**
   * Looks up names and symlinks of every unknown dataset of a layer (outside
   * clusters). All of them, not only as many as the budget has room for: a
   * dataset that turns out to merge into a known symlink node costs no
   * budget, and the one after it must then be known too.
   */
  const lookUp = async (groups: string[][]): Promise<void> => {
    // A source answering at once is asked per dataset as the walk meets it:
    // a wide far side then costs no batch and no second map of its rows.
    if (source.datasetNow) return;
    const wanted: string[] = [];
    const seen = new Set<string>();
    for (const next of groups) {
      if (unseenCount(next) > threshold) continue;
      for (const id of next) {
        if (keyOf.has(id) || details.has(id) || seen.has(id)) continue;
        seen.add(id);
        wanted.push(id);
      }
    }
    for (const dataset of await source.datasets(wanted)) details.set(dataset.id, dataset);
  };

  // A job root's own layer: its datasets are at distance 1.
  if (jobRoots.length > 0 && options.depth > 0) {
    const rows = await source.jobLayer(options.direction, jobRoots, options.time);
    remember(rows);
    rows.sort((a, b) => compareUnits(a.from, b.from));
    for (const row of rows) row.next.sort(compareUnits);
    await lookUp(rows.map((row) => row.next));
    for (const row of rows) {
      const job = acc.reached.get(row.from)!;
      frontier.push(...(await addDatasets(job, job, row.next, 1)));
    }
  }
  const firstLayer = jobRoots.length > 0 ? 2 : 1;

  for (let layer = firstLayer; layer <= options.depth && frontier.length > 0 && !acc.truncated; layer++) {
    const maxRows = rowCap(acc.reached, options.maxNodes);
    const rows = await source.datasetLayer(
      options.direction,
      frontier.map((key) => ({ key, members: members.get(key) ?? [key] })),
      options.time,
      maxRows,
    );
    remember(rows);
    // Sorted so that equally short paths resolve the same way on every call.
    const byFrom = groupByFrom(rows, (a, b) => compareUnits(a.job.id, b.job.id));
    for (const row of rows) row.next.sort(compareUnits);
    const groups: string[][] = [];
    for (const jobRows of byFrom.values()) {
      if (options.includeJobs && jobRows.filter((row) => !acc.has(row.job.id)).length > threshold) continue;
      if (!options.includeJobs) groups.push([...new Set(jobRows.flatMap((row) => row.next))]);
      else for (const row of jobRows) groups.push(row.next);
    }
    await lookUp(groups);

    const nextFrontier: string[] = [];
    for (const [fromKey, jobRows] of byFrom) {
      const from = acc.reached.get(fromKey)!;
      if (!options.includeJobs) {
        const nexts = [...new Set(jobRows.flatMap((row) => row.next))].sort(compareUnits);
        nextFrontier.push(...(await addDatasets(from, from, nexts, layer)));
        continue;
      }
      const unseenJobs = jobRows.filter((row) => !acc.has(row.job.id));
      if (unseenJobs.length > threshold) {
        const cluster = clusterNode(options.direction, from, 'JOB', unseenJobs.length, layer);
        if (acc.add(cluster)) acc.hop(from.id, cluster.id, 'INPUT_TO');
        for (const row of jobRows) if (acc.has(row.job.id)) acc.hop(from.id, row.job.id, 'INPUT_TO');
        continue;
      }
      for (const row of jobRows) {
        if (!acc.add(jobNode(row.job, layer, from.id))) continue;
        acc.hop(from.id, row.job.id, 'INPUT_TO');
        nextFrontier.push(...(await addDatasets(from, acc.reached.get(row.job.id)!, row.next, layer)));
      }
    }
    // Rows cut at the cap may hide nodes: the answer is then incomplete.
    if (rows.length >= maxRows) acc.truncated = true;
    frontier = nextFrontier;
  }
  return { reached: acc.reached, hops: acc.hops, truncated: acc.truncated };
}

/**
 * Breadth-first over Field→Field column lineage. Depth counts fields; each
 * field brings its dataset along as a HAS_FIELD parent that costs no depth.
 */
export async function traverseFields(
  source: LayerSource,
  roots: { field: FieldRow; dataset: DatasetRow }[],
  options: TraversalOptions,
): Promise<TraversalResult> {
  const acc = new Accumulator(options.maxNodes, options.direction, options.recordHops);
  const threshold = options.clusterThreshold ?? Number.POSITIVE_INFINITY;
  const addDataset = (dataset: DatasetRow, distance: number): void => {
    if (acc.has(dataset.id)) return;
    acc.addNew(datasetNode({ key: dataset.id, main: dataset, members: [dataset] }, distance, null));
  };
  /** Adds a field not reached yet (and its dataset); false when the budget is spent. */
  const addNewField = (
    field: FieldRow,
    dataset: DatasetRow,
    distance: number,
    parent: string | null,
    feeds: FeedsRow | null,
  ): boolean => {
    addDataset(dataset, distance);
    const added = acc.addNew({
      id: field.id,
      kind: 'FIELD',
      namespace: field.namespace,
      name: field.datasetName,
      field: field.path,
      aliases: [],
      distance,
      parent,
      datasetId: dataset.id,
      feeds,
      clusterSize: null,
      clusterOf: null,
    });
    if (added) acc.fieldHop(dataset.id, field.id);
    return added;
  };

  let frontier: string[] = [];
  for (const root of roots) {
    if (acc.has(root.field.id) || addNewField(root.field, root.dataset, 0, null, null)) frontier.push(root.field.id);
  }
  for (let layer = 1; layer <= options.depth && frontier.length > 0 && !acc.truncated; layer++) {
    const maxRows = rowCap(acc.reached, options.maxNodes, 4);
    const rows = await source.fieldLayer(options.direction, frontier, options.time, maxRows);
    const byFrom = groupByFrom(
      rows,
      (a, b) => compareUnits(a.node.id, b.node.id) || compareUnits(a.edge.jobId ?? '', b.edge.jobId ?? ''),
    );
    const next: string[] = [];
    for (const [fromId, hops] of byFrom) {
      const from = acc.reached.get(fromId)!;
      // Impact never clusters: no set of thousands of new ids to count.
      const unseen =
        options.clusterThreshold === null
          ? null
          : new Set(hops.filter((row) => !acc.has(row.node.id)).map((row) => row.node.id));
      if (unseen && unseen.size > threshold) {
        const cluster = clusterNode(options.direction, from, 'FIELD', unseen.size, layer);
        if (acc.add(cluster)) acc.hop(from.id, cluster.id, 'FEEDS');
        for (const row of hops) if (!unseen.has(row.node.id)) acc.hop(from.id, row.node.id, 'FEEDS', row.edge.jobId);
        continue;
      }
      for (const row of hops) {
        if (acc.has(row.node.id)) {
          acc.hop(from.id, row.node.id, 'FEEDS', row.edge.jobId);
          continue;
        }
        if (!addNewField(row.node, row.dataset, layer, from.id, row.edge)) continue;
        acc.hop(from.id, row.node.id, 'FEEDS', row.edge.jobId);
        next.push(row.node.id);
      }
    }
    if (rows.length >= maxRows) acc.truncated = true;
    frontier = next;
  }
  return { reached: acc.reached, hops: acc.hops, truncated: acc.truncated };
}
