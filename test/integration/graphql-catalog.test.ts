// Real parts: the built API process (intake → spool → writer → Neo4j →
// GraphQL) and the Neo4j that `npm test` started; the graph comes from events
// POSTed to the intake.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { gql, gqlData, lineageEvent, PRODUCER } from '../support/graphql.js';
import { postBatch, uniqueNamespace } from '../support/intake.js';

const ns = uniqueNamespace('gqlcat');
const db = `${ns}-db`;
// Run ids are global: a fixed one would collide with earlier runs of this test.
const failedRunId = randomUUID();
const at = (day: number, hour = 0, minute = 0): string => new Date(Date.UTC(2026, 1, day, hour, minute)).toISOString();

type Column = { path: string; type: string | null };
type Version = {
  version: string;
  fields: Column[];
  diff: { added: string[]; removed: string[]; retyped: string[] } | null;
};
type RunSummary = { id: string; state: string; durationMs: number | null };

function events(): Record<string, unknown>[] {
  const load = (day: number, fields: string[], runId: string, state: 'COMPLETE' | 'FAIL' = 'COMPLETE') => [
    lineageEvent({
      namespace: ns,
      job: 'load_orders',
      runId,
      eventType: 'START',
      eventTime: at(day, 1),
      inputs: [{ namespace: db, name: 'raw_orders' }],
      outputs: [{ namespace: db, name: 'orders' }],
    }),
    lineageEvent({
      namespace: ns,
      job: 'load_orders',
      runId,
      eventType: state,
      eventTime: at(day, 1, 10),
      inputs: [{ namespace: db, name: 'raw_orders' }],
      outputs: [{ namespace: db, name: 'orders', fields }],
    }),
  ];
  return [
    ...load(1, ['id:INT', 'amount:INT'], randomUUID()),
    ...load(2, ['id:INT', 'amount:BIGINT', 'note:VARCHAR'], randomUUID()),
    ...load(3, ['id:INT', 'amount:BIGINT', 'note:VARCHAR'], failedRunId, 'FAIL'),
    lineageEvent({
      namespace: ns,
      job: 'report',
      eventTime: at(3, 5),
      inputs: [{ namespace: db, name: 'orders' }],
      outputs: [{ namespace: db, name: 'order_report' }],
    }),
  ];
}

