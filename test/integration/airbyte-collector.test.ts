// Real parts: the collector and the CLI (as a process) against a local HTTP server
// that replays Airbyte public-API shapes built from ../shared/fixtures/airbyte at
// run time (test/support/airbyte-server.ts). Fake: Airbyte itself.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AirbyteApiError,
  AirbyteClient,
  type AirbyteState,
  collectAirbyte,
  emptyAirbyteState,
} from '@tributary/collectors';
import {
  type ColumnLineageDatasetFacet,
  type OutputStatisticsOutputDatasetFacet,
  type RunEvent,
  validateEvent,
} from '@tributary/openlineage';
import { AirbyteReplayServer, IDS, fixtureWorld } from '../support/airbyte-server.js';
import { runCli } from '../support/cli.js';
import { sharedDir } from '../support/env.js';

const NAMESPACE = 'airbyte://test';

async function startServer(): Promise<AirbyteReplayServer> {
  const server = await new AirbyteReplayServer(fixtureWorld()).start();
  // Jobs of the other two connections, beside the fixture's failed job 100.
  server.world.jobs.push(
    job(200, IDS.pgToWarehouse, 'succeeded', { rowsSynced: 1200, bytesSynced: 50_000 }),
    job(201, IDS.pgToWarehouse, 'succeeded', { rowsSynced: 30, bytesSynced: 900 }),
    job(300, IDS.dataStream, 'succeeded', { rowsSynced: 10, bytesSynced: 2048 }),
    job(301, IDS.dataStream, 'cancelled', {}),
  );
  return server;
}

function job(jobId: number, connectionId: string, status: string, extra: Record<string, unknown>) {
  return {
    jobId,
    status,
    jobType: 'sync',
    connectionId,
    startTime: `2026-03-0${(jobId % 9) + 1}T10:00:00Z`,
    duration: 'PT2M30S',
    lastUpdatedAt: `2026-03-0${(jobId % 9) + 1}T10:02:30Z`,
    ...extra,
  };
}

function client(server: AirbyteReplayServer, extra: Partial<ConstructorParameters<typeof AirbyteClient>[0]> = {}) {
  return new AirbyteClient({
    url: server.url,
    auth: server.credentials,
    pageSize: 2,
    retryBaseMs: 10,
    ...extra,
  });
}

async function collect(
  server: AirbyteReplayServer,
  state: AirbyteState = emptyAirbyteState(),
  warnings: string[] = [],
) {
  return collectAirbyte({
    client: client(server),
    instance: server.url,
    jobNamespace: NAMESPACE,
    state,
    onWarning: (message) => warnings.push(message),
  });
}

function eventsOf(events: RunEvent[], connectionName: string): RunEvent[] {
  return events.filter((event) => event.job.name === connectionName);
}

