import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, request } from '../../../api/client.js';
import type { LineageDirection, LineageGraph, LineageNode, NodeRef } from '../../../api/types.js';
import { useQuery } from '../../../api/use-query.js';
import { lineageQuery, type LineageResult, type LineageVariables } from '../api/lineage.queries.js';
import { mergeGraphs } from '../utils/to-cy-elements.js';

export const LINEAGE_LIMIT = 2000;

/** The root lineage plus whatever the user expanded since; expansions reset when the root query changes. */
export function useLineage(variables: LineageVariables) {
  const query = lineageQuery(Boolean(variables.asOf));
  const state = useQuery<LineageResult>(query, { ...variables, limit: variables.limit ?? LINEAGE_LIMIT });
  const [extra, setExtra] = useState<LineageGraph[]>([]);
  const [expandError, setExpandError] = useState<ApiError>();
  const key = JSON.stringify(variables);
  useEffect(() => {
    setExtra([]);
    setExpandError(undefined);
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

  const graph = useMemo(() => {
    if (state.status !== 'done') return undefined;
    return extra.reduce(mergeGraphs, state.data.lineage);
  }, [state, extra]);
  return { state, graph, expand, expandError };
}
