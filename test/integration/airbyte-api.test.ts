// Real parts: `tributary collect airbyte` as a process, the built API process and
// the test Neo4j; Airbyte is the local server replaying the airbyte-platform
// fixtures (test/support/airbyte-server.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Driver } from 'neo4j-driver';
import { AirbyteReplayServer, IDS, fixtureWorld } from '../support/airbyte-server.js';
import { type ApiProcess, eventually, startApi } from '../support/api-process.js';
import { runCli } from '../support/cli.js';
import { graphDriver, uniqueNamespace } from '../support/intake.js';

/** The intake's spool is empty: every accepted event is in the graph. */
async function drained(api: ApiProcess): Promise<boolean> {
  const health = (await (await fetch(`${api.url}/health`)).json()) as {
    components?: { intake?: { backlog?: { events?: number } } };
  };
  return health.components?.intake?.backlog?.events === 0;
}

describe('tributary collect airbyte → intake → Neo4j', () => {
  let api: ApiProcess;
  let airbyte: AirbyteReplayServer;
  let driver: Driver;
  let dir: string;
  const namespace = uniqueNamespace('airbyte');
  // The fixtures' hosts, made unique so no other run's datasets share these nodes.
  const mysqlHost = `${namespace}-mysql`;
  const warehouseHost = `${namespace}-wh`;
  const source = `mysql://${mysqlHost}:3306`;
  const warehouse = `postgres://${warehouseHost}:5432`;

  before(async () => {
    [api, airbyte] = await Promise.all([startApi(), new AirbyteReplayServer(fixtureWorld()).start()]);
    airbyte.world.jobs.push({
      jobId: 300,
      status: 'succeeded',
      jobType: 'sync',
      connectionId: IDS.dataStream,
      startTime: '2026-03-04 10:00:00+00:00',
      duration: 'PT2M30S',
      rowsSynced: 10,
      bytesSynced: 2048,
    });
    const hostOf = (list: Record<string, unknown>[], key: string, id: string, host: string) => {
      const item = list.find((entry) => entry[key] === id)!;
      item.configuration = { ...(item.configuration as object), host };
    };
    hostOf(airbyte.world.sources, 'sourceId', IDS.mysqlSource, mysqlHost);
    hostOf(airbyte.world.destinations, 'destinationId', IDS.pgWarehouse, warehouseHost);
    driver = graphDriver();
    dir = mkdtempSync(join(tmpdir(), 'airbyte-api-'));
  });
  after(async () => {
    await Promise.all([api.stop(), airbyte.close(), driver.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const collect = (state: string) =>
    runCli(
      [
        'collect',
        'airbyte',
        '--airbyte-url',
        airbyte.url,
        '--client-id',
        airbyte.credentials.clientId,
        '--client-secret',
        airbyte.credentials.clientSecret,
        '--namespace',
        namespace,
        '--state',
        join(dir, state),
      ],
      { TRIBUTARY_URL: api.url },
    );

  async function runs(): Promise<{ job: string; state: string; count: number }[]> {
    const result = await driver.executeQuery(
      `MATCH (j:Job {namespace: $namespace})-[:HAS_RUN]->(r:Run)
       RETURN j.name AS job, r.state AS state, count(*) AS count ORDER BY job, state`,
      { namespace },
    );
    return result.records.map((r) => ({ job: r.get('job'), state: r.get('state'), count: Number(r.get('count')) }));
  }

  it('posts the jobs as runs with lineage; collecting the same jobs again (even without state) yields one run each', async () => {
    const first = await collect('state.json');
    assert.equal(first.code, 0, first.stderr);
    // Progress while polling (the first report always shows), then the summary.
    assert.match(first.stderr, /airbyte: polled 1\/\d+ connections, \d+ new jobs/);
    assert.match(first.stderr, /2 new jobs, 4 events/);
    assert.match(first.stderr, /4 accepted, 0 rejected/);
    const expected = [
      { job: 'default', state: 'FAIL', count: 1 },
      { job: 'replace_connection_name', state: 'COMPLETE', count: 1 },
    ];
    assert.ok(
      await eventually(async () => JSON.stringify(await runs()) === JSON.stringify(expected), 90_000),
      JSON.stringify(await runs()),
    );

    const again = await collect('state.json');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /0 new jobs, 0 events/);

    // A lost state file resends everything: run ids derive from the Airbyte job, so the graph is unchanged.
    const resent = await collect('fresh-state.json');
    assert.equal(resent.code, 0, resent.stderr);
    assert.match(resent.stderr, /4 accepted/);
    assert.ok(await eventually(() => drained(api), 90_000), 'the intake wrote the resent events');
    assert.deepEqual(await runs(), expected);

    const written = await driver.executeQuery(
      `MATCH (src:Dataset)-[:INPUT_TO]->(:Job {namespace: $namespace, name: 'replace_connection_name'})-[:OUTPUTS]->(dst:Dataset)
       MATCH (:Job {namespace: $namespace, name: 'replace_connection_name'})-[:HAS_RUN]->(:Run)-[w:WROTE]->(dst)
       RETURN src.namespace + ' ' + src.name AS source, dst.namespace + ' ' + dst.name AS target, w.rowCount AS rows, w.byteSize AS bytes`,
      { namespace },
    );
    assert.deepEqual(
      written.records.map((r) => [r.get('source'), r.get('target'), Number(r.get('rows')), Number(r.get('bytes'))]),
      [[`${source} localhost_test.data_stream`, `${warehouse} analytics.landing.data_stream`, 10, 2048]],
    );
    const identity = await driver.executeQuery(
      `MATCH (:Dataset {namespace: $warehouse, name: 'analytics.landing.data_stream'})-[:HAS_FIELD]->(f:Field)<-[e:FEEDS]-(:Field)
       WHERE e.jobId = $jobId RETURN f.path AS path, e.subtype AS subtype`,
      { warehouse, jobId: `job:${namespace}:replace_connection_name` },
    );
    assert.deepEqual(
      identity.records.map((r) => [r.get('path'), r.get('subtype')]),
      [['column1', 'IDENTITY']],
    );

    // The identity column lineage answers a column-level impact question through the CLI.
    const impact = await runCli(
      [
        'impact',
        '--namespace',
        source,
        '--name',
        'localhost_test.data_stream',
        '--column',
        'column1',
        '--format',
        'json',
      ],
      { TRIBUTARY_URL: api.url },
    );
    assert.equal(impact.code, 0, impact.stderr);
    const report = JSON.parse(impact.stdout) as {
      items: { kind: string; namespace: string; name: string; field: string; distance: number }[];
      totalFields: number;
    };
    assert.deepEqual(
      report.items.filter((item) => item.kind === 'FIELD'),
      [{ kind: 'FIELD', namespace: warehouse, name: 'analytics.landing.data_stream', field: 'column1', distance: 1 }],
    );
    assert.equal(report.totalFields, 1);
  });
});