describe('Airbyte collector against the replaying server', () => {
  let server: AirbyteReplayServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('turns the fixture failed job into START and FAIL with its times, streams and sync modes', async () => {
    const { events } = await collect(server);
    const failed = eventsOf(events, 'default');
    assert.deepEqual(
      failed.map((e) => e.eventType),
      ['START', 'FAIL'],
    );
    const [start, end] = failed as [RunEvent, RunEvent];
    assert.equal(start.run.runId, end.run.runId);
    // The notification fixture: started 1970-01-12T13:46:40Z, 70000 s long.
    assert.equal(start.eventTime, '1970-01-12T13:46:40.000Z');
    assert.equal(end.eventTime, '1970-01-13T09:13:20.000Z');
    assert.equal(end.job.namespace, NAMESPACE);
    assert.deepEqual(
      end.inputs?.map((d) => `${d.namespace} ${d.name}`),
      [
        'mysql://host.docker.internal:3306 localhost_test.new_table',
        'mysql://host.docker.internal:3306 localhost_test.test_table',
      ],
    );
    // CSV has no platform naming: its own namespace per destination; namespaceDefinition "source" keeps the database.
    assert.deepEqual(
      end.outputs?.map((d) => `${d.namespace} ${d.name}`),
      [
        `airbyte://csv/${IDS.csvDestination} localhost_test.new_table`,
        `airbyte://csv/${IDS.csvDestination} localhost_test.test_table`,
      ],
    );
    assert.deepEqual(
      end.outputs?.map((d) => (d.outputFacets?.airbyte_stream as { syncMode: string }).syncMode),
      ['full_refresh_overwrite', 'incremental_append'],
    );
    assert.deepEqual((end.outputs?.[1]?.outputFacets?.airbyte_stream as { cursorField: string[] }).cursorField, [
      'updated_at',
    ]);
    // Two streams share the job's 48 rows: no per-dataset statistics are invented.
    assert.equal(end.outputs?.[0]?.outputFacets?.outputStatistics, undefined);
    assert.deepEqual(end.run.facets?.airbyte_job, {
      ...(end.run.facets?.airbyte_job as object),
      jobId: 100,
      status: 'failed',
      rowsSynced: 48,
      bytesSynced: 9000,
    });
  });

  it('names Postgres streams by host, port, database and schema, applying namespace format and prefix', async () => {
    const { events } = await collect(server);
    const pg = eventsOf(events, 'pg-to-warehouse');
    assert.deepEqual(
      pg.map((e) => e.eventType),
      ['START', 'COMPLETE', 'START', 'COMPLETE'],
    );
    const complete = pg[1]!;
    assert.equal(complete.inputs?.length, 44);
    const organization = complete.outputs?.find((d) => d.name.endsWith('pg_organization'));
    assert.equal(complete.inputs?.[0]?.namespace, 'postgres://db.internal:5432');
    assert.equal(complete.inputs?.[0]?.name, 'airbyte.public.organization');
    assert.equal(organization?.namespace, 'postgres://warehouse:5432');
    assert.equal(organization?.name, 'analytics.airbyte_public.pg_organization');
    // Selected fields only, each copied one to one.
    const lineage = organization?.facets?.columnLineage as ColumnLineageDatasetFacet;
    assert.deepEqual(Object.keys(lineage.fields), ['id', 'name', 'email']);
    assert.deepEqual(lineage.fields.email?.inputFields, [
      {
        namespace: 'postgres://db.internal:5432',
        name: 'airbyte.public.organization',
        field: 'email',
        transformations: [{ type: 'DIRECT', subtype: 'IDENTITY', description: 'copied by Airbyte' }],
      },
    ]);
    // A stream without a selection syncs every field the source discovered.
    const jobs = complete.outputs?.find((d) => d.name === 'analytics.airbyte_public.pg_jobs');
    const catalog = JSON.parse(
      readFileSync(join(sharedDir, 'fixtures', 'airbyte', 'samples', 'configured_catalog_internal-pg.json'), 'utf8'),
    ) as { streams: { stream: { name: string; json_schema: { properties: object } } }[] };
    const jobsStream = catalog.streams.find((s) => s.stream.name === 'jobs')!;
    assert.deepEqual(
      Object.keys((jobs?.facets?.columnLineage as ColumnLineageDatasetFacet).fields).sort(),
      Object.keys(jobsStream.stream.json_schema.properties).sort(),
    );
  });

  it('puts rows and bytes on the single output, destination namespace from the destination, and ABORT for a cancelled job', async () => {
    const { events } = await collect(server);
    const stream = eventsOf(events, 'replace_connection_name');
    assert.deepEqual(
      stream.map((e) => e.eventType),
      ['START', 'COMPLETE', 'START', 'ABORT'],
    );
    const output = stream[1]!.outputs?.[0];
    assert.equal(`${output?.namespace} ${output?.name}`, 'postgres://warehouse:5432 analytics.landing.data_stream');
    const statistics = output?.outputFacets?.outputStatistics as OutputStatisticsOutputDatasetFacet;
    assert.equal(statistics.rowCount, 10);
    assert.equal(statistics.size, 2048);
    assert.equal(stream[1]!.eventTime, '2026-03-04T10:02:30.000Z');
  });

  it('with the Configuration API, puts per-stream rows and bytes on each output and the failure message on the run', async () => {
    const { events } = await collectAirbyte({
      client: client(server, { configUrl: server.configUrl }),
      instance: server.url,
      jobNamespace: NAMESPACE,
      state: emptyAirbyteState(),
    });
    const end = eventsOf(events, 'default').find((e) => e.eventType === 'FAIL')!;
    // Committed per stream, summed over the two attempts (28 + 20 rows = the notification's 48).
    assert.deepEqual(
      end.outputs?.map((o) => {
        const stats = o.outputFacets?.outputStatistics as OutputStatisticsOutputDatasetFacet;
        return [o.name, stats.rowCount, stats.size];
      }),
      [
        ['localhost_test.new_table', 28, 6000],
        ['localhost_test.test_table', 20, 3000],
      ],
    );
    assert.equal((end.run.facets?.errorMessage as { message: string }).message, 'Connection to the source failed');
    const result = validateEvent(JSON.parse(JSON.stringify(end)));
    assert.ok(result.ok && result.warnings.length === 0, JSON.stringify(result));
  });

  it('goes on without the Configuration API when it refuses, saying so once', async () => {
    const warnings: string[] = [];
    const { events } = await collectAirbyte({
      client: client(server, { configUrl: `${server.url}/no-config-api` }),
      instance: server.url,
      jobNamespace: NAMESPACE,
      state: emptyAirbyteState(),
      onWarning: (message) => warnings.push(message),
    });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /config API not usable/);
    assert.equal(eventsOf(events, 'default').length, 2);
  });

  it('produces events the OpenLineage validator accepts without facet warnings', async () => {
    const { events } = await collect(server);
    assert.ok(events.length >= 10);
    for (const event of events) {
      const result = validateEvent(JSON.parse(JSON.stringify(event)));
      assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
      assert.deepEqual(result.warnings, [], `${event.job.name} ${event.eventType}`);
    }
  });

  it('sends nothing twice: a second poll is empty, a running job gets START once and its end later', async () => {
    const first = await collect(server);
    const again = await collect(server, first.state);
    assert.equal(again.events.length, 0);

    server.world.jobs.push(job(202, IDS.pgToWarehouse, 'running', { duration: undefined, lastUpdatedAt: undefined }));
    const running = await collect(server, again.state);
    assert.deepEqual(
      running.events.map((e) => e.eventType),
      ['START'],
    );
    const stillRunning = await collect(server, running.state);
    assert.equal(stillRunning.events.length, 0);

    Object.assign(
      server.world.jobs.find((j) => j.jobId === 202)!,
      { status: 'succeeded', duration: 'PT1M' },
    );
    const finished = await collect(server, stillRunning.state);
    assert.deepEqual(
      finished.events.map((e) => e.eventType),
      ['COMPLETE'],
    );
    assert.equal(finished.events[0]!.run.runId, running.events[0]!.run.runId);
    assert.equal((await collect(server, finished.state)).events.length, 0);
  });
});

