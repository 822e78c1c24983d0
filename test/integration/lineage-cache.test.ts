// Real parts: two API processes on the Neo4j that `npm test` started, one
// answering lineage from its in-memory topology (the default), one with
// LINEAGE_CACHE=off reading every layer from Neo4j (dataset and column lineage). Graphs are posted through
// the intake. The two must give the same answers, and a change written by one
// process must show in the other's next answer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { commonShapes, gql, gqlData, lineageEvent, type DatasetSpec } from '../support/graphql.js';
import { graphDriver, postBatch, uniqueNamespace } from '../support/intake.js';

const ns = uniqueNamespace('topo');
const db = `${ns}-db`;
const ds = (name: string, extra: Partial<DatasetSpec> = {}): DatasetSpec => ({ namespace: db, name, ...extra });
const at = (day: number, hour = 0): string => new Date(Date.UTC(2026, 1, day, hour)).toISOString();
const FAN_OUT = 60;

const col = (name: string, field: string, type = 'DIRECT', subtype = 'IDENTITY') => ({
  namespace: db,
  name,
  field,
  type,
  subtype,
});
const WIDE = 8;

/** A run of col-a: c-src → c-mid, total an aggregation of amount. */
const colA = (eventTime: string): Record<string, unknown> =>
  lineageEvent({
    namespace: ns,
    job: 'col-a',
    eventTime,
    inputs: [ds('c-src', { fields: ['id', 'amount', 'email'] })],
    outputs: [
      ds('c-mid', {
        fields: ['id', 'total', 'email'],
        columnLineage: {
          id: [col('c-src', 'id')],
          total: [col('c-src', 'amount', 'DIRECT', 'AGGREGATION')],
          email: [col('c-src', 'email')],
        },
      }),
    ],
  });

/** Column lineage through three jobs, a column read by two, a wide fan and a cycle across tables. */
function columnEvents(): Record<string, unknown>[] {
  return [
    colA(at(1)),
    lineageEvent({
      namespace: ns,
      job: 'col-b',
      eventTime: at(1, 1),
      inputs: [ds('c-mid')],
      outputs: [
        ds('c-out', {
          fields: ['id', 'total2', 'email_hash'],
          columnLineage: {
            id: [col('c-mid', 'id')],
            total2: [col('c-mid', 'total', 'DIRECT', 'TRANSFORMATION'), col('c-mid', 'id', 'INDIRECT', 'FILTER')],
            email_hash: [col('c-mid', 'email', 'DIRECT', 'TRANSFORMATION')],
          },
        }),
      ],
    }),
    lineageEvent({
      namespace: ns,
      job: 'col-c',
      eventTime: at(1, 2),
      inputs: [ds('c-out'), ds('c-mid')],
      outputs: [
        ds('c-final', {
          fields: ['id', 'total', 'back'],
          columnLineage: {
            id: [col('c-out', 'id')],
            total: [col('c-out', 'total2'), col('c-mid', 'total')],
            back: [col('c-out', 'id')],
          },
        }),
      ],
    }),
    lineageEvent({
      namespace: ns,
      job: 'col-back',
      eventTime: at(1, 3),
      inputs: [ds('c-final')],
      outputs: [ds('c-src', { columnLineage: { id: [col('c-final', 'back')] } })],
    }),
    lineageEvent({
      namespace: ns,
      job: 'col-fan',
      eventTime: at(1, 2),
      inputs: [ds('c-src')],
      outputs: [
        ds('c-wide', {
          fields: Array.from({ length: WIDE }, (_, i) => `w${i}`),
          columnLineage: Object.fromEntries(
            Array.from({ length: WIDE }, (_, i) => [`w${i}`, [col('c-src', i % 2 ? 'id' : 'amount')]]),
          ),
        }),
      ],
    }),
  ];
}

const FIELDS: [string, string][] = [
  ['c-src', 'id'],
  ['c-src', 'amount'],
  ['c-src', 'email'],
  ['c-mid', 'total'],
  ['c-mid', 'id'],
  ['c-out', 'total2'],
  ['c-final', 'total'],
  ['c-final', 'back'],
  ['c-wide', 'w3'],
];

