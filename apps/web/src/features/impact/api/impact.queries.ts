import type { ImpactedItem, LineageGranularity, NodeRef } from '../../../api/types.js';

export type ImpactVariables = { targets: NodeRef[]; depth: number; granularity: LineageGranularity };
export type ImpactReport = {
  items: ImpactedItem[];
  totalDatasets: number;
  totalFields: number;
  totalJobs: number;
  truncated: boolean;
};

export const IMPACT = /* GraphQL */ `
  query Impact($targets: [NodeRef!]!, $depth: Int, $granularity: LineageGranularity) {
    impact(targets: $targets, depth: $depth, granularity: $granularity) {
      totalDatasets
      totalFields
      totalJobs
      truncated
      items {
        distance
        path
        owners
        tags
        classifications
        lastSuccessfulRunAt
        strongestTransformation
        node {
          id
          kind
          namespace
          name
          field
          label
        }
      }
    }
  }
`;

export const DATASET_COLUMNS = /* GraphQL */ `
  query DatasetColumns($namespace: String!, $name: String!) {
    dataset(namespace: $namespace, name: $name) {
      fields {
        name
      }
    }
  }
`;
