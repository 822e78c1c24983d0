import type { RunState } from '../../../api/types.js';

export type Column = {
  id?: string | null;
  name: string;
  path?: string | null;
  type?: string | null;
  description?: string | null;
  tags?: string[] | null;
};
export type JobRef = { namespace: string; name: string };
export type RunSummary = {
  id: string;
  state: RunState;
  startedAt?: string | null;
  endedAt?: string | null;
  durationMs?: number | null;
  jobName?: string | null;
};
export type SchemaVersion = {
  version: string;
  createdAt?: string | null;
  fields: Column[];
  diff?: { added: string[]; removed: string[]; retyped: string[] } | null;
};
export type Dataset = {
  namespace: string;
  name: string;
  description?: string | null;
  owners: string[];
  tags: string[];
  classifications?: string[] | null;
  fields: Column[];
  versions: SchemaVersion[];
  producers: JobRef[];
  consumers: JobRef[];
  latestRuns: RunSummary[];
  qualityAssertions?: unknown;
  facets?: unknown;
};

export const DATASET = /* GraphQL */ `
  query Dataset($namespace: String!, $name: String!) {
    dataset(namespace: $namespace, name: $name) {
      namespace
      name
      description
      owners
      tags
      classifications
      qualityAssertions
      fields {
        id
        name
        path
        type
        description
        tags
      }
      versions {
        version
        createdAt
        fields {
          name
          type
        }
        diff {
          added
          removed
          retyped
        }
      }
      producers {
        namespace
        name
      }
      consumers {
        namespace
        name
      }
      latestRuns {
        id
        state
        startedAt
        endedAt
        durationMs
        jobName
      }
      facets
    }
  }
`;
