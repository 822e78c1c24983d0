import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldPaths, pathTo } from './lineage.mapper.js';
import type { Reached } from './traversal.js';

const node = (id: string, parent: string | null): Reached => ({
  id,
  kind: 'DATASET',
  namespace: 'ns',
  name: id,
  field: null,
  aliases: [],
  distance: 0,
  parent,
  datasetId: null,
  feeds: null,
  clusterSize: null,
  clusterOf: null,
});

// root → a → b → c, and root → a → d: two items sharing the prefix root → a.
const reached = new Map(
  [node('root', null), node('a', 'root'), node('b', 'a'), node('c', 'b'), node('d', 'a')].map((n) => [n.id, n]),
);

test('foldPaths gives every node the same path pathTo walks', () => {
  const pathOf = foldPaths<string[]>(
    reached,
    (root) => [root.id],
    (path, n) => [...path, n.id],
  );
  for (const id of ['c', 'd', 'root', 'b', 'a']) assert.deepEqual(pathOf(id), pathTo(reached, id));
});

test('foldPaths computes each node once, however many items share it', () => {
  const steps: string[] = [];
  const depthOf = foldPaths<number>(
    reached,
    () => 0,
    (depth, n) => {
      steps.push(n.id);
      return depth + 1;
    },
  );
  assert.equal(depthOf('c'), 3);
  assert.equal(depthOf('d'), 2);
  assert.equal(depthOf('b'), 2);
  assert.deepEqual(steps.sort(), ['a', 'b', 'c', 'd']);
});

test('foldPaths refuses an id the traversal never reached', () => {
  const pathOf = foldPaths<string[]>(
    reached,
    (root) => [root.id],
    (path, n) => [...path, n.id],
  );
  assert.throws(() => pathOf('nowhere'), /no reached node nowhere/);
});
