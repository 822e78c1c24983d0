// Real parts: the API's LineageWriter (compiled apps/api/dist, wired without
// Nest), the Neo4j that `npm test` started, the shared OpenLineage corpus and
// the real validator. Each test writes under its own namespace suffix.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { randomUUID } from 'node:crypto';
import type { RunEvent } from '@tributary/openlineage';
import { loadCorpus, type CorpusEvent } from '@tributary/openlineage/corpus';
import {
  accept,
  dumpGraph,
  isolate,
  openGraphWriter,
  prepare,
  query,
  uniqueSuffix,
  withMigration,
  type AcceptedEvent,
  type GraphWriterHandle,
  type MigrationTransactions,
} from '../support/graph-writer.js';

let graph: GraphWriterHandle;
let corpus: CorpusEvent[];

before(async () => {
  graph = await openGraphWriter();
  corpus = loadCorpus();
});
after(async () => {
  await graph?.close();
});

function corpusFile(file: string): unknown[] {
  const events = corpus.filter((e) => e.entry.file === file).map((e) => e.event);
  assert.ok(events.length > 0, `corpus file ${file} is missing`);
  return events;
}

function isolated(file: string, suffix: string, runIds = new Map<string, string>()): AcceptedEvent[] {
  return corpusFile(file).map((event) => accept(prepare(event, suffix, runIds)));
}

/** Template files give each event its own placeholder run id; these events belong to one run. */
function oneRun(events: AcceptedEvent[]): AcceptedEvent[] {
  const runId = randomUUID();
  return events.map((accepted) => ({
    ...accepted,
    event: { ...accepted.event, run: { ...(accepted.event as RunEvent).run, runId } },
  }));
}

