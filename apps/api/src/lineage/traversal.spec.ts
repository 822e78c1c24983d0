import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  DatasetHopRow,
  DatasetWithSymlinks,
  Direction,
  FieldHopRow,
  FrontierEntry,
} from '../graph/read/read-rows.js';
import { pathTo } from './lineage.mapper.js';
import { groupByFrom, traverseDatasets, type LayerSource, type TraversalOptions } from './traversal.js';

// In-memory lineage for the pure BFS logic; the Cypher side is covered by
// test/integration/graphql-*.test.ts against the real Neo4j.
type Job = { id: string; inputs: string[]; outputs: string[] };

/** `atOnce`: the source answers one dataset at a time, as the in-memory copy does, and refuses batches. */
function source(
  jobs: Job[],
  symlinks: [string, string][] = [],
  atOnce = false,
): LayerSource & { calls: number; asked: number } {
  const ds = (id: string): DatasetWithSymlinks => ({
    id,
    namespace: 'ns',
    name: id,
    symlinks: symlinks
      .filter(([a, b]) => a === id || b === id)
      .map(([a, b]) => (a === id ? b : a))
      .map((other) => ({ id: other, namespace: 'ns', name: other })),
  });
  const state: LayerSource & { calls: number; asked: number } = {
    calls: 0,
    asked: 0,
    async datasetLayer(direction: Direction, frontier: FrontierEntry[]): Promise<DatasetHopRow[]> {
      state.calls++;
      const rows: DatasetHopRow[] = [];
      for (const entry of frontier) {
        for (const job of jobs) {
          const [near, far] = direction === 'DOWNSTREAM' ? [job.inputs, job.outputs] : [job.outputs, job.inputs];
          if (!entry.members.some((member) => near.includes(member))) continue;
          rows.push({ from: entry.key, job: { id: job.id, namespace: 'ns', name: job.id }, next: [...far] });
        }
      }
      return rows;
    },
    async jobLayer(direction: Direction, ids: string[]): Promise<DatasetHopRow[]> {
      state.calls++;
      return jobs
        .filter((job) => ids.includes(job.id))
        .map((job) => ({
          from: job.id,
          job: { id: job.id, namespace: 'ns', name: job.id },
          next: [...(direction === 'DOWNSTREAM' ? job.outputs : job.inputs)],
        }));
    },
    async fieldLayer(): Promise<FieldHopRow[]> {
      return [];
    },
    async datasets(ids: string[]): Promise<DatasetWithSymlinks[]> {
      if (atOnce) assert.fail('a source answering at once is not asked for batches');
      return ids.map(ds);
    },
  };
  if (atOnce)
    state.datasetNow = (id: string): DatasetWithSymlinks => {
      state.asked++;
      return ds(id);
    };
  return state;
}

const options = (overrides: Partial<TraversalOptions> = {}): TraversalOptions => ({
  direction: 'DOWNSTREAM',
  depth: 10,
  time: { asOf: null, staleSince: null },
  includeJobs: true,
  maxNodes: 500,
  clusterThreshold: 50,
  ...overrides,
});

const root = (id: string) => ({
  kind: 'DATASET' as const,
  dataset: { id, namespace: 'ns', name: id, symlinks: [] },
});

test('a diamond reaches the bottom once, at distance 2, over the first branch', async () => {
  const src = source([
    { id: 'j1', inputs: ['a'], outputs: ['b'] },
    { id: 'j2', inputs: ['a'], outputs: ['c'] },
    { id: 'j3', inputs: ['b', 'c'], outputs: ['d'] },
  ]);
  const result = await traverseDatasets(src, [root('a')], options());
  assert.deepEqual([...result.reached.keys()].sort(), ['a', 'b', 'c', 'd', 'j1', 'j2', 'j3']);
  assert.equal(result.reached.get('d')!.distance, 2);
  assert.equal(result.reached.get('j3')!.distance, 2);
  assert.deepEqual(pathTo(result.reached, 'd'), ['a', 'j1', 'b', 'j3', 'd']);
  assert.ok(result.hops.has('INPUT_TO:c->j3'), 'second input of the join is an edge');
});

test('a cycle stops at visited nodes and a job writing its input makes an edge, not a node', async () => {
  const src = source([
    { id: 'j1', inputs: ['a'], outputs: ['a', 'b'] },
    { id: 'j2', inputs: ['b'], outputs: ['a'] },
  ]);
  const result = await traverseDatasets(src, [root('a')], options());
  assert.deepEqual([...result.reached.keys()].sort(), ['a', 'b', 'j1', 'j2']);
  assert.ok(result.hops.has('OUTPUTS:j1->a'));
  assert.ok(result.hops.has('OUTPUTS:j2->a'));
  assert.equal(result.truncated, false);
});

test('upstream edges keep data-flow direction and roles', async () => {
  const src = source([{ id: 'j1', inputs: ['a'], outputs: ['b'] }]);
  const result = await traverseDatasets(src, [root('b')], options({ direction: 'UPSTREAM' }));
  assert.deepEqual([...result.hops.keys()].sort(), ['INPUT_TO:a->j1', 'OUTPUTS:j1->b']);
});

test('symlinked datasets become one node keyed by the smallest id', async () => {
  const src = source(
    [
      { id: 'spark', inputs: ['a'], outputs: ['s3://t'] },
      { id: 'dbt', inputs: ['hive.t'], outputs: ['c'] },
    ],
    [['hive.t', 's3://t']],
  );
  const result = await traverseDatasets(src, [root('a')], options());
  assert.deepEqual([...result.reached.keys()].sort(), ['a', 'c', 'dbt', 'hive.t', 'spark']);
  assert.deepEqual(
    result.reached.get('hive.t')!.aliases.map((alias) => alias.id),
    ['s3://t'],
  );
  assert.equal(result.reached.get('c')!.distance, 2);
});

