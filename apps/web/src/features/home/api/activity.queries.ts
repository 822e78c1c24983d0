import type { RecentRunsQuery } from '../../../api/generated/graphql.js';

export type RecentRun = RecentRunsQuery['recentRuns'][number];

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
