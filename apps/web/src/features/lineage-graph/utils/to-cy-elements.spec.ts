import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LineageGraph } from '../../../api/types.js';
import { diffElements, mergeGraphs, toCyElements, type CyElement } from './to-cy-elements.js';

const graph: LineageGraph = {
  nodes: [
    { id: 'dataset:pg:orders', kind: 'DATASET', namespace: 'pg', name: 'orders', label: 'orders' },
    { id: 'job:dbt:stg', kind: 'JOB', namespace: 'dbt', name: 'stg', label: 'stg' },
    { id: 'field:pg:orders:id', kind: 'FIELD', namespace: 'pg', name: 'orders', field: 'id', label: 'orders.id' },
    { id: 'field:wh:stg:id', kind: 'FIELD', namespace: 'wh', name: 'stg', field: 'id', label: 'stg.id' },
  ],
  edges: [
    { id: 'e1', source: 'dataset:pg:orders', target: 'job:dbt:stg', kind: 'INPUT_TO' },
    { id: 'e2', source: 'field:pg:orders:id', target: 'field:wh:stg:id', kind: 'FEEDS' },
    { id: 'dangling', source: 'field:pg:orders:id', target: 'nowhere', kind: 'FEEDS' },
    { id: 'has', source: 'dataset:pg:orders', target: 'field:pg:orders:id', kind: 'HAS_FIELD' },
  ],
  truncated: false,
};

describe('toCyElements', () => {
  const elements = toCyElements(graph, new Map([['job:dbt:stg', 'FAIL']]));
  const byId = new Map(elements.map((element) => [element.data.id, element]));

  it('nests fields in their dataset, making up a missing parent', () => {
    assert.equal(byId.get('field:pg:orders:id')?.data.parent, 'dataset:pg:orders');
    assert.equal(byId.get('field:wh:stg:id')?.data.parent, 'dataset:wh:stg');
    assert.equal(byId.get('dataset:wh:stg')?.classes, 'dataset compound');
    assert.match(byId.get('dataset:pg:orders')!.classes, /compound/);
  });

  it('colours jobs by their last run and drops dangling edges', () => {
    assert.equal(byId.get('job:dbt:stg')?.classes, 'job state-fail');
    assert.equal(byId.get('e2')?.classes, 'feeds');
    assert.ok(!byId.has('dangling'));
    assert.ok(!byId.has('has'), 'HAS_FIELD is shown by nesting, not by an edge');
  });

  it('lists parents before children, as Cytoscape requires', () => {
    const index = (id: string) => elements.findIndex((element) => element.data.id === id);
    assert.ok(index('dataset:wh:stg') < index('field:wh:stg:id'));
  });
});

describe('diffElements', () => {
  it('adds, removes and updates by id', () => {
    const a: CyElement = { group: 'nodes', data: { id: 'a', label: 'A' }, classes: 'dataset' };
    const b: CyElement = { group: 'nodes', data: { id: 'b', label: 'B' }, classes: 'dataset' };
    const current = new Map([
      ['a', a],
      ['b', b],
    ]);
    const c: CyElement = { group: 'nodes', data: { id: 'c', label: 'C' }, classes: 'job' };
    const diff = diffElements(current, [{ ...a, classes: 'dataset state-fail' }, c]);
    assert.deepEqual(diff.remove, ['b']);
    assert.deepEqual(diff.add, [c]);
    assert.deepEqual(
      diff.update.map((element) => element.data.id),
      ['a'],
    );
    assert.deepEqual(diffElements(current, [a, b]), { add: [], remove: [], update: [] });
  });
});

describe('mergeGraphs', () => {
  it('unions nodes and edges by id', () => {
    const merged = mergeGraphs(graph, {
      nodes: [graph.nodes[0]!],
      edges: [{ id: 'e9', source: 'a', target: 'b', kind: 'X' }],
      truncated: true,
    });
    assert.equal(merged.nodes.length, 4);
    assert.equal(merged.edges.length, graph.edges.length + 1);
    assert.equal(merged.truncated, true);
  });
});
