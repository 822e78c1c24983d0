import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LineageNode } from '../../../api/types.js';
import { impactGraph } from './impact-graph.js';

const node = (id: string, kind: LineageNode['kind'] = 'DATASET'): LineageNode => ({
  id,
  kind,
  namespace: 'n',
  name: id,
  label: id,
});

describe('impactGraph', () => {
  it('rebuilds nodes and edges from the paths, targets included', () => {
    const graph = impactGraph(
      [
        { node: node('job', 'JOB'), distance: 1, path: ['t', 'job'] },
        { node: node('b'), distance: 1, path: ['t', 'job', 'b'] },
        { node: node('c'), distance: 2, path: ['t', 'job', 'b', 'job2', 'c'] },
      ],
      (id) => ({ ...node(id), label: `target ${id}` }),
    );
    assert.deepEqual(graph.nodes.map((n) => n.id).sort(), ['b', 'c', 'job', 'job2', 't']);
    assert.equal(graph.nodes.find((n) => n.id === 't')?.label, 'target t');
    assert.deepEqual(
      graph.edges.map((e) => e.id),
      ['t->job', 'job->b', 'b->job2', 'job2->c'],
    );
  });
});
