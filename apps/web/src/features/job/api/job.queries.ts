import type { DatasetRefLike } from '../../../api/refs.js';
import type { RunSummary } from '../../dataset/api/dataset.queries.js';

export type JobRun = RunSummary & { errorMessage?: string | null };
export type Job = {
  namespace: string;
  name: string;
  description?: string | null;
  jobType?: string | null;
  sql?: string | null;
  sourceCodeUrl?: string | null;
  owners: string[];
  tags: string[];
  inputs: DatasetRefLike[];
  outputs: DatasetRefLike[];
  parent?: { namespace: string; name: string } | null;
  children: Array<{ namespace: string; name: string }>;
  runs: { items: JobRun[] };
  facets?: unknown;
};

export const JOB = /* GraphQL */ `
  query Job($namespace: String!, $name: String!) {
    job(namespace: $namespace, name: $name) {
      namespace
      name
      description
      jobType
      sql
      sourceCodeUrl
      owners
      tags
      inputs {
        namespace
        name
      }
      outputs {
        namespace
        name
      }
      parent {
        namespace
        name
      }
      children {
        namespace
        name
      }
      runs(first: 50) {
        items {
          id
          state
          startedAt
          endedAt
          durationMs
          errorMessage
        }
      }
      facets
    }
  }
`;
