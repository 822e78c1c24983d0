import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, request } from '../../../api/client.js';
import type { LineageDirection, LineageGraph, LineageNode, NodeRef } from '../../../api/types.js';
import { type QueryState, useQuery } from '../../../api/use-query.js';
import type { LineageDepths } from '../../../routing/routes.js';
import {
  lineageQuery,
  type LineageResult,
  type LineageVariables,
  splitLineageQuery,
  type SplitLineageResult,
} from '../api/lineage.queries.js';
import { NEIGHBOURS, type NeighbourPage } from '../api/neighbours.queries.js';
import { applyClusterProgress, type ClusterProgress } from '../utils/cluster-pages.js';
import { mergeGraphs } from '../utils/to-cy-elements.js';

const CLUSTER_PAGE = 50;

export const LINEAGE_LIMIT = 2000;

/**
 * The root lineage plus whatever the user expanded since; expansions reset
 * when the root query changes. When `depths` differ on the two sides, one
 * request asks upstream and downstream separately and the graphs are merged.
 */
export function useLineage(variables: LineageVariables, depths?: LineageDepths) {
  const query = lineageQuery(Boolean(variables.asOf));
  const split = depths !== undefined && depths.up > 0 && depths.down > 0 && depths.up !== depths.down;
  const limit = variables.limit ?? LINEAGE_LIMIT;
  const single = useQuery<LineageResult>(query, { ...variables, limit }, split);
  const { direction: _direction, depth: _depth, ...common } = variables;
  const double = useQuery<SplitLineageResult>(
    splitLineageQuery(Boolean(variables.asOf)),
    { ...common, limit, up: depths?.up ?? 0, down: depths?.down ?? 0 },
    !split,
  );
  const state = useMemo<QueryState<LineageResult>>(
    () =>
      !split
        ? single
        : double.status === 'done'
          ? { status: 'done', data: { lineage: mergeGraphs(double.data.up, double.data.down) } }
          : double,
    [split, single, double],
  );
  const [extra, setExtra] = useState<LineageGraph[]>([]);
  const [expandError, setExpandError] = useState<ApiError>();
  const [clusters, setClusters] = useState<ReadonlyMap<string, ClusterProgress>>(new Map());
  const key = JSON.stringify([variables, depths]);
  useEffect(() => {
    setExtra([]);
    setExpandError(undefined);
    setClusters(new Map());
  }, [key]);

  const expand = useCallback(
    async (node: LineageNode, direction: LineageDirection) => {
      const ref: NodeRef = {
        kind: node.kind,
        namespace: node.namespace,
        name: node.name,
        ...(node.field ? { field: node.field } : {}),
      };
      try {
        const data = await request<LineageResult>(query, { ...variables, node: ref, direction, depth: 1, limit: 500 });
        setExtra((list) => [...list, data.lineage]);
      } catch (error) {
        setExpandError(error instanceof ApiError ? error : new ApiError(String(error), 'CLIENT'));
      }
    },
    // variables is compared through its JSON key
    [query, key],
  );

  const merged = useMemo(
    () => (state.status === 'done' ? extra.reduce(mergeGraphs, state.data.lineage) : undefined),
    [state, extra],
  );

  /** Opens the next page of a server cluster node through `neighbours`. */
  const openCluster = useCallback(
    async (cluster: LineageNode) => {
      if (!merged || !cluster.clusterOf) return;
      const hub = merged.nodes.find((node) => node.id === cluster.clusterOf);
      const edge = merged.edges.find((e) => e.source === cluster.id || e.target === cluster.id);
      if (!hub || !edge) return;
      const progress = clusters.get(cluster.id);
      const ref: NodeRef = {
        kind: hub.kind,
        namespace: hub.namespace,
        name: hub.name,
        ...(hub.field ? { field: hub.field } : {}),
      };
      try {
        const data = await request<{ neighbours: NeighbourPage }>(NEIGHBOURS, {
          node: ref,
          direction: edge.source === hub.id ? 'DOWNSTREAM' : 'UPSTREAM',
          first: CLUSTER_PAGE,
          after: progress?.cursor ?? null,
          granularity: variables.granularity,
        });
        const page = data.neighbours;
        setExtra((list) => [...list, { nodes: page.nodes, edges: page.edges, truncated: false }]);
        setClusters((map) =>
          new Map(map).set(cluster.id, {
            cursor: page.endCursor ?? null,
            remaining: Math.max(0, (progress?.remaining ?? cluster.clusterSize ?? 0) - page.nodes.length),
            done: !page.hasNextPage,
          }),
        );
      } catch (error) {
        setExpandError(error instanceof ApiError ? error : new ApiError(String(error), 'CLIENT'));
      }
    },
    [merged, clusters, variables.granularity],
  );

  const graph = useMemo(() => (merged ? applyClusterProgress(merged, clusters) : undefined), [merged, clusters]);
  return { state, graph, expand, openCluster, expandError };
}
