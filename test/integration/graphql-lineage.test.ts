// Real parts: the built API process (intake, spool, drainer, graph writer,
// GraphQL) and the Neo4j that `npm test` started. Every graph is built by
// POSTing OpenLineage events to the intake; nothing is written with Cypher here.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { commonShapes, gql, gqlData, lineageEvent, type DatasetSpec } from '../support/graphql.js';
import { graphDriver, postBatch, uniqueNamespace } from '../support/intake.js';

const ns = uniqueNamespace('gql');
const db = `${ns}-db`;
const ds = (name: string, extra: Partial<DatasetSpec> = {}): DatasetSpec => ({ namespace: db, name, ...extra });
const dsId = (name: string, namespace = db): string => `dataset:${namespace}:${name}`;
const jobId = (name: string): string => `job:${ns}:${name}`;
const fieldId = (name: string, path: string): string => `field:${db}:${name}:${path}`;
const at = (day: number, hour = 0): string => new Date(Date.UTC(2026, 0, day, hour)).toISOString();
const ref = (name: string, field?: string) =>
  field ? { kind: 'FIELD', namespace: db, name, field } : { kind: 'DATASET', namespace: db, name };

const hive = `hive://metastore-${ns}`;
const s3 = `s3://bucket-${ns}`;
const FAN_OUT = 1_000;

function events(): Record<string, unknown>[] {
  const col = (name: string, field: string, subtype: string) => ({
    namespace: db,
    name,
    field,
    type: 'DIRECT',
    subtype,
  });
  return [
    // Diamond, a job that reads and writes one table, a cycle across runs, a job that changed its inputs.
    ...commonShapes(ns, db, at),
    // The same table seen by two tools: Spark writes the s3 location, declaring
    // the Hive table as its symlink; dbt reads the Hive table.
    lineageEvent({
      namespace: ns,
      job: 'spark-load',
      eventTime: at(1),
      inputs: [ds('sym-raw')],
      outputs: [{ namespace: s3, name: 'warehouse/orders', symlinks: [{ namespace: hive, name: 'analytics.orders' }] }],
    }),
    lineageEvent({
      namespace: ns,
      job: 'dbt-report',
      eventTime: at(1, 2),
      inputs: [{ namespace: hive, name: 'analytics.orders' }],
      outputs: [ds('sym-report')],
    }),
    // Column lineage through three jobs: src.amount → s1.amount (identity) →
    // s2.total (aggregation) → s3.total (identity).
    lineageEvent({
      namespace: ns,
      job: 'col-j1',
      eventTime: at(1),
      inputs: [ds('col-src', { fields: ['amount:INT', 'id:INT'] })],
      outputs: [
        ds('col-s1', { fields: ['amount:INT'], columnLineage: { amount: [col('col-src', 'amount', 'IDENTITY')] } }),
      ],
    }),
    lineageEvent({
      namespace: ns,
      job: 'col-j2',
      eventTime: at(1, 1),
      inputs: [ds('col-s1', { fields: ['amount:INT'] })],
      outputs: [
        ds('col-s2', { fields: ['total:BIGINT'], columnLineage: { total: [col('col-s1', 'amount', 'AGGREGATION')] } }),
      ],
    }),
    lineageEvent({
      namespace: ns,
      job: 'col-j3',
      eventTime: at(1, 2),
      inputs: [ds('col-s2', { fields: ['total:BIGINT'] })],
      outputs: [
        ds('col-s3', { fields: ['total:BIGINT'], columnLineage: { total: [col('col-s2', 'total', 'IDENTITY')] } }),
      ],
    }),
    // A fan-out: one job writes 1,000 datasets.
    lineageEvent({
      namespace: ns,
      job: 'fan',
      eventTime: at(1),
      inputs: [ds('fan-root')],
      outputs: Array.from({ length: FAN_OUT }, (_, i) => ds(`fan-out-${String(i).padStart(4, '0')}`)),
    }),
  ];
}

