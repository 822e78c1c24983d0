import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeResults } from './lineage.service.js';
import type { Hop, Reached, TraversalResult } from './traversal.js';

const node = (id: string, distance: number): Reached => ({
  id,
  kind: 'DATASET',
  namespace: 'ns',
  name: id,
  field: null,
  aliases: [],
  distance,
  parent: null,
  datasetId: null,
  feeds: null,
  clusterSize: null,
  clusterOf: null,
});
const result = (nodes: Reached[], hops: Hop[], truncated = false): TraversalResult => ({
  reached: new Map(nodes.map((n) => [n.id, n])),
  hops: new Map(hops.map((h) => [`${h.kind}:${h.source}->${h.target}`, h])),
  truncated,
});
const hop = (source: string, target: string): Hop => ({ source, target, kind: 'DERIVES', job: null });

test('both directions unite on the shared root', () => {
  const merged = mergeResults(
    [
      result([node('r', 0), node('down', 1)], [hop('r', 'down')]),
      result([node('r', 0), node('up', 1)], [hop('up', 'r')]),
    ],
    10,
  );
  assert.deepEqual([...merged.reached.keys()].sort(), ['down', 'r', 'up']);
  assert.equal(merged.hops.size, 2);
  assert.equal(merged.truncated, false);
});

test('over the limit the farthest nodes and their edges go, and the answer says truncated', () => {
  const merged = mergeResults(
    [
      result([node('r', 0), node('d1', 1), node('d2', 2)], [hop('r', 'd1'), hop('d1', 'd2')]),
      result([node('r', 0), node('u1', 1)], [hop('u1', 'r')]),
    ],
    3,
  );
  assert.deepEqual([...merged.reached.keys()].sort(), ['d1', 'r', 'u1']);
  assert.deepEqual([...merged.hops.keys()].sort(), ['DERIVES:r->d1', 'DERIVES:u1->r']);
  assert.equal(merged.truncated, true);
});
