import { Injectable } from '@nestjs/common';
import { LineageRepository, type TraversalView } from '../graph/read/lineage.repository.js';
import type { Direction, EdgeTimeFilter } from '../graph/read/read-rows.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../query-limits/pagination.js';
import { LineageDirection, LineageGranularity } from './dto/lineage-enums.js';
import type { LineageDiff, LineageEdge, LineageGraph, LineageNode } from './dto/lineage-graph.dto.js';
import {
  DEFAULT_CLUSTER_THRESHOLD,
  MAX_DEPTH,
  MAX_LIMIT,
  type LineageArgs,
  type LineageDiffArgs,
  type NeighboursArgs,
} from './dto/lineage.args.js';
import type { NeighbourPage } from './dto/neighbour-page.dto.js';
import { checkRange, invalidArgument } from './lineage.errors.js';
import { toLineageEdge, toLineageNode } from './lineage.mapper.js';
import { NodeResolver, type ResolvedNode } from './node-resolver.service.js';
import {
  traverseDatasets,
  traverseFields,
  type Hop,
  type Reached,
  type TraversalOptions,
  type TraversalResult,
} from './traversal.js';

// A cluster page and a diff read whole neighbourhoods before cutting them; this bounds them.
const NEIGHBOUR_SCAN_LIMIT = 10_000;

export interface TraversalRequest {
  direction: LineageDirection;
  depth: number;
  granularity: LineageGranularity;
  includeJobs: boolean;
  limit: number;
  clusterThreshold: number | null;
  time: EdgeTimeFilter;
}

@Injectable()
export class LineageService {
  constructor(
    private readonly repository: LineageRepository,
    private readonly nodes: NodeResolver,
  ) {}

  async lineage(args: LineageArgs): Promise<LineageGraph> {
    const depth = args.depth ?? 3;
    const limit = args.limit ?? 500;
    const clusterThreshold = args.clusterThreshold ?? DEFAULT_CLUSTER_THRESHOLD;
    checkRange('depth', depth, 0, MAX_DEPTH);
    checkRange('limit', limit, 1, MAX_LIMIT);
    checkRange('clusterThreshold', clusterThreshold, 1, NEIGHBOUR_SCAN_LIMIT);
    const request: TraversalRequest = {
      direction: args.direction ?? LineageDirection.BOTH,
      depth,
      granularity: args.granularity ?? LineageGranularity.DATASET,
      includeJobs: args.includeJobs ?? true,
      limit,
      clusterThreshold,
      time: { asOf: args.asOf ?? null, staleSince: null },
    };
    const view = await this.view(request);
    const root = await this.nodes.resolve(args.node, view);
    return toGraph(await this.traverse(root, request, view));
  }

  async lineageDiff(args: LineageDiffArgs): Promise<LineageDiff> {
    const depth = args.depth ?? 3;
    checkRange('depth', depth, 0, MAX_DEPTH);
    if (args.from.getTime() > args.to.getTime()) throw invalidArgument('`from` must not be later than `to`');
    const root = await this.nodes.resolve(args.node);
    const at = (asOf: Date): Promise<TraversalResult> =>
      this.traverse(root, {
        direction: args.direction ?? LineageDirection.BOTH,
        depth,
        granularity: args.granularity ?? LineageGranularity.DATASET,
        includeJobs: true,
        limit: MAX_LIMIT,
        clusterThreshold: null,
        time: { asOf, staleSince: null },
      });
    const [before, after] = await Promise.all([at(args.from), at(args.to)]);
    const minus = <T>(a: Map<string, T>, b: Map<string, T>): T[] =>
      [...a].filter(([id]) => !b.has(id)).map(([, v]) => v);
    return {
      addedNodes: minus(after.reached, before.reached).map(toLineageNode),
      removedNodes: minus(before.reached, after.reached).map(toLineageNode),
      addedEdges: minus(after.hops, before.hops).map(toLineageEdge),
      removedEdges: minus(before.hops, after.hops).map(toLineageEdge),
      truncated: before.truncated || after.truncated,
    };
  }

