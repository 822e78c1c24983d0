// Real parts: the built API process, the Neo4j that `npm test` started, and a
// second throw-away Neo4j that this test starts late to prove recovery.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort, startNeo4j, stopNeo4j } from '@tributary/dev-scripts/neo4j';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { repoRoot } from '../support/env.js';

type Health = { status: string; neo4j: { status: string; version?: string } };

async function health(api: ApiProcess): Promise<{ code: number; body: Health }> {
  const response = await fetch(`${api.url}/health`);
  return { code: response.status, body: (await response.json()) as Health };
}

describe('GET /health', () => {
  const started: ApiProcess[] = [];
  after(async () => {
    for (const api of started) await api.stop();
  });

  it('answers 200 with the Neo4j version when the graph store answers', async () => {
    const api = await startApi();
    started.push(api);
    const { code, body } = await health(api);
    assert.equal(code, 200);
    assert.equal(body.status, 'ok');
    assert.equal(body.neo4j.status, 'up');
    assert.match(body.neo4j.version ?? '', /^5\.26\.\d+$/);
    console.log(`health: API reports Neo4j ${body.neo4j.version}`);
  });

  it('answers 503 while Neo4j is down and recovers by itself when it comes up', async () => {
    const port = await freePort();
    const password = 'recovery-test-pw';
    const api = await startApi({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_PASSWORD: password });
    started.push(api);
    const down = await health(api);
    assert.equal(down.code, 503);
    assert.deepEqual(down.body.neo4j, { status: 'down' });

    const home = mkdtempSync(join(repoRoot, '.data', 'test-neo4j-late-'));
    try {
      await startNeo4j({ home, port, password, heap: '512m', pageCacheMb: 128, log: () => {} });
      assert.ok(
        await eventually(async () => (await health(api)).code === 200, 30_000),
        'health turns 200 once Neo4j is up, without restarting the API',
      );
      await stopNeo4j({ home, log: () => {} });
      assert.ok(await eventually(async () => (await health(api)).code === 503, 15_000), 'and 503 again once it stops');
    } finally {
      await stopNeo4j({ home, log: () => {} });
      rmSync(home, { recursive: true, force: true });
    }
  });
});
