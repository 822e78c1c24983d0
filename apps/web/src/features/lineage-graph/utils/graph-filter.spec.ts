import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LineageGraph } from '../../../api/types.js';
import { filterGraph } from './graph-filter.js';

const graph: LineageGraph = {
  nodes: [
    { id: 'a', kind: 'DATASET', namespace: 'pg', name: 'a', label: 'a' },
    { id: 'j', kind: 'JOB', namespace: 'dbt', name: 'j', label: 'j' },
    { id: 'b', kind: 'DATASET', namespace: 'wh', name: 'b', label: 'b' },
  ],
  edges: [
    { id: 'e1', source: 'a', target: 'j', kind: 'INPUT_TO' },
    { id: 'e2', source: 'j', target: 'b', kind: 'OUTPUTS' },
  ],
  truncated: false,
};

describe('filterGraph', () => {
  it('is the identity with nothing hidden', () => {
    assert.equal(filterGraph(graph, { hiddenNamespaces: new Set(), hiddenKinds: new Set() }), graph);
  });
  it('bridges hidden jobs with dataset-to-dataset edges', () => {
    const out = filterGraph(graph, { hiddenNamespaces: new Set(), hiddenKinds: new Set(['JOB']) });
    assert.deepEqual(
      out.nodes.map((n) => n.id),
      ['a', 'b'],
    );
    assert.deepEqual(
      out.edges.map((e) => [e.source, e.target, e.kind]),
      [['a', 'b', 'VIA_JOB']],
    );
  });
  it('drops a namespace and its edges', () => {
    const out = filterGraph(graph, { hiddenNamespaces: new Set(['wh']), hiddenKinds: new Set() });
    assert.deepEqual(
      out.edges.map((e) => e.id),
      ['e1'],
    );
  });
});
