import type { RunState } from '../../../api/types.js';

export type Run = {
  id: string;
  state: RunState;
  startedAt?: string | null;
  endedAt?: string | null;
  durationMs?: number | null;
  errorMessage?: string | null;
  job?: { namespace: string; name: string } | null;
  inputs: Array<{ namespace: string; name: string }>;
  outputs: Array<{ namespace: string; name: string }>;
  facets?: unknown;
};

export const RUN = /* GraphQL */ `
  query Run($id: ID!) {
    run(id: $id) {
      id
      state
      startedAt
      endedAt
      durationMs
      errorMessage
      job {
        namespace
        name
      }
      inputs {
        namespace
        name
      }
      outputs {
        namespace
        name
      }
      facets
    }
  }
`;