function events(): Record<string, unknown>[] {
  const link = (name: string) => [{ namespace: db, name }];
  return [
    ...commonShapes(ns, db, at),
    ...columnEvents(),
    // A symlink chain longer than the three hops a component reaches: l1 - l2 - l3 - l4 - l5.
    lineageEvent({
      namespace: ns,
      job: 'link-1',
      eventTime: at(1),
      inputs: [ds('dia-d')],
      outputs: [ds('l1', { symlinks: link('l2') })],
    }),
    lineageEvent({ namespace: ns, job: 'link-2', eventTime: at(1), outputs: [ds('l2', { symlinks: link('l3') })] }),
    lineageEvent({ namespace: ns, job: 'link-3', eventTime: at(1), outputs: [ds('l3', { symlinks: link('l4') })] }),
    lineageEvent({ namespace: ns, job: 'link-4', eventTime: at(1), outputs: [ds('l4', { symlinks: link('l5') })] }),
    lineageEvent({ namespace: ns, job: 'from-l5', eventTime: at(1, 2), inputs: [ds('l5')], outputs: [ds('l5-out')] }),
    lineageEvent({ namespace: ns, job: 'from-l3', eventTime: at(1, 2), inputs: [ds('l3')], outputs: [ds('l3-out')] }),
    lineageEvent({
      namespace: ns,
      job: 'fan',
      eventTime: at(1),
      inputs: [ds('fan-root')],
      outputs: Array.from({ length: FAN_OUT }, (_, i) => ds(`fan-${String(i).padStart(2, '0')}`)),
    }),
    lineageEvent({ namespace: ns, job: 'fan-next', eventTime: at(1), inputs: [ds('fan-07')], outputs: [ds('dia-a')] }),
    // Job ids sort opposite to their outputs' ids, so a budget cut that took
    // datasets in job order instead of id order would show.
    lineageEvent({
      namespace: ns,
      job: 'dense-a',
      eventTime: at(1),
      inputs: [ds('dense-src')],
      outputs: [1, 2, 3, 4].map((i) => ds(`dz-${i}`)),
    }),
    lineageEvent({
      namespace: ns,
      job: 'dense-b',
      eventTime: at(1),
      inputs: [ds('dense-src')],
      outputs: [1, 2, 3, 4].map((i) => ds(`da-${i}`)),
    }),
  ];
}

const DATASETS = [
  'dia-a',
  'dia-b',
  'dia-c',
  'dia-d',
  'ledger',
  'l1',
  'l2',
  'l3',
  'l4',
  'l5',
  'l5-out',
  'l3-out',
  'cy-x',
  'cy-y',
  'fan-root',
  'fan-07',
  'fan-59',
  'tt-old',
  'tt-new',
  'tt-out',
];
const JOBS = ['dia-j1', 'dia-j3', 'upsert', 'link-2', 'from-l5', 'cy-j2', 'fan', 'tt-job'];

const LINEAGE = `query ($node: NodeRef!, $direction: LineageDirection, $depth: Int, $includeJobs: Boolean, $limit: Int) {
  lineage(node: $node, direction: $direction, depth: $depth, includeJobs: $includeJobs, limit: $limit) {
    truncated
    nodes { id kind namespace name field label clusterSize clusterOf aliases { namespace name } }
    edges { id source target kind job }
  }
}`;

// Owners, tags, classifications, field counts and last success come from the copy too.
const IMPACT = `query ($targets: [NodeRef!]!) {
  impact(targets: $targets, depth: 10) {
    totalDatasets totalFields totalJobs truncated
    byOwner { key datasets fields jobs }
    items { node { id } distance path jobs { id } owners tags classifications lastSuccessfulRunAt }
  }
}`;

const COLUMN_LINEAGE = `query ($node: NodeRef!, $direction: LineageDirection, $depth: Int, $limit: Int) {
  lineage(node: $node, direction: $direction, depth: $depth, granularity: COLUMN, limit: $limit) {
    truncated
    nodes { id kind namespace name field label clusterSize clusterOf }
    edges { id source target kind job }
  }
}`;

