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
