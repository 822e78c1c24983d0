import type { LineageEdge, LineageNode } from '../../../api/types.js';

export type NeighbourPage = {
  nodes: LineageNode[];
  edges: LineageEdge[];
  endCursor?: string | null;
  hasNextPage: boolean;
  totalCount: number;
};

/** One page of what a server-side cluster node stands for. */
export const NEIGHBOURS = /* GraphQL */ `
  query Neighbours(
    $node: NodeRef!
    $direction: LineageDirection!
    $first: Int
    $after: String
    $granularity: LineageGranularity
  ) {
    neighbours(node: $node, direction: $direction, first: $first, after: $after, granularity: $granularity) {
      totalCount
      hasNextPage
      endCursor
      nodes {
        id
        kind
        namespace
        name
        field
        label
        clusterSize
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