describe('LineageWriter: corpus events become the documented graph', () => {
  it('a Hive CTAS with joins: datasets, fields, run I/O, column lineage, symlinks, run state', async () => {
    const s = uniqueSuffix();
    const events = oneRun([
      ...isolated('hive/cllCtasWithJoinsStart.json', s),
      ...isolated('hive/cllCtasWithJoinsComplete.json', s),
    ]);
    await graph.writeBatch(events);
    const ns = `hive://localhost:9083-${s}`;
    const job = `job:default-${s}:createtable_as_select.test.xxx`;

    const [out] = await query<{ fields: [string, string][]; version: string; versions: number }>(
      graph.driver,
      `MATCH (d:Dataset {id: $id})-[:HAS_FIELD]->(f:Field) WHERE f.schemaHash = d.currentVersion
       WITH d, f ORDER BY f.ordinal
       RETURN collect([f.path, f.type]) AS fields, d.currentVersion AS version, COUNT { (d)-[:HAS_VERSION]->() } AS versions`,
      { id: `dataset:${ns}:test.xxx` },
    );
    assert.deepEqual(out?.fields, [
      ['id', 'int'],
      ['name', 'string'],
    ]);
    assert.equal(out?.versions, 1);

    const io = await query<{ t: string; d: string }>(
      graph.driver,
      `MATCH (j:Job {id: $job}) MATCH (d:Dataset)-[e:INPUT_TO|OUTPUTS]-(j) WHERE e.validTo IS NULL
       RETURN type(e) AS t, d.name AS d ORDER BY t, d`,
      { job },
    );
    assert.deepEqual(io, [
      { t: 'INPUT_TO', d: 'test.t1' },
      { t: 'INPUT_TO', d: 'test.t2' },
      { t: 'OUTPUTS', d: 'test.xxx' },
    ]);

    const feeds = await query(
      graph.driver,
      `MATCH (i:Field)-[f:FEEDS]->(o:Field) WHERE o.namespace = $ns
       RETURN i.datasetName + '.' + i.path AS input, o.path AS output, f.type AS type, f.subtype AS subtype, f.jobId AS job
       ORDER BY output`,
      { ns },
    );
    assert.deepEqual(feeds, [
      { input: 'test.t1.id', output: 'id', type: 'DIRECT', subtype: 'TRANSFORMATION', job },
      { input: 'test.t2.name', output: 'name', type: 'DIRECT', subtype: 'IDENTITY', job },
    ]);
    const affects = await query(
      graph.driver,
      `MATCH (i:Field)-[a:AFFECTS]->(d:Dataset {id: $id}) RETURN i.datasetName + '.' + i.path AS input, a.type AS type,
       a.transformations AS transformations ORDER BY input`,
      { id: `dataset:${ns}:test.xxx` },
    );
    assert.deepEqual(affects, [
      { input: 'test.t1.id', type: 'INDIRECT', transformations: ['INDIRECT/JOIN', 'INDIRECT/FILTER'] },
      { input: 'test.t2.number', type: 'INDIRECT', transformations: ['INDIRECT/JOIN', 'INDIRECT/FILTER'] },
    ]);

    const symlinks = await query(
      graph.driver,
      `MATCH (d:Dataset)-[l:SYMLINK]->(s:Dataset) WHERE d.namespace = $ns RETURN d.name AS from, s.namespace AS ns, s.name AS to, l.type AS type ORDER BY from`,
      { ns },
    );
    assert.equal(symlinks.length, 3);
    assert.deepEqual(symlinks[2], {
      from: 'test.xxx',
      ns: `file-${s}`,
      to: '/opt/hive/data/warehouse/test.db/xxx',
      type: 'LOCATION',
    });
    // A dataset named only as a symlink target is listed under its namespace.
    const [target] = await query<{ namespaces: string[] }>(
      graph.driver,
      `MATCH (s:Dataset {namespace: $ns, name: $name}) RETURN [(n:Namespace)-[:CONTAINS]->(s) | n.name] AS namespaces`,
      { ns: `file-${s}`, name: '/opt/hive/data/warehouse/test.db/xxx' },
    );
    assert.deepEqual(target?.namespaces, [`file-${s}`]);

    const [run] = await query<Record<string, unknown>>(
      graph.driver,
      `MATCH (:Job {id: $job})-[:HAS_RUN]->(r:Run) RETURN r.state AS state, r.startedAt IS NOT NULL AS started,
       r.endedAt IS NOT NULL AS ended, r.processingEngine AS engine, r.processingEngineVersion AS version,
       COUNT { (r)-[:READ]->() } AS reads, COUNT { (r)-[:WROTE]->() } AS writes`,
      { job },
    );
    assert.deepEqual(run, {
      state: 'COMPLETE',
      started: true,
      ended: true,
      engine: 'hive',
      version: '3.1.3',
      reads: 2,
      writes: 1,
    });
    const [jobRow] = await query(
      graph.driver,
      `MATCH (j:Job {id: $job}) RETURN j.sqlDialect AS dialect, j.integration AS integration, j.jobType AS type`,
      { job },
    );
    assert.deepEqual(jobRow, { dialect: 'hive', integration: 'HIVE', type: 'QUERY' });

    const [search] = await query<{ n: number }>(
      graph.driver,
      `CALL db.index.fulltext.queryNodes('lineage_search', 'xxx') YIELD node WHERE node.namespace = $ns RETURN count(node) AS n`,
      { ns },
    );
    assert.ok((search?.n ?? 0) >= 1, 'the full-text index finds the dataset by name');
  });

  it('dbt with a parent facet: placeholder parent run and job, CHILD_OF, documentation, ownership, sql', async () => {
    const s = uniqueSuffix();
    const runIds = new Map<string, string>();
    await graph.writeBatch(oneRun(isolated('dbt/small_result.json', s, runIds)));
    const [child] = await query<Record<string, unknown>>(
      graph.driver,
      `MATCH (j:Job {namespace: $ns})-[:HAS_RUN]->(r:Run)-[:CHILD_OF]->(p:Run)<-[:HAS_RUN]-(pj:Job)
       MATCH (j)-[:CHILD_OF]->(pj)
       RETURN r.state AS state, p.state AS parentState, pj.name AS parentJob, j.sql IS NOT NULL AS sql, j.jobType AS jobType`,
      { ns: `job-namespace-${s}` },
    );
    assert.deepEqual(child, {
      state: 'COMPLETE',
      parentState: null,
      parentJob: 'dbt-job-name',
      sql: true,
      jobType: 'MODEL',
    });
    const [model] = await query(
      graph.driver,
      `MATCH (d:Dataset {id: $id}) RETURN d.description AS description, d.owners AS owners, d.sourceName AS source,
       d.facets CONTAINS '"dataSource"' AS keptRaw`,
      { id: `dataset:bigquery-${s}:random-gcp-project.dbt_test1.test_model` },
    );
    // dbt's dataSource uri "bigquery" is not a URI: the facet is kept raw, not extracted.
    assert.deepEqual(model, {
      description: 'A starter dbt model',
      owners: '[{"name":"data_team","type":null}]',
      source: null,
      keptRaw: true,
    });
    const parents = await query(
      graph.driver,
      `MATCH (pj:Job {namespace: $ns}) WHERE NOT (pj)<-[:CHILD_OF]-(:Job {name: pj.name}) RETURN pj.name AS name`,
      { ns: `dbt-${s}` },
    );
    assert.deepEqual(parents, [{ name: 'dbt-job-name' }]);
  });

  it('a malformed standard facet is kept as JSON but not extracted', async () => {
    const s = uniqueSuffix();
    const raw = {
      eventType: 'COMPLETE',
      eventTime: '2025-01-01T00:00:00Z',
      producer: 'https://example.com/p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId: '01940000-0000-7000-8000-000000000001' },
      job: { namespace: 'jobs', name: 'bad-facet' },
      outputs: [
        {
          namespace: 'db',
          name: 'out',
          facets: {
            schema: { _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s', fields: 'not a list' },
          },
        },
      ],
    };
    const event = accept(isolate(raw, s, new Map()));
    assert.deepEqual(event.unusableFacets, ['/outputs/0/facets/schema']);
    await graph.writeBatch([event]);
    const [row] = await query(
      graph.driver,
      `MATCH (d:Dataset {id: $id}) RETURN d.facets AS facets, d.currentVersion AS version, COUNT { (d)-[:HAS_FIELD]->() } AS fields`,
      { id: `dataset:db-${s}:out` },
    );
    assert.deepEqual(row, {
      facets: JSON.stringify({ schema: raw.outputs[0]!.facets.schema }),
      version: null,
      fields: 0,
    });
  });

  it('keeps names from before normalization as originalIds', async () => {
    const s = uniqueSuffix();
    const raw = {
      eventType: 'COMPLETE',
      eventTime: '2025-01-01T00:00:00Z',
      producer: 'https://example.com/p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId: '01940000-0000-7000-8000-000000000002' },
      job: { namespace: 'jobs', name: 'spark' },
      inputs: [{ namespace: 'postgres://db:5432', name: 'shop.public.orders' }],
    };
    const rename = {
      from: { namespace: `postgresql://db-${s}`, name: 'shop.public.orders' },
      to: { namespace: `postgres://db:5432-${s}`, name: 'shop.public.orders' },
    };
    await graph.writeBatch([accept(isolate(raw, s, new Map()), [rename])]);
    const rows = await query(graph.driver, `MATCH (d:Dataset) WHERE $old IN d.originalIds RETURN d.id AS id`, {
      old: `dataset:postgresql://db-${s}:shop.public.orders`,
    });
    assert.deepEqual(rows, [{ id: `dataset:postgres://db:5432-${s}:shop.public.orders` }]);
  });
});

describe('LineageWriter: idempotent', () => {
  it('the same events written twice leave the graph identical', async () => {
    const s = uniqueSuffix();
    const runIds = new Map<string, string>();
    const events = [
      ...isolated('hive/cllCtasWithJoinsStart.json', s, runIds),
      ...isolated('hive/cllCtasWithJoinsComplete.json', s, runIds),
      ...isolated('dbt/small_result.json', s, runIds),
      ...isolated('airflow/postgres.json', s, runIds),
      ...isolated('spark/pysparkSymlinksComplete.json', s, runIds),
      ...isolated('python-client/serde_example_dataset_event.json', s, runIds),
      ...isolated('python-client/serde_example_job_event.json', s, runIds),
    ];
    await graph.writeBatch(events);
    const first = await dumpGraph(graph.driver, s);
    assert.ok(first.length > 50, `a substantial graph was written (${first.length} lines)`);
    await graph.writeBatch(events);
    for (const event of events) await graph.writeBatch([event]);
    assert.deepEqual(await dumpGraph(graph.driver, s), first);
  });
});

interface LastSuccessMigration {
  backfillLastSuccess(db: MigrationTransactions, marker: string): Promise<number | null>;
}

describe('LineageWriter: last success', () => {
  it('is kept on the job and the datasets it wrote, and graphs written before get it once', async () => {
    const s = uniqueSuffix();
    const runEvent = (eventType: 'START' | 'COMPLETE', eventTime: string, runId: string) =>
      accept({
        eventType,
        eventTime,
        producer: 'https://example.com/producer',
        schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
        run: { runId },
        job: { namespace: `etl-${s}`, name: 'load' },
        inputs: [{ namespace: `db-${s}`, name: 'src' }],
        outputs: [{ namespace: `db-${s}`, name: 'dst' }],
      });
    const [older, newer] = [randomUUID(), randomUUID()];
    // The newer run arrives first: the max rule must not care.
    await graph.writeBatch([runEvent('COMPLETE', '2025-02-02T10:00:00Z', newer)]);
    await graph.writeBatch([runEvent('START', '2025-02-01T09:00:00Z', older)]);
    await graph.writeBatch([runEvent('COMPLETE', '2025-02-01T10:00:00Z', older)]);
    const LAST = `MATCH (j:Job {namespace: $etl})-[:OUTPUTS]->(d:Dataset)
                  RETURN toString(j.lastSuccessAt) AS job, toString(d.lastSuccessAt) AS dataset`;
    const expected = [{ job: '2025-02-02T10:00:00Z', dataset: '2025-02-02T10:00:00Z' }];
    assert.deepEqual(await query(graph.driver, LAST, { etl: `etl-${s}` }), expected);

    // What a writer before lastSuccessAt left behind, then the one-time backfill.
    await graph.driver.executeQuery(
      'MATCH (j:Job {namespace: $etl})-[:OUTPUTS]->(d:Dataset) REMOVE j.lastSuccessAt, d.lastSuccessAt',
      { etl: `etl-${s}` },
    );
    const marker = `last-success-test-${s}`;
    try {
      await withMigration<LastSuccessMigration, void>(
        graph.driver,
        'last-success.migration.js',
        async (migration, db) => {
          assert.ok(((await migration.backfillLastSuccess(db, marker)) ?? 0) >= 3, 'visits every job and dataset');
          assert.equal(await migration.backfillLastSuccess(db, marker), null, 'once per database');
        },
      );
    } finally {
      await graph.driver.executeQuery('MATCH (m:GraphMigration {id: $marker}) DELETE m', { marker });
    }
    assert.deepEqual(await query(graph.driver, LAST, { etl: `etl-${s}` }), expected);
  });
});