  /** The direct neighbours of a node one page at a time: what a cluster node opens into. */
  async neighbours(args: NeighboursArgs): Promise<NeighbourPage> {
    const first = args.first ?? 50;
    checkPageSize(first);
    if (args.direction === LineageDirection.BOTH) throw invalidArgument('direction must be UPSTREAM or DOWNSTREAM');
    const offset = decodeCursor(args.after);
    const root = await this.nodes.resolve(args.node);
    const result = await this.traverse(root, {
      direction: args.direction,
      depth: 1,
      granularity: args.granularity ?? LineageGranularity.DATASET,
      includeJobs: true,
      limit: NEIGHBOUR_SCAN_LIMIT,
      clusterThreshold: null,
      time: { asOf: args.asOf ?? null, staleSince: null },
    });
    // The page is over the far side: datasets (or fields) for a dataset, jobs' datasets for a job.
    const wanted = root.kind === 'FIELD' ? 'FIELD' : 'DATASET';
    const all = [...result.reached.values()]
      .filter((node) => node.distance === 1 && node.kind === wanted)
      .map(toLineageNode)
      .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : 1));
    const page = all.slice(offset, offset + first);
    const onPage = new Set(page.map((node) => node.id));
    const jobs = [...result.reached.values()].filter((node) => node.kind === 'JOB' && node.distance === 1);
    const edges = [...result.hops.values()].filter((hop) => onPage.has(hop.source) || onPage.has(hop.target));
    const jobIds = new Set(edges.flatMap((hop) => [hop.source, hop.target]));
    const jobNodes = jobs.filter((job) => jobIds.has(job.id)).map(toLineageNode);
    const end = offset + page.length;
    return {
      nodes: [...page, ...jobNodes],
      edges: edges.map(toLineageEdge),
      totalCount: all.length,
      endCursor: page.length > 0 ? encodeCursor(end) : null,
      hasNextPage: end < all.length,
    };
  }

  /** One synced view of the lineage for a request of this shape. */
  private view(request: TraversalRequest): Promise<TraversalView> {
    return this.repository.view({ time: request.time });
  }

  /** One traversal in one or both directions, merged under the node budget. */
  async traverse(root: ResolvedNode, request: TraversalRequest, given?: TraversalView): Promise<TraversalResult> {
    const view = given ?? (await this.view(request));
    if (request.direction !== LineageDirection.BOTH) {
      return this.traverseOne(view, root, request.direction, request.limit, request);
    }
    // Each side gets half the budget (the root counts in both), so neither
    // walks nodes the merge would drop; a side that stops early hands its
    // unused budget to the other.
    const downBudget = Math.ceil((request.limit + 1) / 2);
    const upBudget = request.limit + 1 - downBudget;
    let [down, up] = await Promise.all([
      this.traverseOne(view, root, 'DOWNSTREAM', downBudget, request),
      this.traverseOne(view, root, 'UPSTREAM', upBudget, request),
    ]);
    if (!down.truncated && up.truncated && down.reached.size < downBudget) {
      up = await this.traverseOne(view, root, 'UPSTREAM', request.limit + 1 - down.reached.size, request);
    } else if (!up.truncated && down.truncated && up.reached.size < upBudget) {
      down = await this.traverseOne(view, root, 'DOWNSTREAM', request.limit + 1 - up.reached.size, request);
    }
    return mergeResults([down, up], request.limit);
  }

  private async traverseOne(
    view: TraversalView,
    root: ResolvedNode,
    direction: Direction,
    maxNodes: number,
    request: TraversalRequest,
  ): Promise<TraversalResult> {
    const options: TraversalOptions = {
      direction,
      depth: request.depth,
      time: request.time,
      includeJobs: request.includeJobs,
      maxNodes: Math.max(1, maxNodes),
      clusterThreshold: request.clusterThreshold,
    };
    if (request.granularity === LineageGranularity.COLUMN) {
      const roots = await this.nodes.fieldRoots(root);
      return view.run((source) => traverseFields(source, roots, options));
    }
    if (root.kind === 'FIELD') throw invalidArgument('a FIELD node needs granularity COLUMN');
    return view.run((source) => traverseDatasets(source, [root], options));
  }
}

/** Unites the two directions; over the budget, the farthest nodes go first. */
export function mergeResults(results: TraversalResult[], limit: number): TraversalResult {
  const reached = new Map<string, Reached>();
  const hops = new Map<string, Hop>();
  let truncated = false;
  for (const result of results) {
    truncated ||= result.truncated;
    for (const [id, node] of result.reached) {
      const seen = reached.get(id);
      if (!seen || node.distance < seen.distance) reached.set(id, node);
    }
    for (const [id, hop] of result.hops) hops.set(id, hop);
  }
  if (reached.size > limit) {
    truncated = true;
    const keep = new Set(
      [...reached.values()]
        .sort((a, b) => a.distance - b.distance)
        .slice(0, limit)
        .map((node) => node.id),
    );
    for (const id of [...reached.keys()]) if (!keep.has(id)) reached.delete(id);
  }
  for (const [id, hop] of hops) if (!reached.has(hop.source) || !reached.has(hop.target)) hops.delete(id);
  return { reached, hops, truncated };
}

export function toGraph(result: TraversalResult): LineageGraph {
  const nodes: LineageNode[] = [...result.reached.values()].map(toLineageNode);
  const edges: LineageEdge[] = [...result.hops.values()].map(toLineageEdge);
  return { nodes, edges, truncated: result.truncated };
}
