// Real parts: the built API process killed with SIGKILL in the middle of a
// load and started again on the same data directory, its spool files, and the
// Neo4j that `npm test` started. Nothing is faked.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Driver } from 'neo4j-driver';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { repoRoot } from '../support/env.js';
import { countRuns, graphDriver, runLoad, uniqueNamespace } from '../support/intake.js';

type Health = { components: { intake: { backlog: { events: number } } } };

async function backlog(api: ApiProcess): Promise<number> {
  const health = (await (await fetch(`${api.url}/health`)).json()) as Health;
  return health.components.intake.backlog.events;
}

describe('intake durability: kill -9', () => {
  const dataDir = mkdtempSync(join(repoRoot, '.data', 'test-intake-crash-'));
  const started: ApiProcess[] = [];
  let driver: Driver | undefined;
  after(async () => {
    for (const api of started) await api.stop('SIGKILL');
    await driver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every event that got a 201 before the API was killed is in the graph after a restart', async () => {
    driver = graphDriver();
    const namespace = uniqueNamespace('intake-crash');
    // Small drain batches keep a backlog in the spool when the kill comes.
    const env = { TRIBUTARY_AUTH: 'off', INTAKE_DRAIN_BATCH_SIZE: '50' };
    const first = await startApi(env, { dataDir });
    started.push(first);

    let killed = false;
    const load = runLoad({ url: () => first.url, namespace, concurrency: 8, batchSize: 40, until: () => killed });
    const loadStarted = Date.now();
    // Kill mid-load: once a good number of events is acknowledged and requests are in flight.
    while (Date.now() - loadStarted < 20_000 && (await backlog(first).catch(() => 0)) < 200) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const backlogAtKill = await backlog(first);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    killed = true;
    const result = await load;
    console.log(
      `crash: ${result.accepted.length} events acknowledged, backlog ~${backlogAtKill} at the kill, ${result.networkErrors} requests cut off`,
    );
    assert.ok(result.accepted.length >= 200, 'the load got going before the kill');
    assert.deepEqual(result.refused, [], 'nothing was refused before the kill');

    const second = await startApi(env, { dataDir });
    started.push(second);
    const all = await eventually(
      async () => (await countRuns(driver as Driver, result.accepted)) === result.accepted.length,
      120_000,
      500,
    );
    const found = await countRuns(driver, result.accepted);
    assert.ok(
      all,
      `all ${result.accepted.length} acknowledged events are in the graph after the restart (found ${found})`,
    );
    assert.ok(await eventually(async () => (await backlog(second)) === 0, 30_000), 'and the spool drains to empty');
  });
});