test('more neighbours than the threshold become one cluster node', async () => {
  const outputs = Array.from({ length: 1000 }, (_, i) => `o${i}`);
  const src = source([{ id: 'fan', inputs: ['a'], outputs }]);
  const result = await traverseDatasets(src, [root('a')], options());
  const cluster = [...result.reached.values()].find((node) => node.clusterSize !== null);
  assert.ok(cluster);
  assert.equal(cluster.clusterSize, 1000);
  assert.equal(cluster.kind, 'DATASET');
  assert.equal(cluster.clusterOf, 'fan');
  assert.equal(result.reached.size, 3);
});

test('depth counts datasets and limit truncates', async () => {
  const chain = Array.from({ length: 6 }, (_, i) => ({ id: `j${i}`, inputs: [`d${i}`], outputs: [`d${i + 1}`] }));
  const shallow = await traverseDatasets(source(chain), [root('d0')], options({ depth: 2 }));
  assert.deepEqual([...shallow.reached.keys()].sort(), ['d0', 'd1', 'd2', 'j0', 'j1']);
  assert.equal(shallow.truncated, false);
  const capped = await traverseDatasets(source(chain), [root('d0')], options({ maxNodes: 4 }));
  assert.equal(capped.reached.size, 4);
  assert.equal(capped.truncated, true);
});

test('a source answering datasets at once walks to the same answer as one asked per layer', async () => {
  let seed = 11;
  const next = (n: number): number => (seed = (seed * 16807) % 2147483647) % n;
  const snapshot = (result: Awaited<ReturnType<typeof traverseDatasets>>) => ({
    reached: [...result.reached.values()].map((node) => [node.id, node.distance, node.parent, node.clusterSize]),
    hops: [...result.hops.keys()],
    truncated: result.truncated,
  });
  let truncatedCases = 0;
  let walksThatAsked = 0;
  for (let round = 0; round < 60; round++) {
    const datasets = Array.from({ length: 40 }, (_, i) => `d${i}`);
    const pick = (): string[] => Array.from({ length: 1 + next(6) }, () => datasets[next(40)]!);
    const jobs = Array.from({ length: 25 }, (_, i) => ({ id: `j${i}`, inputs: pick(), outputs: pick() }));
    const symlinks = Array.from({ length: next(5) }, (): [string, string] => [
      datasets[next(40)]!,
      datasets[next(40)]!,
    ]);
    const opts = options({
      direction: next(2) ? 'DOWNSTREAM' : 'UPSTREAM',
      includeJobs: next(3) > 0,
      maxNodes: 3 + next(40),
      clusterThreshold: 2 + next(8),
      depth: 1 + next(6),
    });
    const start = [root(datasets[next(40)]!)];
    const expected = snapshot(await traverseDatasets(source(jobs, symlinks), start, opts));
    const perDataset = source(jobs, symlinks, true);
    assert.deepEqual(snapshot(await traverseDatasets(perDataset, start, opts)), expected, `round ${round}`);
    if (expected.truncated) truncatedCases++;
    if (perDataset.asked > 0) walksThatAsked++;
  }
  // The budget was in play, not only open walks, and most walks met datasets they had to ask for.
  assert.ok(truncatedCases > 5, `${truncatedCases} truncated walks`);
  assert.ok(walksThatAsked > 30, `${walksThatAsked} walks asked for datasets`);
});

test('a group that looked like a cluster before its layer but is not one when reached keeps its datasets', async () => {
  // Four new outputs of jB when the layer begins (over the threshold of 3),
  // one once jA has added the other three.
  const src = source([
    { id: 'jA', inputs: ['a'], outputs: ['x1', 'x2', 'x3'] },
    { id: 'jB', inputs: ['a'], outputs: ['x1', 'x2', 'x3', 'y'] },
  ]);
  const result = await traverseDatasets(src, [root('a')], options({ clusterThreshold: 3 }));
  assert.deepEqual([...result.reached.keys()].sort(), ['a', 'jA', 'jB', 'x1', 'x2', 'x3', 'y']);
  assert.equal(result.reached.get('y')!.parent, 'jB');
  assert.equal(result.truncated, false);
});

test('without jobs, datasets connect by DERIVES edges', async () => {
  const src = source([{ id: 'j1', inputs: ['a'], outputs: ['b'] }]);
  const result = await traverseDatasets(src, [root('a')], options({ includeJobs: false }));
  assert.deepEqual([...result.reached.keys()].sort(), ['a', 'b']);
  assert.deepEqual([...result.hops.keys()], ['DERIVES:a->b']);
});

test('grouping by source gives what sorting every row and grouping gave, ties in arrival order', () => {
  let seed = 7;
  const next = (n: number): number => (seed = (seed * 16807) % 2147483647) % n;
  const rows = Array.from({ length: 500 }, (_, arrival) => ({
    from: `field:db:t${next(40)}:c${next(3)}`,
    to: `field:db:u${next(30)}:c${next(2)}`,
    arrival,
  }));
  const byTo = (a: { to: string }, b: { to: string }): number => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0);

  const grouped = groupByFrom(rows, byTo);

  const sorted = [...rows].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0) || byTo(a, b));
  const expected = new Map<string, typeof rows>();
  for (const row of sorted) expected.set(row.from, [...(expected.get(row.from) ?? []), row]);
  assert.deepEqual([...grouped.keys()], [...expected.keys()]);
  assert.deepEqual([...grouped.values()].flat(), [...expected.values()].flat());
  // Ties exist, so arrival order within them is part of what was compared.
  assert.ok(sorted.some((row, i) => i > 0 && row.from === sorted[i - 1]!.from && row.to === sorted[i - 1]!.to));
});
