// Real parts: the built API process, and a throw-away Neo4j of this test's
// own that it stops in the middle of a load and starts again (the shared test
// Neo4j is never stopped). Nothing is faked.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Driver } from 'neo4j-driver';
import { freePort, startNeo4j, stopNeo4j } from '@tributary/dev-scripts/neo4j';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { repoRoot } from '../support/env.js';
import { countRuns, graphDriver, runLoad, uniqueNamespace, type LoadResult } from '../support/intake.js';

type Health = { neo4j: { status: string }; components: { intake: { backlog: { events: number } } } };

async function health(api: ApiProcess): Promise<Health> {
  return (await (await fetch(`${api.url}/health`)).json()) as Health;
}

async function counter(api: ApiProcess, name: string): Promise<number> {
  const metrics = await (await fetch(`${api.url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
}

const written = (api: ApiProcess): Promise<number> => counter(api, 'tributary_graph_events_written_total');

describe('intake durability: Neo4j outage', () => {
  const home = mkdtempSync(join(repoRoot, '.data', 'test-neo4j-outage-'));
  const password = 'outage-test-pw';
  let api: ApiProcess | undefined;
  let driver: Driver | undefined;
  after(async () => {
    await api?.stop();
    await driver?.close();
    await stopNeo4j({ home, log: () => {} });
    rmSync(home, { recursive: true, force: true });
  });

  it('keeps answering 201 while Neo4j is down, and every event appears once it is back', async () => {
    const port = await freePort();
    const neo4jOptions = { home, port, password, heap: '512m', pageCacheMb: 128, log: () => {} };
    await startNeo4j(neo4jOptions);
    const uri = `bolt://127.0.0.1:${port}`;
    driver = graphDriver(uri, password);
    api = await startApi({
      NEO4J_URI: uri,
      NEO4J_PASSWORD: password,
      TRIBUTARY_AUTH: 'off',
      INTAKE_RETRY_MAX_MS: '1000',
    });
    const running = api;
    const namespace = uniqueNamespace('intake-outage');
    const load = (until: () => boolean, maxEvents: number): Promise<LoadResult> =>
      runLoad({ url: () => running.url, namespace, concurrency: 4, batchSize: 20, until, maxEvents, pauseMs: 20 });

    const before = await load(() => false, 300);
    assert.ok(await eventually(async () => (await written(running)) > 0, 120_000), 'events reach the graph at first');

    // Neo4j stops in the middle of this load, which goes on through the outage.
    let stop = false;
    const through = load(() => stop, 2_000);
    await stopNeo4j({ home, log: () => {} });
    assert.ok(
      await eventually(async () => (await health(running)).neo4j.status === 'down', 20_000),
      'the API sees Neo4j down',
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    stop = true;
    const during = await through;
    const backlog = (await health(running)).components.intake.backlog.events;
    assert.ok(backlog > 0, 'events wait in the spool while Neo4j is down');
    // The driver retries a transaction for up to 10 s by itself, so a short
    // outage may never reach the drainer; Neo4j stays down until it has.
    assert.ok(
      await eventually(async () => (await counter(running, 'tributary_graph_write_failures_total')) > 0, 60_000),
      'the failed writes are counted while Neo4j is down',
    );

    await startNeo4j(neo4jOptions);
    const result = {
      accepted: [...before.accepted, ...during.accepted],
      refused: [...before.refused, ...during.refused],
    };
    console.log(
      `outage: ${result.accepted.length} events acknowledged (${during.accepted.length} while Neo4j stopped), backlog ${backlog} during the outage`,
    );
    assert.deepEqual(result.refused, [], 'every request got its 201, Neo4j down or not');
    assert.equal(before.networkErrors + during.networkErrors, 0);
    assert.ok(during.accepted.length > 50);

    const graph = driver;
    const all = await eventually(
      async () => (await countRuns(graph, result.accepted)) === result.accepted.length,
      300_000,
      1_000,
    );
    assert.ok(
      all,
      `all ${result.accepted.length} events reached Neo4j (found ${await countRuns(graph, result.accepted)})`,
    );
    assert.ok(await eventually(async () => (await health(running)).components.intake.backlog.events === 0, 30_000));
  });
});
