import type { ClassificationFlowQuery } from '../../../api/generated/graphql.js';

export type ClassificationFlow = ClassificationFlowQuery['classificationFlow'];
export type FlowItem = ClassificationFlow['items'][number];

export const CLASSIFICATION_FLOW = /* GraphQL */ `
  query ClassificationFlow($classification: String!, $namespace: String) {
    classificationFlow(classification: $classification, namespace: $namespace) {
      classification
      includesIndirect
      totalFields
      totalDatasets
      restrictedFields
      items {
        sourceId
        distance
        path
        jobs
        node {
          id
          kind
          namespace
          name
          field
          label
        }
        owners {
          name
          type
        }
      }
    }
  }
`;
