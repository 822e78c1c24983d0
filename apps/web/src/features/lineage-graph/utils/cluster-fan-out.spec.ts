import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LineageGraph, LineageNode } from '../../../api/types.js';
import { clusterFanOut } from './cluster-fan-out.js';

const node = (id: string, kind: LineageNode['kind'] = 'DATASET'): LineageNode => ({
  id,
  kind,
  namespace: 'ns',
  name: id,
  label: id,
});

function fanOut(width: number): LineageGraph {
  const leaves = Array.from({ length: width }, (_, i) => node(`d${i}`));
  return {
    nodes: [node('src'), node('job', 'JOB'), ...leaves],
    edges: [
      { id: 'in', source: 'src', target: 'job', kind: 'INPUT_TO' },
      ...leaves.map((leaf) => ({ id: `o-${leaf.id}`, source: 'job', target: leaf.id, kind: 'OUTPUTS' })),
    ],
    truncated: false,
  };
}

describe('clusterFanOut', () => {
  it('leaves narrow graphs alone', () => {
    const graph = fanOut(5);
    assert.deepEqual(clusterFanOut(graph, 10), graph);
  });

  it('collapses all but the first page into one counted node', () => {
    const out = clusterFanOut(fanOut(312), 50);
    const cluster = out.nodes.find((n) => n.clusterSize);
    assert.equal(cluster?.label, '262 datasets');
    assert.equal(out.nodes.length, 2 + 50 + 1);
    assert.ok(out.edges.some((e) => e.source === 'job' && e.target === cluster.id));
    assert.ok(!out.nodes.some((n) => n.id === 'd100'));
  });

  it('opens page by page and disappears once all are shown', () => {
    const graph = fanOut(120);
    const id = clusterFanOut(graph, 50).nodes.find((n) => n.clusterSize)!.id;
    assert.equal(clusterFanOut(graph, 50, () => 100).nodes.find((n) => n.clusterSize)?.label, '20 datasets');
    assert.equal(clusterFanOut(graph, 50, (c) => (c === id ? 200 : 50)).nodes.length, 122);
  });

  it('keeps leaves that have other edges', () => {
    const graph = fanOut(80);
    graph.edges.push({ id: 'x', source: 'd3', target: 'src', kind: 'INPUT_TO' });
    const out = clusterFanOut(graph, 50);
    assert.ok(out.nodes.some((n) => n.id === 'd3'));
    assert.equal(out.nodes.find((n) => n.clusterSize)?.clusterSize, 29);
  });
});
