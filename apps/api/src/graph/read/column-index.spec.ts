import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ColumnIndex, type ColumnFeeds, type FeedsWire } from './column-index.js';
import { datasetId, fieldId } from '../graph-ids.js';
import type { DatasetRow, Direction } from './read-rows.js';
import { compareCodePoints } from './topology-index.js';

// The index must answer exactly as the Cypher field layer of
// lineage.repository.ts; test/integration/lineage-cache.test.ts compares the
// two on a real Neo4j. Here: against a plain list of edges, through loads,
// replacements and repacks.

interface Edge {
  job: string;
  input: string;
  output: string;
  type: string;
}

const dataset = (name: string): DatasetRow => ({ id: datasetId('db', name), namespace: 'db', name });
const field = (table: string, column: string): string => fieldId('db', table, column);
const tableOf = (id: string): string => id.split(':')[2]!;

function feeds(edges: Edge[]): ColumnFeeds {
  const tables = new Set(edges.flatMap((e) => [tableOf(e.input), tableOf(e.output)]));
  return {
    datasets: [...tables].map(dataset),
    feeds: edges.map((e): FeedsWire => [
      e.job,
      e.input,
      e.output,
      datasetId('db', tableOf(e.input)),
      datasetId('db', tableOf(e.output)),
      null,
      null,
      e.type,
      null,
      null,
      null,
    ]),
  };
}

/** The Cypher layer's rows: every edge from the frontier, cut in (from, field, job) order. */
function expected(edges: Edge[], direction: Direction, frontier: string[], maxRows: number): string[] {
  const rows: [string, string, string, string][] = [];
  for (const from of frontier)
    for (const e of edges) {
      if (direction === 'DOWNSTREAM' && e.input === from) rows.push([from, e.output, e.job, e.type]);
      if (direction === 'UPSTREAM' && e.output === from) rows.push([from, e.input, e.job, e.type]);
    }
  rows.sort((a, b) => compareCodePoints(a[0], b[0]) || compareCodePoints(a[1], b[1]) || compareCodePoints(a[2], b[2]));
  return rows
    .slice(0, maxRows)
    .map((row) => row.join(' '))
    .sort();
}

function actual(index: ColumnIndex, direction: Direction, frontier: string[], maxRows: number): string[] {
  return index
    .fieldLayer(direction, frontier, maxRows)
    .map((row) => [row.from, row.node.id, row.edge.jobId, row.edge.type].join(' '))
    .sort();
}

test('rows name the far field with its dataset and path, and the edge with its job', () => {
  const index = new ColumnIndex();
  index.load(feeds([{ job: 'job:etl:copy', input: field('a', 'id'), output: field('b', 'order_id'), type: 'DIRECT' }]));
  index.finishLoad();
  const [row] = index.fieldLayer('DOWNSTREAM', [field('a', 'id')], 10);
  assert.deepEqual(row, {
    from: field('a', 'id'),
    node: { id: field('b', 'order_id'), namespace: 'db', datasetName: 'b', path: 'order_id' },
    dataset: dataset('b'),
    edge: { jobId: 'job:etl:copy', type: 'DIRECT', subtype: null, transformations: null, masking: null },
  });
  assert.deepEqual(index.fieldLayer('UPSTREAM', [field('b', 'order_id')], 10)[0]?.node.path, 'id');
  assert.deepEqual(index.fieldLayer('DOWNSTREAM', [field('zz', 'unknown')], 10), []);
  assert.deepEqual(index.size, { fields: 2, edges: 1 });
  assert.deepEqual(index.field(field('b', 'order_id')), {
    id: field('b', 'order_id'),
    namespace: 'db',
    datasetName: 'b',
    path: 'order_id',
  });
  assert.equal(index.field(field('b', 'unknown')), null);
});