describe('Airbyte API faults', () => {
  let server: AirbyteReplayServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.close());

  it('follows pagination by offset even though `next` names another host', async () => {
    server.log.length = 0;
    const { stats } = await collect(server);
    assert.equal(stats.connections, 4);
    const connectionPages = server.log.filter((r) => r.path.startsWith('/connections?'));
    assert.deepEqual(
      connectionPages.map((r) => new URLSearchParams(r.path.split('?')[1]).get('offset')),
      ['0', '2'],
    );
  });

  it('gets a new token when the old one expired and carries on', async () => {
    const airbyte = client(server);
    await airbyte.listWorkspaces();
    server.expireTokens();
    const connections = await airbyte.listConnections([IDS.workspace]);
    assert.equal(connections.length, 4);
    assert.equal(airbyte.tokensIssued, 2);
    assert.ok(server.log.some((r) => r.status === 401));
  });

  it('waits for the Retry-After of a 429 and retries a 500', async () => {
    server.fail(/^\/connections\?/, { status: 429, retryAfter: '1' });
    server.fail(/^\/sources\?/, { status: 500 });
    const retries: string[] = [];
    const airbyte = client(server, { onRetry: ({ reason }) => retries.push(reason) });
    const started = Date.now();
    const [connections, sources] = await Promise.all([
      airbyte.listConnections([IDS.workspace]),
      airbyte.listSources([IDS.workspace]),
    ]);
    assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms for Retry-After: 1`);
    assert.equal(connections.length, 4);
    assert.equal(sources.length, 2);
    assert.deepEqual(retries.sort(), ['429', '500']);
  });

  it('skips a connection deleted between the listing and its jobs, and collects the others', async () => {
    server.after(/^\/connections\?.*offset=2/, () => server.deleteConnection(IDS.doomed));
    const warnings: string[] = [];
    const result = await collect(server, emptyAirbyteState(), warnings);
    assert.equal(result.stats.skippedConnections, 1);
    assert.match(warnings.join('\n'), new RegExp(`${IDS.doomed}.*disappeared`));
    assert.deepEqual([...new Set(result.events.map((e) => e.job.name))].sort(), [
      'default',
      'pg-to-warehouse',
      'replace_connection_name',
    ]);
    assert.equal(result.state.connections[IDS.doomed], undefined);
  });

  it('refuses wrong client credentials with an auth error, without retrying', async () => {
    const airbyte = new AirbyteClient({ url: server.url, auth: { clientId: 'x', clientSecret: 'y' }, retryBaseMs: 1 });
    await assert.rejects(airbyte.listWorkspaces(), (error: unknown) => {
      assert.ok(error instanceof AirbyteApiError);
      assert.equal(error.kind, 'auth');
      return true;
    });
  });
});

describe('tributary collect airbyte', () => {
  let server: AirbyteReplayServer;
  let dir: string;
  before(async () => {
    server = await startServer();
    dir = mkdtempSync(join(tmpdir(), 'airbyte-cli-'));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const base = () => [
    'collect',
    'airbyte',
    '--airbyte-url',
    server.url,
    '--client-id',
    server.credentials.clientId,
    '--state',
    join(dir, 'state.json'),
    '--page-size',
    '2',
  ];

  it('writes NDJSON, remembers the jobs it saw, and writes nothing new the second time', async () => {
    const first = await runCli([
      ...base(),
      '--client-secret',
      server.credentials.clientSecret,
      '-o',
      join(dir, 'one.ndjson'),
    ]);
    assert.equal(first.code, 0, first.stderr);
    const lines = readFileSync(join(dir, 'one.ndjson'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 10);
    assert.match(first.stderr, /1 workspaces, 4 connections, 5 new jobs, 10 events/);
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as AirbyteState;
    assert.equal(state.connections[IDS.pgToWarehouse]?.lastJobId, 201);

    const second = await runCli([
      ...base(),
      '--client-secret',
      server.credentials.clientSecret,
      '-o',
      join(dir, 'two.ndjson'),
    ]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /0 new jobs, 0 events/);
  });

  it('exits 2 for missing or wrong credentials and 3 when Airbyte does not answer', async () => {
    const missing = await runCli(['collect', 'airbyte', '--airbyte-url', server.url, '-o', '-']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--client-id and --client-secret, or --token/);
    const wrong = await runCli([...base(), '--client-secret', 'nope', '-o', join(dir, 'x.ndjson')]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /refused the client credentials/);
    const down = await runCli([
      'collect',
      'airbyte',
      '--airbyte-url',
      'http://127.0.0.1:9/v1',
      '--token',
      't',
      '-o',
      '-',
      '-q',
      '--retries',
      '0',
    ]);
    assert.equal(down.code, 3, down.stderr);
    assert.match(down.stderr, /cannot reach Airbyte/);
  });
});
