import type { LineageNode, RunState } from '../../../api/types.js';

/** Most jobs whose last run state one request asks for; keeps the query under the API's cost limit. */
export const MAX_STATE_LOOKUPS = 60;

/**
 * One aliased query for the latest run of many jobs (j0: job(...), j1: ...),
 * names passed as variables, never spliced into the query text.
 */
export function runStatesQuery(jobs: readonly LineageNode[]): { query: string; variables: Record<string, string> } {
  const picked = jobs.filter((job) => job.kind === 'JOB' && !job.clusterSize).slice(0, MAX_STATE_LOOKUPS);
  const variables: Record<string, string> = {};
  const params: string[] = [];
  const fields: string[] = [];
  picked.forEach((job, i) => {
    variables[`n${i}`] = job.namespace;
    variables[`m${i}`] = job.name;
    params.push(`$n${i}: String!, $m${i}: String!`);
    fields.push(`j${i}: job(namespace: $n${i}, name: $m${i}) { latestRun { state } }`);
  });
  const query = picked.length === 0 ? '' : `query RunStates(${params.join(', ')}) { ${fields.join(' ')} }`;
  return { query, variables };
}

/** The answer to runStatesQuery as node id → state, for colouring. */
export function readRunStates(
  jobs: readonly LineageNode[],
  data: Record<string, { latestRun?: { state: string } | null } | null>,
): Map<string, RunState> {
  const picked = jobs.filter((job) => job.kind === 'JOB' && !job.clusterSize).slice(0, MAX_STATE_LOOKUPS);
  const states = new Map<string, RunState>();
  picked.forEach((job, i) => {
    const state = data[`j${i}`]?.latestRun?.state;
    if (state) states.set(job.id, state as RunState);
  });
  return states;
}
