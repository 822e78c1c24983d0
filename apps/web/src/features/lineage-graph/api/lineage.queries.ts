import type { SplitLineageQuery } from '../../../api/generated/graphql.js';
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

/** The node and edge fields every lineage view reads; a real fragment, so the documents validate as written. */
export const LINEAGE_GRAPH_FIELDS = /* GraphQL */ `
  fragment LineageGraphFields on LineageGraph {
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
`;

export type SplitLineageVariables = Omit<LineageVariables, 'direction' | 'depth'> & { up: number; down: number };
export type SplitLineageResult = SplitLineageQuery;

const SPLIT = /* GraphQL */ `
  query SplitLineage($node: NodeRef!, $up: Int, $down: Int, $granularity: LineageGranularity, $limit: Int) {
    up: lineage(node: $node, direction: UPSTREAM, depth: $up, granularity: $granularity, limit: $limit) {
      ...LineageGraphFields
    }
    down: lineage(node: $node, direction: DOWNSTREAM, depth: $down, granularity: $granularity, limit: $limit) {
      ...LineageGraphFields
    }
  }
`;

const SPLIT_AS_OF = /* GraphQL */ `
  query SplitLineageAsOf(
    $node: NodeRef!
    $up: Int
    $down: Int
    $granularity: LineageGranularity
    $limit: Int
    $asOf: DateTime
  ) {
    up: lineage(node: $node, direction: UPSTREAM, depth: $up, granularity: $granularity, limit: $limit, asOf: $asOf) {
      ...LineageGraphFields
    }
    down: lineage(
      node: $node
      direction: DOWNSTREAM
      depth: $down
      granularity: $granularity
      limit: $limit
      asOf: $asOf
    ) {
      ...LineageGraphFields
    }
  }
`;

/** Upstream and downstream to different depths: two aliased traversals in one request, merged by the caller. */
export function splitLineageQuery(withAsOf: boolean): string {
  return (withAsOf ? SPLIT_AS_OF : SPLIT) + LINEAGE_GRAPH_FIELDS;
}

const LINEAGE = /* GraphQL */ `
  query Lineage(
    $node: NodeRef!
    $direction: LineageDirection
    $depth: Int
    $granularity: LineageGranularity
    $limit: Int
  ) {
    lineage(node: $node, direction: $direction, depth: $depth, granularity: $granularity, limit: $limit) {
      ...LineageGraphFields
    }
  }
`;

const LINEAGE_AS_OF = /* GraphQL */ `
  query LineageAsOf(
    $node: NodeRef!
    $direction: LineageDirection
    $depth: Int
    $granularity: LineageGranularity
    $limit: Int
    $asOf: DateTime
  ) {
    lineage(node: $node, direction: $direction, depth: $depth, granularity: $granularity, limit: $limit, asOf: $asOf) {
      ...LineageGraphFields
    }
  }
`;

/** The lineage query; `asOf` is only declared when asked for, so plain views need nothing beyond the contract. */
export function lineageQuery(withAsOf: boolean): string {
  return (withAsOf ? LINEAGE_AS_OF : LINEAGE) + LINEAGE_GRAPH_FIELDS;
}
