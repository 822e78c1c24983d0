import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DatasetRow } from './read-rows.js';
import { compareCodePoints, NotInTopology, TopologyIndex } from './topology-index.js';

// The index must answer exactly as the Cypher layers of lineage.repository.ts;
// test/integration/lineage-cache.test.ts compares the two on a real Neo4j.
const ds = (name: string): DatasetRow => ({ id: `dataset:db:${name}`, namespace: 'db', name });
const job = (name: string, inputs: string[], outputs: string[]) => ({
  job: { id: `job:etl:${name}`, namespace: 'etl', name },
  inputs: inputs.map(ds),
  outputs: outputs.map(ds),
});
const frontier = (...names: string[]) => names.map((name) => ({ key: ds(name).id, members: [ds(name).id] }));

test('a dataset layer lists (frontier, job) rows in id order with the far side, cut at maxRows', () => {
  const index = new TopologyIndex();
  index.putJob(job('b-load', ['src'], ['x', 'y']));
  index.putJob(job('a-load', ['src'], ['z']));
  index.putJob(job('c-load', ['other'], ['w']));

  const rows = index.datasetLayer('DOWNSTREAM', frontier('src'), 10);
  assert.deepEqual(
    rows.map((row) => [row.from, row.job.id, [...row.next].sort()]),
    [
      ['dataset:db:src', 'job:etl:a-load', ['dataset:db:z']],
      ['dataset:db:src', 'job:etl:b-load', ['dataset:db:x', 'dataset:db:y']],
    ],
  );
  assert.deepEqual(
    index.datasetsWithSymlinks(rows[1]!.next).map((d) => d.name),
    rows[1]!.next.map((id) => id.slice('dataset:db:'.length)),
  );
  assert.deepEqual(
    index.datasetLayer('DOWNSTREAM', frontier('src'), 1).map((row) => row.job.name),
    ['a-load'],
  );
  assert.deepEqual(
    index.datasetLayer('UPSTREAM', frontier('y'), 10).map((row) => [row.job.name, row.next]),
    [['b-load', ['dataset:db:src']]],
  );
});

test('a job reached through two symlink members of one frontier node is one row', () => {
  const index = new TopologyIndex();
  index.putJob(job('reader', ['s3-orders', 'hive-orders'], ['report']));
  const rows = index.datasetLayer(
    'DOWNSTREAM',
    [{ key: ds('hive-orders').id, members: [ds('hive-orders').id, ds('s3-orders').id] }],
    10,
  );
  assert.equal(rows.length, 1);
});

test('putJob replaces a job’s edges: an input it stopped reading no longer leads to it', () => {
  const index = new TopologyIndex();
  index.putJob(job('etl', ['old'], ['out']));
  index.putJob(job('etl', ['new'], ['out']));
  assert.deepEqual(index.datasetLayer('DOWNSTREAM', frontier('old'), 10), []);
  assert.equal(index.datasetLayer('DOWNSTREAM', frontier('new'), 10).length, 1);
  assert.deepEqual(index.size, { datasets: 3, jobs: 1, edges: 2, details: 0 });
  index.putJob(job('etl', [], []));
  assert.deepEqual(index.datasetLayer('UPSTREAM', frontier('out'), 10), []);
  assert.equal(index.size.edges, 0);
});

test('jobLayer leaves out jobs without datasets on the far side, like a MATCH', () => {
  const index = new TopologyIndex();
  index.putJob(job('sink', ['a'], []));
  index.putJob(job('copy', ['a'], ['b']));
  assert.deepEqual(
    index.jobLayer('DOWNSTREAM', ['job:etl:sink', 'job:etl:copy', 'job:etl:unknown']).map((row) => row.from),
    ['job:etl:copy'],
  );
});

test('symlink components are symmetric and reach three hops, like SYMLINK*1..3', () => {
  const index = new TopologyIndex();
  // a - b - c - d - e: from a, b/c/d are within three hops, e is not.
  for (const [x, y] of [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
    ['d', 'e'],
  ] as const)
    index.addSymlink(ds(x), ds(y));
  const members = (name: string) =>
    index
      .datasetsWithSymlinks([ds(name).id])[0]!
      .symlinks.map((d) => d.name)
      .sort();
  assert.deepEqual(members('a'), ['b', 'c', 'd']);
  assert.deepEqual(members('c'), ['a', 'b', 'd', 'e']);
  index.putSymlinks({ dataset: ds('c'), symlinks: [ds('b')] });
  assert.deepEqual(members('c'), ['a', 'b']);
  assert.deepEqual(members('d'), ['e']);
});

test('a dataset the index never saw is not guessed at', () => {
  const index = new TopologyIndex();
  assert.throws(() => index.datasetsWithSymlinks(['dataset:db:nowhere']), NotInTopology);
  assert.equal(index.dataset('dataset:db:nowhere'), null);
  index.putJob(job('copy', ['a'], ['b']));
  index.addSymlink(ds('b'), ds('b-alias'));
  assert.deepEqual(index.dataset(ds('b').id), { ...ds('b'), symlinks: [ds('b-alias')] });
});

test('strings compare by code point, as Neo4j orders them', () => {
  const astral = '\u{1F600}'; // a surrogate pair in UTF-16
  const bmpHigh = '\uFFFD';
  assert.equal(bmpHigh < astral, false, 'UTF-16 order puts the astral character first');
  assert.ok(compareCodePoints(bmpHigh, astral) < 0);
  assert.ok(compareCodePoints('abc', 'abd') < 0);
  assert.ok(compareCodePoints('ab', 'abc') < 0);
  assert.equal(compareCodePoints('same', 'same'), 0);
});