const COLUMN_IMPACT = `query ($targets: [NodeRef!]!, $depth: Int, $limit: Int) {
  impact(targets: $targets, depth: $depth, granularity: COLUMN, limit: $limit) {
    totalDatasets totalFields totalJobs truncated
    byNamespace { key datasets fields jobs }
    byOwner { key datasets fields jobs }
    items { node { id label } distance path owners tags classifications lastSuccessfulRunAt jobs { id } strongestTransformation }
  }
}`;

type Health = {
  components: {
    lineageCache: {
      state: string;
      seq: number;
      jobs: number;
      details: number;
      columns: { state: string; edges: number };
      traversals: { memory: number; graph: number };
      verification: { lastAt: string | null; mismatches: number };
    };
  };
};

/** Lists sorted by id, so two answers compare whatever order the nodes came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    Array.isArray(item) && item.every((entry) => typeof entry === 'object' && entry !== null && 'id' in entry)
      ? [...(item as { id: string }[])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      : item,
  );
}

/** A fixed spread over the argument space, so every root meets several shapes without a full cross product. */
function shapes(seed: number): Record<string, unknown>[] {
  const directions = ['BOTH', 'UPSTREAM', 'DOWNSTREAM'];
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < 6; i++) {
    const k = seed + i;
    out.push({
      direction: directions[k % 3],
      depth: [1, 2, 20][Math.floor(k / 3) % 3],
      includeJobs: k % 2 === 0,
      limit: [6, 500][Math.floor(k / 2) % 2],
    });
  }
  return out;
}

