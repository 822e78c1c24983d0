import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layeredLayout } from './layered-layout.js';
import { layoutInput, placeChildren } from './layout-input.js';
import { toCyElements } from './to-cy-elements.js';

describe('layoutInput', () => {
  const elements = toCyElements({
    nodes: [
      { id: 'd1', kind: 'DATASET', namespace: 'n', name: 'a', label: 'a' },
      { id: 'f1', kind: 'FIELD', namespace: 'n', name: 'a', field: 'x', label: 'a.x' },
      { id: 'f2', kind: 'FIELD', namespace: 'n', name: 'a', field: 'y', label: 'a.y' },
      { id: 'f3', kind: 'FIELD', namespace: 'n', name: 'b', field: 'x', label: 'b.x' },
    ],
    edges: [{ id: 'e', source: 'f1', target: 'f3', kind: 'FEEDS' }],
    truncated: false,
  });

  it('lifts column edges to their datasets and sizes compounds by their columns', () => {
    const input = layoutInput(elements);
    assert.deepEqual(
      input.boxes.map((box) => box.id),
      ['d1', 'dataset:n:b'],
    );
    assert.deepEqual(input.edges, [{ source: 'd1', target: 'dataset:n:b' }]);
    assert.ok(input.boxes[0]!.height > input.boxes[1]!.height);
  });

  it('stacks children inside their parent, left to right along the edge', () => {
    const input = layoutInput(elements);
    const at = placeChildren(input, layeredLayout(input.boxes, input.edges));
    assert.deepEqual([...at.keys()].sort(), ['f1', 'f2', 'f3']);
    assert.equal(at.get('f1')!.x, at.get('f2')!.x);
    assert.ok(at.get('f1')!.y < at.get('f2')!.y);
    assert.ok(at.get('f1')!.x < at.get('f3')!.x);
  });
});
