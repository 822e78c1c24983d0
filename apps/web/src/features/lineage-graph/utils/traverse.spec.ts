import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { edgesOnPath, pathBetween, traverse } from './traverse.js';

// a → j1 → b → j2 → c, and d → j2 (a diamond's side input)
const edges = [
  { id: 'e1', source: 'a', target: 'j1', kind: 'INPUT_TO' },
  { id: 'e2', source: 'j1', target: 'b', kind: 'OUTPUTS' },
  { id: 'e3', source: 'b', target: 'j2', kind: 'INPUT_TO' },
  { id: 'e4', source: 'j2', target: 'c', kind: 'OUTPUTS' },
  { id: 'e5', source: 'd', target: 'j2', kind: 'INPUT_TO' },
];

describe('traverse', () => {
  it('walks downstream with hop distances', () => {
    assert.deepEqual(
      [...traverse({ edges }, 'b', 'downstream')],
      [
        ['b', 0],
        ['j2', 1],
        ['c', 2],
      ],
    );
  });
  it('walks upstream with the same code', () => {
    assert.deepEqual(new Set(traverse({ edges }, 'c', 'upstream').keys()), new Set(['c', 'j2', 'b', 'd', 'j1', 'a']));
  });
  it('stops at maxDepth and survives cycles', () => {
    const cyclic = [...edges, { id: 'e6', source: 'c', target: 'a', kind: 'INPUT_TO' }];
    assert.deepEqual([...traverse({ edges: cyclic }, 'a', 'downstream', 2).keys()], ['a', 'j1', 'b']);
    assert.equal(traverse({ edges: cyclic }, 'a', 'both').size, 6);
  });
});

describe('pathBetween', () => {
  it('finds the path in either order', () => {
    assert.deepEqual(pathBetween({ edges }, 'a', 'c'), ['a', 'j1', 'b', 'j2', 'c']);
    assert.deepEqual(pathBetween({ edges }, 'c', 'a'), ['a', 'j1', 'b', 'j2', 'c']);
    assert.deepEqual(edgesOnPath(edges, ['d', 'j2', 'c']), ['e4', 'e5']);
  });
  it('is undefined for unrelated nodes', () => {
    assert.equal(pathBetween({ edges }, 'a', 'd'), undefined);
  });
});