describe('GraphQL lookups, run history, search and root cause', () => {
  let api: ApiProcess;

  before(async () => {
    api = await startApi();
    const answer = await postBatch(api.url, events());
    assert.equal(answer.status, 200, answer.text);
    const visible = await eventually(async () => {
      const data = await gqlData<{ job: { runs: { totalCount: number } } | null; dataset: { id: string } | null }>(
        api.url,
        `query ($ns: String!, $db: String!) { job(namespace: $ns, name: "load_orders") { runs { totalCount } }
          dataset(namespace: $db, name: "order_report") { id } }`,
        { ns, db },
      );
      return data.job?.runs.totalCount === 3 && data.dataset !== null;
    }, 60_000);
    assert.ok(visible, `events did not become visible:\n${api.output()}`);
  });

  after(async () => {
    await api?.stop();
  });

  it('dataset: fields, schema versions with the diff between them, producers, consumers, latest runs', async () => {
    const { dataset } = await gqlData<{
      dataset: {
        fields: Column[];
        versions: Version[];
        producers: { name: string }[];
        consumers: { name: string }[];
        latestRuns: RunSummary[];
      };
    }>(
      api.url,
      `query ($db: String!) { dataset(namespace: $db, name: "orders") {
        fields { path type } versions { version fields { path type } diff { added removed retyped } }
        producers { name } consumers { name } latestRuns { id state durationMs } } }`,
      { db },
    );
    assert.deepEqual(
      dataset.fields.map((field) => `${field.path}:${field.type}`),
      ['id:INT', 'amount:BIGINT', 'note:VARCHAR'],
    );
    assert.equal(dataset.versions.length, 2);
    assert.equal(dataset.versions[0]!.diff, null);
    assert.deepEqual(dataset.versions[1]!.diff, { added: ['note'], removed: [], retyped: ['amount'] });
    assert.deepEqual(
      dataset.producers.map((job) => job.name),
      ['load_orders'],
    );
    assert.deepEqual(
      dataset.consumers.map((job) => job.name),
      ['report'],
    );
    assert.deepEqual(
      dataset.latestRuns.map((run) => [run.state, run.durationMs]),
      [
        ['FAIL', 600_000],
        ['COMPLETE', 600_000],
        ['COMPLETE', 600_000],
      ],
    );
  });

  it('dataset: the newest output statistics in lastRowCount and among its facets, whatever the arrival order', async () => {
    const write = (day: number, rowCount: number) => {
      const event = lineageEvent({
        namespace: ns,
        job: 'count_orders',
        runId: randomUUID(),
        eventType: 'COMPLETE',
        eventTime: at(day, 2),
        outputs: [{ namespace: db, name: 'order_counts', fields: ['day:DATE', 'n:BIGINT'] }],
      });
      const [output] = event.outputs as Record<string, unknown>[];
      output!.outputFacets = {
        outputStatistics: {
          _producer: PRODUCER,
          _schemaURL:
            'https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet',
          rowCount,
          size: rowCount * 10,
        },
      };
      return event;
    };
    // Newest first: the older run arrives last and must not win.
    for (const event of [write(6, 300), write(4, 100), write(5, 200)]) {
      const answer = await postBatch(api.url, [event]);
      assert.equal(answer.status, 200, answer.text);
    }
    const allWritten = await eventually(async () => {
      const data = await gqlData<{ job: { runs: { totalCount: number } } | null }>(
        api.url,
        `query ($ns: String!) { job(namespace: $ns, name: "count_orders") { runs { totalCount } } }`,
        { ns },
      );
      return data.job?.runs.totalCount === 3;
    }, 60_000);
    assert.ok(allWritten, `the three runs were not written:\n${api.output()}`);
    const { dataset } = await gqlData<{
      dataset: { lastRowCount: number | null; facets: Record<string, { rowCount?: number }> };
    }>(api.url, `query ($db: String!) { dataset(namespace: $db, name: "order_counts") { lastRowCount facets } }`, {
      db,
    });
    assert.equal(dataset.lastRowCount, 300);
    assert.equal(dataset.facets['outputFacets.outputStatistics']?.rowCount, 300);
    assert.deepEqual(Object.keys(dataset.facets).sort(), ['outputFacets.outputStatistics', 'schema']);
  });

  it("dataset: the newest column lineage among its facets, whether a job's run or a dataset event brought it", async () => {
    const output = (source: string) => ({
      namespace: db,
      name: 'order_facts',
      columnLineage: { id: [{ namespace: db, name: source, field: 'id', type: 'DIRECT', subtype: 'IDENTITY' }] },
    });
    const jobRun = (job: string, day: number, source: string) =>
      lineageEvent({
        namespace: ns,
        job,
        runId: randomUUID(),
        eventType: 'COMPLETE',
        eventTime: at(day, 3),
        inputs: [{ namespace: db, name: source }],
        outputs: [output(source)],
      });
    const datasetEvent = (day: number, source: string) => {
      const [written] = jobRun('unused', day, source).outputs as { facets: Record<string, unknown> }[];
      return {
        eventTime: at(day, 3),
        producer: PRODUCER,
        schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
        dataset: { namespace: db, name: 'order_facts', facets: { columnLineage: written!.facets.columnLineage } },
      };
    };
    const shownSource = async (): Promise<string | undefined> => {
      const { dataset } = await gqlData<{
        dataset: { facets: { columnLineage?: { fields: { id: { inputFields: { name: string }[] } } } } } | null;
      }>(api.url, `query ($db: String!) { dataset(namespace: $db, name: "order_facts") { facets } }`, { db });
      return dataset?.facets.columnLineage?.fields.id.inputFields[0]?.name;
    };
    const postThenExpect = async (events: Record<string, unknown>[], source: string): Promise<void> => {
      const answer = await postBatch(api.url, events);
      assert.equal(answer.status, 200, answer.text);
      let last: string | undefined;
      const shown = await eventually(async () => (last = await shownSource()) === source, 60_000);
      assert.ok(shown, `expected the column lineage from ${source}, the dataset shows ${String(last)}`);
    };

    // Two jobs write the table; the later run's mapping is shown, not the last to arrive.
    await postThenExpect(
      [jobRun('merge_late', 7, 'source_late'), jobRun('merge_early', 5, 'source_early')],
      'source_late',
    );
    // A dataset event older than that run does not win either; the writer
    // drains in order, so once the marker run shows, the older event was written.
    await postThenExpect(
      [datasetEvent(6, 'declared_older'), jobRun('merge_marker', 8, 'source_marker')],
      'source_marker',
    );
    // A newer dataset event wins over the jobs, and a newer run wins it back.
    await postThenExpect([datasetEvent(9, 'declared_newer')], 'declared_newer');
    await postThenExpect([jobRun('merge_early', 10, 'source_early')], 'source_early');
  });

  it('job run history pages with a cursor, newest first; run lookup by id', async () => {
    type Page = {
      job: { latestRun: RunSummary; runs: { items: RunSummary[]; hasNextPage: boolean; endCursor: string } };
    };
    const PAGE = `query ($ns: String!, $after: String) { job(namespace: $ns, name: "load_orders") {
      latestRun { id state } runs(first: 2, after: $after) { items { id state durationMs } hasNextPage endCursor } } }`;
    const first = await gqlData<Page>(api.url, PAGE, { ns });
    assert.equal(first.job.latestRun.state, 'FAIL');
    assert.deepEqual(
      first.job.runs.items.map((run) => run.state),
      ['FAIL', 'COMPLETE'],
    );
    assert.equal(first.job.runs.hasNextPage, true);
    const second = await gqlData<Page>(api.url, PAGE, { ns, after: first.job.runs.endCursor });
    assert.equal(second.job.runs.items.length, 1);
    assert.equal(second.job.runs.hasNextPage, false);

    const { run } = await gqlData<{ run: { state: string; job: { name: string }; outputs: { name: string }[] } }>(
      api.url,
      `query ($id: ID!) { run(id: $id) { state job { name } outputs { name } } }`,
      { id: failedRunId },
    );
    assert.deepEqual(run, { state: 'FAIL', job: { name: 'load_orders' }, outputs: [{ name: 'orders' }] });

    const tooBig = await gql(
      api.url,
      `query ($ns: String!) { job(namespace: $ns, name: "load_orders") { runs(first: 1000) { totalCount } } }`,
      { ns },
    );
    assert.equal(tooBig.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  it('search is typo-tolerant: "ordr" finds orders; kinds and namespace narrow it', async () => {
    type Hits = { search: { items: { kind: string; namespace: string; name: string; field: string | null }[] } };
    const hits = await gqlData<Hits>(
      api.url,
      `query ($db: String!) { search(text: "ordr", namespace: $db, kinds: [DATASET]) { items { kind namespace name field } } }`,
      { db },
    );
    const names = hits.search.items.map((hit) => hit.name);
    assert.ok(names.includes('orders'), JSON.stringify(hits));
    assert.ok(hits.search.items.every((hit) => hit.kind === 'DATASET' && hit.namespace === db));
    const jobs = await gqlData<Hits>(
      api.url,
      `query ($ns: String!) { search(text: "repor", namespace: $ns, kinds: [JOB]) { items { name } } }`,
      { ns },
    );
    assert.deepEqual(
      jobs.search.items.map((hit) => hit.name),
      ['report'],
    );
    const syntax = await gql(api.url, `{ search(text: "orders) OR (*:*") { items { name } } }`);
    assert.equal(syntax.errors, undefined, 'Lucene syntax in user text is escaped, not an error');
  });

  it('rootCause lists the upstream job whose latest run failed, nearest first', async () => {
    const data = await gqlData<{
      rootCause: { job: { id: string }; distance: number; reasons: string[]; path: string[] }[];
    }>(
      api.url,
      `query ($db: String!) { rootCause(dataset: {kind: DATASET, namespace: $db, name: "order_report"}, depth: 5) {
        job { id } distance reasons path } }`,
      { db },
    );
    assert.deepEqual(data.rootCause, [
      {
        job: { id: `job:${ns}:load_orders` },
        distance: 2,
        reasons: ['FAILED'],
        path: [`dataset:${db}:order_report`, `job:${ns}:report`, `dataset:${db}:orders`, `job:${ns}:load_orders`],
      },
    ]);
  });
});