describe('in-memory lineage topology', () => {
  let cached: ApiProcess;
  let graphOnly: ApiProcess;
  const health = async (api: ApiProcess) =>
    ((await (await fetch(`${api.url}/health`)).json()) as Health).components.lineageCache;
  const lineage = (api: ApiProcess, variables: Record<string, unknown>) => gqlData(api.url, LINEAGE, variables);
  const both = async (query: string, variables: Record<string, unknown>) => {
    const [a, b] = await Promise.all([gqlData(cached.url, query, variables), gqlData(graphOnly.url, query, variables)]);
    return { cached: canonical(a), graph: canonical(b) };
  };
  const node = (kind: 'DATASET' | 'JOB', name: string) => ({ kind, namespace: kind === 'DATASET' ? db : ns, name });
  const upstreamOf = async (api: ApiProcess, name: string) =>
    JSON.stringify(await lineage(api, { node: node('DATASET', name), direction: 'UPSTREAM', depth: 1 }));

  before(async () => {
    [cached, graphOnly] = await Promise.all([startApi(), startApi({ LINEAGE_CACHE: 'off' })]);
    const answer = await postBatch(graphOnly.url, events());
    assert.equal(answer.status, 200, answer.text);
    const visible = await eventually(async () => {
      const [tt, fan, l5, dense] = await Promise.all([
        upstreamOf(graphOnly, 'tt-out'),
        upstreamOf(graphOnly, 'dia-a'),
        upstreamOf(graphOnly, 'l5-out'),
        upstreamOf(graphOnly, 'da-4'),
      ]);
      return tt.includes('tt-new') && fan.includes('fan-next') && l5.includes('from-l5') && dense.includes('dense-b');
    }, 60_000);
    assert.ok(visible, `the posted graph did not become visible:\n${graphOnly.output()}`);
    assert.ok(
      await eventually(async () => {
        const report = await health(cached);
        return report.state === 'ready' && report.columns.state === 'ready';
        // A minute per 1.7 million column edges when run against a shared development database.
      }, 180_000),
      cached.output(),
    );
    assert.equal((await health(graphOnly)).state, 'off');
  });

  after(async () => {
    await Promise.all([cached?.stop(), graphOnly?.stop()]);
  });

  it('answers lineage and impact exactly as Neo4j does, from memory', async () => {
    const before = await health(cached);
    let compared = 0;
    const roots = [...DATASETS.map((name) => node('DATASET', name)), ...JOBS.map((name) => node('JOB', name))];
    for (const [index, root] of roots.entries()) {
      for (const shape of shapes(index)) {
        const answers = await both(LINEAGE, { node: root, ...shape });
        assert.equal(answers.cached, answers.graph, `lineage of ${root.name} ${JSON.stringify(shape)}`);
        compared++;
      }
      if (root.kind === 'DATASET') {
        const answers = await both(IMPACT, { targets: [root] });
        assert.equal(answers.cached, answers.graph, `impact of ${root.name}`);
        compared++;
      }
    }
    const after = await health(cached);
    // Every traversal of those requests came from memory (a lineage in both directions makes two or three).
    assert.ok(after.traversals.memory - before.traversals.memory >= compared, JSON.stringify({ before, after }));
    assert.equal(after.traversals.graph, before.traversals.graph);
    // The same for Prometheus.
    const metrics = await (await fetch(`${cached.url}/metrics`)).text();
    assert.match(metrics, /^tributary_lineage_cache_ready 1$/m);
    assert.match(metrics, /^# TYPE tributary_lineage_traversals_memory_total counter$/m);
    const served = Number(/^tributary_lineage_traversals_memory_total (\d+)$/m.exec(metrics)?.[1]);
    assert.ok(served >= after.traversals.memory, metrics);
  });

  it('cuts a dense layer at the same nodes under every small limit', async () => {
    for (const direction of ['BOTH', 'DOWNSTREAM'])
      for (const includeJobs of [true, false])
        for (const limit of [2, 3, 4, 6]) {
          const variables = { node: node('DATASET', 'dense-src'), direction, depth: 2, includeJobs, limit };
          const answers = await both(LINEAGE, variables);
          assert.equal(answers.cached, answers.graph, JSON.stringify(variables));
        }
  });

  it('the symlink component stops at three hops, and the far end of the chain stays a separate node', async () => {
    const graph = (await lineage(cached, { node: node('DATASET', 'l1'), direction: 'DOWNSTREAM', depth: 1 })) as {
      lineage: { nodes: { id: string; aliases: { name: string }[] }[] };
    };
    const root = graph.lineage.nodes.find((entry) => entry.id === `dataset:${db}:l1`);
    assert.deepEqual(root?.aliases.map((alias) => alias.name).sort(), ['l2', 'l3', 'l4']);
    const names = JSON.stringify(graph);
    assert.ok(names.includes('from-l3'), 'l3 is a member of l1’s node, so its reader is downstream');
    assert.ok(!names.includes('from-l5'), 'l5 is four hops away: not a member');
  });

  it('shows a change another process wrote in its very next answer', async () => {
    const seqBefore = (await health(cached)).seq;
    // Written by the other API's drainer: tt-job switches inputs again, and a new job adds a symlink.
    const answer = await postBatch(graphOnly.url, [
      lineageEvent({
        namespace: ns,
        job: 'tt-job',
        eventTime: at(5),
        inputs: [ds('tt-newest')],
        outputs: [ds('tt-out')],
      }),
      lineageEvent({
        namespace: ns,
        job: 'late',
        eventTime: at(5),
        inputs: [ds('dia-d')],
        outputs: [ds('late-out', { symlinks: [{ namespace: db, name: 'late-alias' }] })],
      }),
    ]);
    assert.equal(answer.status, 200, answer.text);
    assert.ok(
      await eventually(async () => {
        const [tt, late] = await Promise.all([upstreamOf(graphOnly, 'tt-out'), upstreamOf(graphOnly, 'late-alias')]);
        return tt.includes('tt-newest') && late.includes('job:' + ns + ':late');
      }, 60_000),
      graphOnly.output(),
    );
    // No waiting on this side: the clock says the copy is behind, and it catches up before answering.
    const tt = await upstreamOf(cached, 'tt-out');
    assert.ok(tt.includes('tt-newest') && !tt.includes(`dataset:${db}:tt-new"`), tt);
    for (const name of ['tt-out', 'late-alias', 'dia-d', 'tt-new']) {
      for (const shape of shapes(name.length)) {
        const answers = await both(LINEAGE, { node: node('DATASET', name), ...shape });
        assert.equal(answers.cached, answers.graph, `lineage of ${name} ${JSON.stringify(shape)} after the change`);
      }
    }
    assert.ok((await health(cached)).seq > seqBefore, 'the writer moved the lineage clock');
  });

  const fieldNode = (name: string, field: string) => ({ kind: 'FIELD', namespace: db, name, field });

  it('answers column lineage and column impact exactly as Neo4j does, from memory', async () => {
    const before = await health(cached);
    assert.ok(before.columns.edges >= 14, JSON.stringify(before.columns));
    let compared = 0;
    for (const [index, [name, field]] of FIELDS.entries()) {
      const root = fieldNode(name, field);
      for (const shape of shapes(index)) {
        const variables = { node: root, direction: shape.direction, depth: shape.depth, limit: shape.limit };
        const answers = await both(COLUMN_LINEAGE, variables);
        assert.equal(answers.cached, answers.graph, `column lineage of ${name}.${field} ${JSON.stringify(variables)}`);
        compared++;
      }
      for (const limit of [1, 3, 5000]) {
        const answers = await both(COLUMN_IMPACT, { targets: [root], depth: 10, limit });
        assert.equal(answers.cached, answers.graph, `column impact of ${name}.${field}, limit ${limit}`);
        compared++;
      }
    }
    const impact = (await gqlData(cached.url, COLUMN_IMPACT, {
      targets: [fieldNode('c-src', 'amount')],
      depth: 10,
    })) as {
      impact: { items: { node: { label: string }; distance: number; strongestTransformation: string }[] };
    };
    // c-src.amount → c-mid.total (aggregation) → c-out.total2 → c-final.total; and two wide columns.
    const reached = impact.impact.items.map((item) => `${item.node.label}@${item.distance}`).sort();
    assert.deepEqual(reached, [
      'c-final.total@2',
      'c-mid.total@1',
      'c-out.total2@2',
      'c-wide.w0@1',
      'c-wide.w2@1',
      'c-wide.w4@1',
      'c-wide.w6@1',
    ]);
    const after = await health(cached);
    assert.ok(after.traversals.memory - before.traversals.memory >= compared, JSON.stringify({ before, after }));
    assert.equal(after.traversals.graph, before.traversals.graph, 'no column traversal went to Neo4j');
    const metrics = await (await fetch(`${cached.url}/metrics`)).text();
    assert.equal(
      Number(/^tributary_lineage_cache_column_edges (\d+)$/m.exec(metrics)?.[1]),
      after.columns.edges,
      metrics,
    );
  });

  it('shows a column mapping another process rewrote in its very next answer, and classifications from Neo4j', async () => {
    // col-b now derives total2 from c-mid.id alone: c-mid.total no longer reaches c-out.
    const answer = await postBatch(graphOnly.url, [
      lineageEvent({
        namespace: ns,
        job: 'col-b',
        eventTime: at(6),
        inputs: [ds('c-mid')],
        outputs: [ds('c-out', { columnLineage: { id: [col('c-mid', 'id')], total2: [col('c-mid', 'id')] } })],
      }),
    ]);
    assert.equal(answer.status, 200, answer.text);
    const downstreamOfTotal = (api: ApiProcess) =>
      gqlData(api.url, COLUMN_LINEAGE, { node: fieldNode('c-mid', 'total'), direction: 'DOWNSTREAM', depth: 1 }).then(
        (data) => JSON.stringify(data),
      );
    assert.ok(
      await eventually(async () => !(await downstreamOfTotal(graphOnly)).includes('total2'), 60_000),
      graphOnly.output(),
    );
    // No waiting on this side either.
    const fresh = await downstreamOfTotal(cached);
    assert.ok(!fresh.includes('total2') && fresh.includes('c-final'), fresh);

    const classified = await gql(
      cached.url,
      `mutation($n: NodeRef!) { classify(node: $n, classification: "PII", level: 3) { id } }`,
      { n: fieldNode('c-src', 'email') },
    );
    assert.equal(classified.errors, undefined, JSON.stringify(classified.errors));
    for (const [name, field] of FIELDS) {
      for (const depth of [1, 10]) {
        const answers = await both(COLUMN_IMPACT, { targets: [fieldNode(name, field)], depth, limit: 5000 });
        assert.equal(answers.cached, answers.graph, `column impact of ${name}.${field} after the change`);
      }
    }
    const impact = (await gqlData(cached.url, COLUMN_IMPACT, {
      targets: [fieldNode('c-src', 'email')],
      depth: 10,
    })) as {
      impact: { items: { node: { label: string }; classifications: string[] }[] };
    };
    // col-b's new mapping dropped email_hash, so the copy is all that is left.
    assert.deepEqual(
      impact.impact.items.map((item) => [item.node.label, item.classifications]),
      [['c-mid.email', ['PII']]],
    );
  });

  it('shows owners, tags and last success another process changed in its very next impact answer', async () => {
    type Items = {
      impact: {
        items: { node: { id: string }; owners: string[]; tags: string[]; lastSuccessfulRunAt: string | null }[];
      };
    };
    const root = { targets: [{ kind: 'DATASET', namespace: db, name: 'c-src' }] };
    const itemsOf = async (api: ApiProcess) => {
      const data = (await gqlData(api.url, IMPACT, root)) as Items;
      return (id: string) => data.impact.items.find((item) => item.node.id === id);
    };
    const mid = `dataset:${db}:c-mid`;
    const job = `job:${ns}:col-a`;
    const compareAll = async (when: string) => {
      for (const [name, field] of FIELDS) {
        const answers = await both(COLUMN_IMPACT, { targets: [fieldNode(name, field)], depth: 10 });
        assert.equal(answers.cached, answers.graph, `column impact of ${name}.${field} ${when}`);
      }
      for (const name of ['c-src', 'c-mid', 'dia-a', 'tt-new']) {
        const answers = await both(IMPACT, { targets: [{ kind: 'DATASET', namespace: db, name }] });
        assert.equal(answers.cached, answers.graph, `impact of ${name} ${when}`);
      }
    };
    // The copy holds c-mid and col-a from the writer's stamps before the stewards change them.
    const before = await itemsOf(cached);
    assert.deepEqual(before(mid)?.owners, []);
    const held = (await health(cached)).details;
    assert.ok(held >= DATASETS.length + JOBS.length, `details held: ${held}`);

    const steward = async (mutation: string, target: Record<string, unknown>) => {
      const result = await gql(graphOnly.url, mutation, { n: target });
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    };
    await steward(`mutation($n: NodeRef!) { setOwners(node: $n, owners: [{ name: "team-orders" }]) { id } }`, {
      kind: 'DATASET',
      namespace: db,
      name: 'c-mid',
    });
    await steward(`mutation($n: NodeRef!) { setTags(node: $n, tags: ["tier-1"]) { id } }`, node('JOB', 'col-a'));
    // No waiting: governance stamped what it changed.
    const stewarded = await itemsOf(cached);
    assert.deepEqual(stewarded(mid)?.owners, ['team-orders']);
    assert.deepEqual(stewarded(job)?.tags, ['tier-1']);
    await compareAll("after the stewards' change");

    // A later successful run of col-a with the same mapping: col-a and c-mid get a new last success.
    const answer = await postBatch(graphOnly.url, [colA(at(7))]);
    assert.equal(answer.status, 200, answer.text);
    assert.ok(
      await eventually(async () => (await itemsOf(graphOnly))(mid)?.lastSuccessfulRunAt === at(7), 60_000),
      graphOnly.output(),
    );
    // No waiting either: the writer stamped the run's job and what it wrote.
    const ran = await itemsOf(cached);
    assert.equal(ran(mid)?.lastSuccessfulRunAt, at(7));
    assert.equal(ran(job)?.lastSuccessfulRunAt, at(7));
    await compareAll('after a later run');
  });

  it('answers asOf from Neo4j: the copy holds only current lineage', async () => {
    const before = await health(cached);
    const variables = { node: node('DATASET', 'tt-out'), direction: 'UPSTREAM', depth: 1, asOf: at(2) };
    const query = LINEAGE.replace('$limit: Int)', '$limit: Int, $asOf: DateTime)').replace(
      'limit: $limit)',
      'limit: $limit, asOf: $asOf)',
    );
    const answers = await both(query, variables);
    assert.equal(answers.cached, answers.graph);
    assert.ok(answers.cached.includes('tt-old'), answers.cached);
    const after = await health(cached);
    assert.ok(after.traversals.graph > before.traversals.graph);
  });

  it('a graph over LINEAGE_CACHE_MAX_EDGES is not kept in memory, and lineage still answers from Neo4j', async () => {
    const small = await startApi({ LINEAGE_CACHE_MAX_EDGES: '1', LINEAGE_CACHE_MAX_COLUMN_EDGES: '1' });
    try {
      assert.ok(
        await eventually(async () => {
          const report = await health(small);
          return report.state === 'too-large' && report.columns.state === 'too-large';
        }, 60_000),
        small.output(),
      );
      const column = { targets: [fieldNode('c-src', 'id')], depth: 10, limit: 5000 };
      const [columnsSmall, columnsGraph] = await Promise.all([
        gqlData(small.url, COLUMN_IMPACT, column),
        gqlData(graphOnly.url, COLUMN_IMPACT, column),
      ]);
      assert.equal(canonical(columnsSmall), canonical(columnsGraph));
      const variables = { node: node('DATASET', 'dia-a'), direction: 'DOWNSTREAM', depth: 3 };
      const [fromSmall, fromGraph] = await Promise.all([lineage(small, variables), lineage(graphOnly, variables)]);
      assert.equal(canonical(fromSmall), canonical(fromGraph));
      const report = await health(small);
      assert.equal(report.traversals.memory, 0);
      assert.ok(report.traversals.graph > 0);
      assert.match(await (await fetch(`${small.url}/metrics`)).text(), /^tributary_lineage_cache_ready 0$/m);
    } finally {
      await small.stop();
    }
  });
  it('an edit that bypassed the writer (no clock stamp) is found by the periodic check and the copy reloaded', async () => {
    const checking = await startApi({ LINEAGE_CACHE_VERIFY_SECONDS: '1' });
    const driver = graphDriver();
    try {
      assert.ok(
        await eventually(async () => {
          const report = await health(checking);
          return report.state === 'ready' && report.columns.state === 'ready';
        }, 180_000),
        checking.output(),
      );
      // As an operator fixing lineage by hand in Neo4j Browser would: straight Cypher, no clock.
      await driver.executeQuery(
        `MATCH (d:Dataset {id: $source})
         CREATE (j:Job {id: $job, namespace: $ns, name: 'by-hand'})
         CREATE (o:Dataset {id: $output, namespace: $db, name: 'by-hand-out'})
         CREATE (d)-[:INPUT_TO {firstSeenAt: datetime(), lastSeenAt: datetime()}]->(j)
         CREATE (j)-[:OUTPUTS {firstSeenAt: datetime(), lastSeenAt: datetime()}]->(o)`,
        { source: `dataset:${db}:dia-d`, job: `job:${ns}:by-hand`, output: `dataset:${db}:by-hand-out`, ns, db },
      );
      const downstream = { node: node('DATASET', 'dia-d'), direction: 'DOWNSTREAM', depth: 1 };
      assert.ok(
        await eventually(
          async () => JSON.stringify(await lineage(checking, downstream)).includes('by-hand-out'),
          30_000,
        ),
        checking.output(),
      );
      assert.ok((await health(checking)).verification.mismatches >= 1);
      assert.match(checking.output(), /lineage copy disagrees with Neo4j at the same clock; reloading/);
      const [fromChecking, fromGraph] = await Promise.all([
        lineage(checking, downstream),
        lineage(graphOnly, downstream),
      ]);
      assert.equal(canonical(fromChecking), canonical(fromGraph));
    } finally {
      await driver.close();
      await checking.stop();
    }
  });
});
