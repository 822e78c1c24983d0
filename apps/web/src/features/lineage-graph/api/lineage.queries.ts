import type { LineageDirection, LineageGranularity, LineageGraph, NodeRef } from '../../../api/types.js';

export type LineageVariables = {
  node: NodeRef;
  direction: LineageDirection;
  depth: number;
  granularity: LineageGranularity;
  asOf?: string;
  limit?: number;
};

export type LineageResult = { lineage: LineageGraph };

const GRAPH_FIELDS = /* GraphQL */ `
  truncated
  nodes {
    id
    kind
    namespace
    name
    field
    label
    clusterSize
    clusterOf
  }
  edges {
    id
    source
    target
    kind
  }
`;

export type SplitLineageVariables = Omit<LineageVariables, 'direction' | 'depth'> & { up: number; down: number };
export type SplitLineageResult = { up: LineageGraph; down: LineageGraph };

/** Upstream and downstream to different depths: two aliased traversals in one request, merged by the caller. */
export function splitLineageQuery(withAsOf: boolean): string {
  const asOf = withAsOf ? ', asOf: $asOf' : '';
  const args = `node: $node, granularity: $granularity, limit: $limit${asOf}`;
  return /* GraphQL */ `
    query SplitLineage($node: NodeRef!, $up: Int, $down: Int, $granularity: LineageGranularity, $limit: Int${
      withAsOf ? ', $asOf: DateTime' : ''
    }) {
      up: lineage(${args}, direction: UPSTREAM, depth: $up) {${GRAPH_FIELDS}}
      down: lineage(${args}, direction: DOWNSTREAM, depth: $down) {${GRAPH_FIELDS}}
    }
  `;
}

/** The lineage query; `asOf` is only declared when asked for, so plain views need nothing beyond the contract. */
export function lineageQuery(withAsOf: boolean): string {
  return /* GraphQL */ `
    query Lineage($node: NodeRef!, $direction: LineageDirection, $depth: Int, $granularity: LineageGranularity, $limit: Int${
      withAsOf ? ', $asOf: DateTime' : ''
    }) {
      lineage(node: $node, direction: $direction, depth: $depth, granularity: $granularity, limit: $limit${
        withAsOf ? ', asOf: $asOf' : ''
      }) {
        truncated
        nodes {
          id
          kind
          namespace
          name
          field
          label
          clusterSize
          clusterOf
        }
        edges {
          id
          source
          target
          kind
        }
      }
    }
  `;
}
