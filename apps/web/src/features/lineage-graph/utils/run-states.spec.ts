import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LineageNode } from '../../../api/types.js';
import { readRunStates, runStatesQuery } from './run-states.js';

const job = (name: string): LineageNode => ({
  id: `job:ns:${name}`,
  kind: 'JOB',
  namespace: 'airflow://x',
  name,
  label: name,
});

describe('run states', () => {
  it('asks for every job in one aliased query with names as variables', () => {
    const { query, variables } = runStatesQuery([job('a'), { ...job('x'), kind: 'DATASET' }, job('b"} evil')]);
    assert.equal(
      query,
      'query RunStates($n0: String!, $m0: String!, $n1: String!, $m1: String!) { j0: job(namespace: $n0, name: $m0) { latestRun { state } } j1: job(namespace: $n1, name: $m1) { latestRun { state } } }',
    );
    assert.deepEqual(variables, { n0: 'airflow://x', m0: 'a', n1: 'airflow://x', m1: 'b"} evil' });
    assert.equal(runStatesQuery([]).query, '');
  });
  it('maps the answer back to node ids, skipping jobs without runs', () => {
    const jobs = [job('a'), job('b'), job('c')];
    const states = readRunStates(jobs, { j0: { latestRun: { state: 'FAIL' } }, j1: { latestRun: null }, j2: null });
    assert.deepEqual([...states], [['job:ns:a', 'FAIL']]);
  });
});
