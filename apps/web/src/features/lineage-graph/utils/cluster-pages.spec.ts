import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LineageGraph } from '../../../api/types.js';
import { applyClusterProgress } from './cluster-pages.js';

const graph: LineageGraph = {
  nodes: [
    { id: 'job', kind: 'JOB', namespace: 'n', name: 'job', label: 'job' },
    { id: 'c1', kind: 'DATASET', namespace: 'n', name: 'c1', label: '312 datasets', clusterSize: 312 },
  ],
  edges: [{ id: 'e', source: 'job', target: 'c1', kind: 'OUTPUTS' }],
  truncated: false,
};

describe('applyClusterProgress', () => {
  it('counts down what is still hidden', () => {
    const out = applyClusterProgress(graph, new Map([['c1', { cursor: 'x', remaining: 262, done: false }]]));
    assert.equal(out.nodes[1]?.label, '262 more datasets');
    assert.equal(out.edges.length, 1);
  });
  it('drops an exhausted cluster and its edge', () => {
    const out = applyClusterProgress(graph, new Map([['c1', { cursor: null, remaining: 0, done: true }]]));
    assert.deepEqual(
      out.nodes.map((n) => n.id),
      ['job'],
    );
    assert.deepEqual(out.edges, []);
  });
});