test('loads, job replacements and repacks answer as the plain edge list does', () => {
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 16807) % 2147483647;
    return seed % n;
  };
  const fields = Array.from({ length: 60 }, (_, i) => field(`t${i % 12}`, `c${i}`));
  const jobs = Array.from({ length: 8 }, (_, i) => `job:etl:j${i}`);
  const edgesOf = (job: string, count: number): Edge[] => {
    const out = new Map<string, Edge>();
    for (let i = 0; i < count; i++) {
      const edge = {
        job,
        input: fields[random(60)]!,
        output: fields[random(60)]!,
        type: random(2) ? 'DIRECT' : 'INDIRECT',
      };
      out.set(`${edge.input}>${edge.output}`, edge);
    }
    return [...out.values()];
  };
  const current = new Map(jobs.map((job) => [job, edgesOf(job, 25)]));
  const index = new ColumnIndex();
  // A load delivers one job's edges over several pages.
  const all = [...current.values()].flat();
  for (let i = 0; i < all.length; i += 17) index.load(feeds(all.slice(i, i + 17)));
  index.finishLoad();

  for (let round = 0; round < 40; round++) {
    const job = jobs[random(jobs.length)]!;
    const edges = round % 7 === 3 ? [] : edgesOf(job, random(30));
    current.set(job, edges);
    index.putJob(job, feeds(edges));
    if (round % 10 === 9) index.repack();
    const list = [...current.values()].flat();
    assert.equal(index.size.edges, list.length, `edge count after round ${round}`);
    for (const direction of ['DOWNSTREAM', 'UPSTREAM'] as const) {
      const frontier = [fields[random(60)]!, fields[random(60)]!, fields[random(60)]!];
      for (const maxRows of [1, 3, 1000])
        assert.deepEqual(
          actual(index, direction, frontier, maxRows),
          expected(list, direction, frontier, maxRows),
          `${direction} from ${frontier.join(', ')} cut at ${maxRows}, round ${round}`,
        );
    }
  }
});

test('a digest field id keeps the path the graph gave', () => {
  const long = 'x'.repeat(1_200);
  const input = fieldId('db', 'a', long);
  const index = new ColumnIndex();
  index.add({
    datasets: [dataset('a'), dataset('b')],
    feeds: [
      ['job:etl:j', input, field('b', 'y'), dataset('a').id, dataset('b').id, long, null, null, null, null, null],
    ],
  });
  assert.ok(input.startsWith('field#sha256:'));
  assert.equal(index.fieldLayer('UPSTREAM', [field('b', 'y')], 10)[0]?.node.path, long);
  assert.deepEqual(index.field(input), { id: input, namespace: 'db', datasetName: 'a', path: long });
});

test('a cut keeps the rows Neo4j keeps when ids hold characters beyond U+FFFF', () => {
  // '\u{1F600}' is a surrogate pair (0xD83D 0xDE00), below U+FFFD by UTF-16 unit
  // and above it by code point: the two orders disagree on these columns.
  const edges: Edge[] = [
    { job: 'job:etl:a', input: field('src', 'id'), output: field('out', '\u{FFFD}'), type: 'DIRECT' },
    { job: 'job:etl:a', input: field('src', 'id'), output: field('out', '\u{1F600}'), type: 'DIRECT' },
  ];
  const index = new ColumnIndex();
  index.load(feeds(edges));
  index.finishLoad();
  assert.deepEqual(
    actual(index, 'DOWNSTREAM', [field('src', 'id')], 1),
    expected(edges, 'DOWNSTREAM', [field('src', 'id')], 1),
  );
  assert.match(actual(index, 'DOWNSTREAM', [field('src', 'id')], 1)[0]!, /\u{FFFD}/u);

  // An index that held none such ids at first must switch to code point order once one arrives.
  const later = new ColumnIndex();
  later.load(feeds([edges[0]!]));
  later.finishLoad();
  later.putJob('job:etl:a', feeds(edges));
  assert.deepEqual(
    actual(later, 'DOWNSTREAM', [field('src', 'id')], 1),
    expected(edges, 'DOWNSTREAM', [field('src', 'id')], 1),
  );
});

test('a replaced job hides its packed edges however many jobs came before it', () => {
  // Past the 1,024 job flags the index starts with, so they must grow.
  const jobs = Array.from({ length: 1_100 }, (_, i) => `job:etl:j${i}`);
  const source = field('a', 'id');
  const edges = jobs.map((job, i) => ({ job, input: source, output: field('b', `c${i}`), type: 'DIRECT' }));
  const index = new ColumnIndex();
  index.load(feeds(edges));
  index.finishLoad();
  const last = jobs.at(-1)!;
  const late = 'job:etl:late';
  index.putJob(last, feeds([{ job: last, input: source, output: field('c', 'moved'), type: 'DIRECT' }]));
  index.putJob(late, feeds([{ job: late, input: source, output: field('c', 'late'), type: 'DIRECT' }]));
  const current = [
    ...edges.slice(0, -1),
    { job: last, input: source, output: field('c', 'moved'), type: 'DIRECT' },
    { job: late, input: source, output: field('c', 'late'), type: 'DIRECT' },
  ];
  assert.deepEqual(actual(index, 'DOWNSTREAM', [source], 5_000), expected(current, 'DOWNSTREAM', [source], 5_000));
  index.repack();
  assert.deepEqual(actual(index, 'DOWNSTREAM', [source], 5_000), expected(current, 'DOWNSTREAM', [source], 5_000));
  assert.equal(index.size.edges, current.length);
});
