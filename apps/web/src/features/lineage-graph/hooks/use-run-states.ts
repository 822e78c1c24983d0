import { useEffect, useState } from 'react';
import { request } from '../../../api/client.js';
import type { LineageNode, RunState } from '../../../api/types.js';
import { readRunStates, runStatesQuery } from '../utils/run-states.js';

/** Latest run state of the jobs shown, for colouring; best effort — the graph works without it. */
export function useRunStates(nodes: readonly LineageNode[] | undefined): ReadonlyMap<string, RunState> {
  const [states, setStates] = useState<ReadonlyMap<string, RunState>>(new Map());
  const jobs = (nodes ?? []).filter((node) => node.kind === 'JOB');
  const key = jobs.map((job) => job.id).join('\n');
  useEffect(() => {
    const { query, variables } = runStatesQuery(jobs);
    if (!query) return undefined;
    const controller = new AbortController();
    request<Record<string, { latestRun?: { state: string } | null } | null>>(query, variables, controller.signal).then(
      (data) => setStates(readRunStates(jobs, data)),
      () => undefined,
    );
    return () => controller.abort();
    // The job list is compared by its ids.
  }, [key]);
  return states;
}
