import type { RunState } from '../../../api/types.js';

export type RecentRun = {
  id: string;
  state: RunState;
  startedAt?: string | null;
  endedAt?: string | null;
  lastEventTime?: string | null;
  durationMs?: number | null;
  jobNamespace: string;
  jobName: string;
  outputs: Array<{ id: string; namespace: string; name: string }>;
};

export const RECENT_RUNS = /* GraphQL */ `
  query RecentRuns($first: Int!) {
    recentRuns(first: $first) {
      id
      state
      startedAt
      endedAt
      lastEventTime
      durationMs
      jobNamespace
      jobName
      outputs {
        id
        namespace
        name
      }
    }
  }
`;