const LINEAGE = `query ($node: NodeRef!, $direction: LineageDirection, $depth: Int, $granularity: LineageGranularity,
  $includeJobs: Boolean, $limit: Int, $asOf: DateTime) {
  lineage(node: $node, direction: $direction, depth: $depth, granularity: $granularity, includeJobs: $includeJobs,
          limit: $limit, asOf: $asOf) {
    truncated
    nodes { id kind namespace name field label clusterSize clusterOf aliases { namespace name } }
    edges { id source target kind job }
  }
}`;

const IMPACT = `query ($targets: [NodeRef!]!, $depth: Int, $granularity: LineageGranularity, $asOf: DateTime) {
  impact(targets: $targets, depth: $depth, granularity: $granularity, asOf: $asOf) {
    totalDatasets totalFields totalJobs truncated
    byNamespace { key datasets fields jobs }
    items { node { id kind label } distance path jobs { id } strongestTransformation }
  }
}`;

type Node = {
  id: string;
  kind: string;
  label: string;
  field: string | null;
  clusterSize: number | null;
  clusterOf: string | null;
  aliases: { namespace: string; name: string }[];
};
type Edge = { id: string; source: string; target: string; kind: string; job: string | null };
type Graph = { lineage: { truncated: boolean; nodes: Node[]; edges: Edge[] } };
type Item = {
  node: { id: string; kind: string };
  distance: number;
  path: string[];
  jobs: { id: string }[];
  strongestTransformation: string | null;
};
type Impact = {
  impact: {
    totalDatasets: number;
    totalFields: number;
    totalJobs: number;
    truncated: boolean;
    byNamespace: { key: string; datasets: number; fields: number; jobs: number }[];
    items: Item[];
  };
};

const ids = (nodes: { id: string }[]): string[] => nodes.map((node) => node.id).sort();
const edgeSet = (edges: Edge[]): string[] =>
  edges.map((edge) => `${edge.kind} ${edge.source} -> ${edge.target}`).sort();
const byItem = (items: Item[]): Record<string, { distance: number; path: string[] }> =>
  Object.fromEntries(items.map((item) => [item.node.id, { distance: item.distance, path: item.path }]));

describe('GraphQL lineage and impact over graphs posted through the intake', () => {
  let api: ApiProcess;
  const lineage = (variables: Record<string, unknown>) => gqlData<Graph>(api.url, LINEAGE, variables);
  const impact = (variables: Record<string, unknown>) => gqlData<Impact>(api.url, IMPACT, variables);

  before(async () => {
    api = await startApi();
    const answer = await postBatch(api.url, events());
    assert.equal(answer.status, 200, answer.text);
    const body = answer.json() as { results: { status: number }[] };
    assert.ok(
      body.results.every((entry) => entry.status === 201),
      answer.text,
    );
    // The drainer writes asynchronously: wait until the last pieces of every scenario are visible.
    let last = 'no answer yet';
    const visible = await eventually(async () => {
      try {
        const [fan, tt, col, cycle] = await Promise.all([
          impact({ targets: [ref('fan-root')], depth: 1 }),
          lineage({ node: ref('tt-out'), direction: 'UPSTREAM', depth: 1 }),
          impact({ targets: [ref('col-src', 'amount')], granularity: 'COLUMN' }),
          lineage({ node: ref('cy-x'), direction: 'UPSTREAM', depth: 1 }),
        ]);
        const seen = {
          fanDatasets: fan.impact.totalDatasets,
          ttInputs: ids(tt.lineage.nodes),
          columnFields: col.impact.totalFields,
          cycleNodes: ids(cycle.lineage.nodes),
        };
        last = JSON.stringify(seen);
        return (
          seen.fanDatasets === FAN_OUT &&
          seen.ttInputs.includes(dsId('tt-new')) &&
          seen.columnFields === 3 &&
          seen.cycleNodes.includes(jobId('cy-j2'))
        );
      } catch (error) {
        last = String(error);
        return false;
      }
    }, 60_000);
    // What it saw last, the API's own view (intake backlog, lineage cache) and what Neo4j holds (the clock, each
    // job's stamp and current edges) tell a slow writer from a stale in-memory copy.
    if (!visible) {
      const health = await (await fetch(`${api.url}/health`)).text();
      const graph = await graphState(ns);
      assert.fail(
        `the posted graph did not become visible; last seen ${last}\nhealth ${health}\ngraph ${graph}\n${api.output()}`,
      );
    }
  });

  after(async () => {
    await api?.stop();
  });

  it('diamond: exact nodes downstream, the join reached once at distance 2 over the first branch', async () => {
    const graph = await lineage({ node: ref('dia-a'), direction: 'DOWNSTREAM', depth: 3 });
    assert.deepEqual(
      ids(graph.lineage.nodes),
      [
        dsId('dia-a'),
        dsId('dia-b'),
        dsId('dia-c'),
        dsId('dia-d'),
        jobId('dia-j1'),
        jobId('dia-j2'),
        jobId('dia-j3'),
      ].sort(),
    );
    assert.deepEqual(
      edgeSet(graph.lineage.edges),
      [
        `INPUT_TO ${dsId('dia-a')} -> ${jobId('dia-j1')}`,
        `INPUT_TO ${dsId('dia-a')} -> ${jobId('dia-j2')}`,
        `INPUT_TO ${dsId('dia-b')} -> ${jobId('dia-j3')}`,
        `INPUT_TO ${dsId('dia-c')} -> ${jobId('dia-j3')}`,
        `OUTPUTS ${jobId('dia-j1')} -> ${dsId('dia-b')}`,
        `OUTPUTS ${jobId('dia-j2')} -> ${dsId('dia-c')}`,
        `OUTPUTS ${jobId('dia-j3')} -> ${dsId('dia-d')}`,
      ].sort(),
    );
    assert.equal(graph.lineage.truncated, false);

    const report = (await impact({ targets: [ref('dia-a')] })).impact;
    assert.deepEqual(byItem(report.items), {
      [dsId('dia-b')]: { distance: 1, path: [dsId('dia-a'), jobId('dia-j1'), dsId('dia-b')] },
      [dsId('dia-c')]: { distance: 1, path: [dsId('dia-a'), jobId('dia-j2'), dsId('dia-c')] },
      [jobId('dia-j1')]: { distance: 1, path: [dsId('dia-a'), jobId('dia-j1')] },
      [jobId('dia-j2')]: { distance: 1, path: [dsId('dia-a'), jobId('dia-j2')] },
      [jobId('dia-j3')]: { distance: 2, path: [dsId('dia-a'), jobId('dia-j1'), dsId('dia-b'), jobId('dia-j3')] },
      [dsId('dia-d')]: {
        distance: 2,
        path: [dsId('dia-a'), jobId('dia-j1'), dsId('dia-b'), jobId('dia-j3'), dsId('dia-d')],
      },
    });
    assert.deepEqual([report.totalDatasets, report.totalJobs], [3, 3]);
    assert.deepEqual(
      report.items.find((item) => item.node.id === dsId('dia-d'))?.jobs.map((job) => job.id),
      [jobId('dia-j1'), jobId('dia-j3')],
    );

    const upstream = await lineage({ node: ref('dia-d'), direction: 'UPSTREAM', depth: 1, includeJobs: false });
    assert.deepEqual(ids(upstream.lineage.nodes), [dsId('dia-b'), dsId('dia-c'), dsId('dia-d')]);
    assert.deepEqual(edgeSet(upstream.lineage.edges), [
      `DERIVES ${dsId('dia-b')} -> ${dsId('dia-d')}`,
      `DERIVES ${dsId('dia-c')} -> ${dsId('dia-d')}`,
    ]);
  });

  it('a job reading and writing the same table is one job node with an edge each way', async () => {
    const graph = await lineage({ node: ref('ledger'), direction: 'BOTH', depth: 3 });
    assert.deepEqual(ids(graph.lineage.nodes), [dsId('ledger'), jobId('upsert')]);
    assert.deepEqual(edgeSet(graph.lineage.edges), [
      `INPUT_TO ${dsId('ledger')} -> ${jobId('upsert')}`,
      `OUTPUTS ${jobId('upsert')} -> ${dsId('ledger')}`,
    ]);
    const report = (await impact({ targets: [ref('ledger')] })).impact;
    assert.deepEqual(byItem(report.items), {
      [jobId('upsert')]: { distance: 1, path: [dsId('ledger'), jobId('upsert')] },
    });
    assert.equal(report.totalDatasets, 0);
  });

  it('symlinked datasets from two tools merge into one node that lineage passes through', async () => {
    const graph = await lineage({ node: ref('sym-raw'), direction: 'DOWNSTREAM', depth: 5 });
    const merged = graph.lineage.nodes.filter((node) => node.kind === 'DATASET' && node.aliases.length > 0);
    assert.equal(merged.length, 1, JSON.stringify(graph.lineage.nodes));
    const [table] = merged;
    const names = [`${table!.label}`, ...table!.aliases.map((alias) => alias.name)].sort();
    assert.deepEqual(names, ['analytics.orders', 'warehouse/orders']);
    assert.deepEqual(
      ids(graph.lineage.nodes),
      [dsId('sym-raw'), dsId('sym-report'), jobId('dbt-report'), jobId('spark-load'), table!.id].sort(),
    );
    assert.deepEqual(
      edgeSet(graph.lineage.edges),
      [
        `INPUT_TO ${dsId('sym-raw')} -> ${jobId('spark-load')}`,
        `INPUT_TO ${table!.id} -> ${jobId('dbt-report')}`,
        `OUTPUTS ${jobId('dbt-report')} -> ${dsId('sym-report')}`,
        `OUTPUTS ${jobId('spark-load')} -> ${table!.id}`,
      ].sort(),
    );
    // Asking by either name gives the same node.
    const viaHive = await lineage({ node: { kind: 'DATASET', namespace: hive, name: 'analytics.orders' }, depth: 0 });
    const viaS3 = await lineage({ node: { kind: 'DATASET', namespace: s3, name: 'warehouse/orders' }, depth: 0 });
    assert.deepEqual(ids(viaHive.lineage.nodes), [table!.id]);
    assert.deepEqual(ids(viaS3.lineage.nodes), [table!.id]);
    const report = (await impact({ targets: [ref('sym-raw')] })).impact;
    assert.equal(byItem(report.items)[dsId('sym-report')]?.distance, 2);
  });

  it('column lineage through three jobs: distances in fields, jobs on the path, strongest transformation', async () => {
    const report = (await impact({ targets: [ref('col-src', 'amount')], granularity: 'COLUMN' })).impact;
    const src = fieldId('col-src', 'amount');
    const s1 = fieldId('col-s1', 'amount');
    const s2 = fieldId('col-s2', 'total');
    const s3 = fieldId('col-s3', 'total');
    assert.deepEqual(byItem(report.items), {
      [s1]: { distance: 1, path: [src, s1] },
      [s2]: { distance: 2, path: [src, s1, s2] },
      [s3]: { distance: 3, path: [src, s1, s2, s3] },
    });
    const item = (id: string) => report.items.find((entry) => entry.node.id === id)!;
    assert.equal(item(s1).strongestTransformation, 'IDENTITY');
    assert.equal(item(s3).strongestTransformation, 'AGGREGATION');
    assert.deepEqual(
      item(s3).jobs.map((job) => job.id),
      [jobId('col-j1'), jobId('col-j2'), jobId('col-j3')],
    );
    assert.deepEqual([report.totalFields, report.totalDatasets, report.totalJobs], [3, 3, 3]);
    assert.deepEqual(report.byNamespace, [
      { key: ns, datasets: 0, fields: 0, jobs: 3 },
      { key: db, datasets: 3, fields: 3, jobs: 0 },
    ]);

    // The untouched column `id` of col-src has no column lineage: its precise impact is empty,
    // although the dataset-level impact of col-src reaches everything downstream.
    const idImpact = (await impact({ targets: [ref('col-src', 'id')], granularity: 'COLUMN' })).impact;
    assert.deepEqual(idImpact.items, []);

    const graph = await lineage({
      node: ref('col-s3', 'total'),
      direction: 'UPSTREAM',
      granularity: 'COLUMN',
      depth: 5,
    });
    assert.deepEqual(
      ids(graph.lineage.nodes),
      [dsId('col-s1'), dsId('col-s2'), dsId('col-s3'), dsId('col-src'), s1, s2, s3, src].sort(),
    );
    const feeds = graph.lineage.edges.filter((edge) => edge.kind === 'FEEDS');
    assert.deepEqual(
      feeds.map((edge) => `${edge.source} -> ${edge.target} by ${edge.job}`).sort(),
      [
        `${s1} -> ${s2} by ${jobId('col-j2')}`,
        `${s2} -> ${s3} by ${jobId('col-j3')}`,
        `${src} -> ${s1} by ${jobId('col-j1')}`,
      ].sort(),
    );
    assert.equal(graph.lineage.edges.filter((edge) => edge.kind === 'HAS_FIELD').length, 4);
  });

  it('a fan-out of 1,000 becomes one cluster node that pages into its members', async () => {
    const graph = await lineage({ node: ref('fan-root'), direction: 'DOWNSTREAM', depth: 3 });
    assert.equal(graph.lineage.nodes.length, 3);
    const cluster = graph.lineage.nodes.find((node) => node.clusterSize !== null)!;
    assert.deepEqual(
      { kind: cluster.kind, size: cluster.clusterSize, of: cluster.clusterOf, label: cluster.label },
      { kind: 'DATASET', size: FAN_OUT, of: jobId('fan'), label: '1000 datasets' },
    );
    assert.deepEqual(
      edgeSet(graph.lineage.edges),
      [`INPUT_TO ${dsId('fan-root')} -> ${jobId('fan')}`, `OUTPUTS ${jobId('fan')} -> ${cluster.id}`].sort(),
    );

    type Page = { neighbours: { totalCount: number; hasNextPage: boolean; endCursor: string; nodes: Node[] } };
    const PAGE = `query ($after: String) { neighbours(node: {kind: JOB, namespace: "${ns}", name: "fan"},
      direction: DOWNSTREAM, first: 100, after: $after) { totalCount hasNextPage endCursor nodes { id kind } } }`;
    const first = await gqlData<Page>(api.url, PAGE);
    assert.equal(first.neighbours.totalCount, FAN_OUT);
    assert.equal(first.neighbours.nodes.length, 100);
    assert.equal(first.neighbours.nodes[0]!.id, dsId('fan-out-0000'));
    const second = await gqlData<Page>(api.url, PAGE, { after: first.neighbours.endCursor });
    assert.equal(second.neighbours.nodes[0]!.id, dsId('fan-out-0100'));
    assert.equal(second.neighbours.hasNextPage, true);

    const report = (await impact({ targets: [ref('fan-root')] })).impact;
    assert.deepEqual([report.totalDatasets, report.totalJobs, report.items.length], [FAN_OUT, 1, FAN_OUT + 1]);
    assert.ok(report.items.every((item) => item.distance === 1));

    const capped = await lineage({ node: ref('fan-root'), direction: 'DOWNSTREAM', depth: 3, limit: 2 });
    assert.equal(capped.lineage.truncated, true);
    assert.equal(capped.lineage.nodes.length, 2);
  });

  it('a cycle across runs terminates with every node once', async () => {
    const graph = await lineage({ node: ref('cy-x'), direction: 'DOWNSTREAM', depth: 20 });
    assert.deepEqual(ids(graph.lineage.nodes), [dsId('cy-x'), dsId('cy-y'), jobId('cy-j1'), jobId('cy-j2')].sort());
    assert.deepEqual(
      edgeSet(graph.lineage.edges),
      [
        `INPUT_TO ${dsId('cy-x')} -> ${jobId('cy-j1')}`,
        `INPUT_TO ${dsId('cy-y')} -> ${jobId('cy-j2')}`,
        `OUTPUTS ${jobId('cy-j1')} -> ${dsId('cy-y')}`,
        `OUTPUTS ${jobId('cy-j2')} -> ${dsId('cy-x')}`,
      ].sort(),
    );
    const report = (await impact({ targets: [ref('cy-x')], depth: 20 })).impact;
    assert.deepEqual(byItem(report.items), {
      [jobId('cy-j1')]: { distance: 1, path: [dsId('cy-x'), jobId('cy-j1')] },
      [dsId('cy-y')]: { distance: 1, path: [dsId('cy-x'), jobId('cy-j1'), dsId('cy-y')] },
      [jobId('cy-j2')]: { distance: 2, path: [dsId('cy-x'), jobId('cy-j1'), dsId('cy-y'), jobId('cy-j2')] },
    });
  });

  it('asOf: before the job changed its inputs it read the old table, after it the new one', async () => {
    const before = await lineage({ node: ref('tt-out'), direction: 'UPSTREAM', depth: 2, asOf: at(2) });
    assert.deepEqual(ids(before.lineage.nodes), [dsId('tt-old'), dsId('tt-out'), jobId('tt-job')].sort());
    const now = await lineage({ node: ref('tt-out'), direction: 'UPSTREAM', depth: 2 });
    assert.deepEqual(ids(now.lineage.nodes), [dsId('tt-new'), dsId('tt-out'), jobId('tt-job')].sort());
    const later = await lineage({ node: ref('tt-out'), direction: 'UPSTREAM', depth: 2, asOf: at(4) });
    assert.deepEqual(ids(later.lineage.nodes), ids(now.lineage.nodes));
    const beforeAll = await lineage({ node: ref('tt-out'), direction: 'UPSTREAM', depth: 2, asOf: at(0) });
    assert.deepEqual(ids(beforeAll.lineage.nodes), [dsId('tt-out')]);

    const oldImpactThen = (await impact({ targets: [ref('tt-old')], asOf: at(2) })).impact;
    assert.deepEqual(oldImpactThen.items.map((item) => item.node.id).sort(), [dsId('tt-out'), jobId('tt-job')].sort());
    const oldImpactNow = (await impact({ targets: [ref('tt-old')] })).impact;
    assert.deepEqual(oldImpactNow.items, []);

    type Diff = { lineageDiff: { addedNodes: Node[]; removedNodes: Node[]; addedEdges: Edge[]; removedEdges: Edge[] } };
    const diff = await gqlData<Diff>(
      api.url,
      `query ($node: NodeRef!, $from: DateTime!, $to: DateTime!) {
        lineageDiff(node: $node, direction: UPSTREAM, depth: 2, from: $from, to: $to) {
          addedNodes { id } removedNodes { id } addedEdges { id source target kind job } removedEdges { id source target kind job }
        } }`,
      { node: ref('tt-out'), from: at(2), to: at(4) },
    );
    assert.deepEqual(ids(diff.lineageDiff.addedNodes), [dsId('tt-new')]);
    assert.deepEqual(ids(diff.lineageDiff.removedNodes), [dsId('tt-old')]);
    assert.deepEqual(edgeSet(diff.lineageDiff.addedEdges), [`INPUT_TO ${dsId('tt-new')} -> ${jobId('tt-job')}`]);
    assert.deepEqual(edgeSet(diff.lineageDiff.removedEdges), [`INPUT_TO ${dsId('tt-old')} -> ${jobId('tt-job')}`]);
  });

  it('an unknown dataset is BAD_USER_INPUT and a depth of 100 is refused with a clear message', async () => {
    const unknown = await gql(api.url, LINEAGE, { node: ref('no-such-table') });
    assert.equal(unknown.data, null);
    assert.equal(unknown.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(unknown.errors?.[0]?.message ?? '', /unknown dataset .*no-such-table/);

    const deep = await gql(api.url, LINEAGE, { node: ref('dia-a'), depth: 100 });
    assert.equal(deep.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(deep.errors?.[0]?.message, 'depth must be between 0 and 20, got 100');

    const deepImpact = await gql(api.url, IMPACT, { targets: [ref('dia-a')], depth: 100 });
    assert.equal(deepImpact.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');

    const noField = await gql(api.url, IMPACT, { targets: [ref('col-src', 'nope')], granularity: 'COLUMN' });
    assert.equal(noField.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.ok(!JSON.stringify([unknown, deep, noField]).includes('    at '), 'no stack trace reaches the client');
  });

  it('impact shows each node’s last successful run, and a COMPLETE overtaken by a newer FAIL does not count', async () => {
    const SUCCESS = `query ($targets: [NodeRef!]!) {
      impact(targets: $targets, depth: 2) { items { node { id } lastSuccessfulRunAt } }
    }`;
    const step = (job: string, eventType: 'COMPLETE' | 'FAIL', eventTime: string, runId: string) =>
      lineageEvent({ namespace: ns, job, eventType, eventTime, runId, inputs: [ds('ls-in')], outputs: [ds('ls-out')] });
    const [ok, failed, overtaken] = [randomUUID(), randomUUID(), randomUUID()];
    // The overtaken run's COMPLETE is written in an earlier batch than its FAIL: the success must be withdrawn.
    const first = await postBatch(api.url, [
      step('ls-job', 'COMPLETE', at(4, 10), ok),
      step('ls-job', 'FAIL', at(5, 10), failed),
      step('ls-job', 'COMPLETE', at(6, 10), overtaken),
    ]);
    assert.equal(first.status, 200, first.text);
    const last = async () =>
      Object.fromEntries(
        (
          await gqlData<{ impact: { items: { node: { id: string }; lastSuccessfulRunAt: string | null }[] } }>(
            api.url,
            SUCCESS,
            { targets: [ref('ls-in')] },
          )
        ).impact.items.map((item) => [item.node.id, item.lastSuccessfulRunAt]),
      );
    assert.ok(
      await eventually(async () => (await last())[dsId('ls-out')] === at(6, 10)),
      `the COMPLETE runs did not show:\n${api.output()}`,
    );
    const second = await postBatch(api.url, [step('ls-job', 'FAIL', at(6, 11), overtaken)]);
    assert.equal(second.status, 200, second.text);
    assert.ok(await eventually(async () => (await last())[dsId('ls-out')] === at(4, 10)), JSON.stringify(await last()));
    assert.equal((await last())[jobId('ls-job')], at(4, 10));
  });
});

async function graphState(namespace: string): Promise<string> {
  const driver = graphDriver();
  try {
    const { records } = await driver.executeQuery(
      `OPTIONAL MATCH (c:LineageClock {id: 'lineage'})
       OPTIONAL MATCH (j:Job {namespace: $namespace})
       RETURN c.seq AS clock, c.resetSeq AS resetSeq,
              collect([j.name, j.topologySeq, COUNT { (j)-[e:OUTPUTS]->() WHERE e.validTo IS NULL }]) AS jobs`,
      { namespace },
    );
    return JSON.stringify(records[0]?.toObject());
  } catch (error) {
    return String(error);
  } finally {
    await driver.close();
  }
}
