// Real parts: the built API process (auth on), its intake and graph writer,
// and the Neo4j that `npm test` started; reads Neo4j only to compare snapshots.
// Issue 8 acceptance: a producer of A gets 201 on A and 403 on B (B unchanged);
// a viewer of A sees B as restricted placeholders with the admin's totals.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import neo4j, { type Driver } from 'neo4j-driver';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { call, createToken, gql, newAdminToken } from '../support/auth.js';
import { neo4jEnv } from '../support/env.js';

function runEvent(job: [string, string], inputs: Array<[string, string]>, outputs: Array<[string, string]>) {
  return {
    eventType: 'COMPLETE',
    eventTime: new Date().toISOString(),
    producer: 'https://tributary.test/security',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID() },
    job: { namespace: job[0], name: job[1] },
    inputs: inputs.map(([namespace, name]) => ({ namespace, name })),
    outputs: outputs.map(([namespace, name]) => ({ namespace, name })),
  };
}

describe('namespace roles', () => {
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const A = `sec-a-${suffix}`;
  const B = `sec-b-${suffix}`;
  const admin = newAdminToken();
  let api: ApiProcess;
  let driver: Driver;

  async function snapshot(namespace: string): Promise<string> {
    const session = driver.session();
    try {
      const result = await session.run(
        `MATCH (n) WHERE n.namespace = $ns OR n.id = $ns
         OPTIONAL MATCH (n)-[r]-()
         WITH n, count(r) AS degree
         RETURN n.id AS id, degree, properties(n) AS props ORDER BY id`,
        { ns: namespace },
      );
      return JSON.stringify(result.records.map((r) => r.toObject()));
    } finally {
      await session.close();
    }
  }

  async function datasetExists(namespace: string, name: string): Promise<boolean> {
    const session = driver.session();
    try {
      const result = await session.run('MATCH (d:Dataset {namespace: $namespace, name: $name}) RETURN count(d) AS n', {
        namespace,
        name,
      });
      return Number(result.records[0]?.get('n')) > 0;
    } finally {
      await session.close();
    }
  }

  before(async () => {
    const env = neo4jEnv();
    driver = neo4j.driver(env.NEO4J_URI, neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD));
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
    // A: src → (load) → mid; B: mid → (spread) → out1, out2 → (report) → final
    for (const event of [
      runEvent([A, 'load'], [[A, 'src']], [[A, 'mid']]),
      runEvent(
        [B, 'spread'],
        [[A, 'mid']],
        [
          [B, 'out1'],
          [B, 'out2'],
        ],
      ),
      runEvent([B, 'report'], [[B, 'out1']], [[B, 'final']]),
    ]) {
      const reply = await call(`${api.url}/api/v1/lineage`, { token: admin, body: event });
      assert.equal(reply.status, 201, reply.body);
    }
    assert.ok(await eventually(() => datasetExists(B, 'final'), 60_000), 'the admin-posted graph is written');
  });

  after(async () => {
    await api?.stop();
    await driver?.close();
  });

  it('a producer of A gets 201 in A and 403 in B, and B stays unchanged', async () => {
    const producer = (await createToken(api.url, admin, { name: 'producer-a', role: 'producer', namespace: `${A}*` }))
      .token;
    const inA = await call(`${api.url}/api/v1/lineage`, {
      token: producer,
      body: runEvent([A, 'p1'], [[B, 'out2']], [[A, 'p1_out']]),
    });
    assert.equal(inA.status, 201, `reading from B and writing into A is allowed: ${inA.body}`);
    assert.ok(await eventually(() => datasetExists(A, 'p1_out'), 60_000));
    const beforeB = await snapshot(B);

    const refused: Array<[string, Record<string, unknown>]> = [
      ['job in B', runEvent([B, 'evil'], [], [[A, 'x']])],
      ['output in B', runEvent([A, 'sneaky'], [[A, 'src']], [[B, 'out1']])],
      [
        'output in B among outputs in A',
        runEvent(
          [A, 'mixed'],
          [],
          [
            [A, 'ok'],
            [B, 'final'],
          ],
        ),
      ],
    ];
    for (const [label, event] of refused) {
      const reply = await call(`${api.url}/api/v1/lineage`, { token: producer, body: event });
      assert.equal(reply.status, 403, `${label}: ${reply.body}`);
      assert.match(JSON.parse(reply.body).error, new RegExp(B));
    }
    const datasetEvent = {
      eventTime: new Date().toISOString(),
      producer: 'https://tributary.test/security',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: { namespace: B, name: 'out1', facets: {} },
    };
    assert.equal((await call(`${api.url}/api/v1/lineage`, { token: producer, body: datasetEvent })).status, 403);

    const batch = await call(`${api.url}/api/v1/lineage/batch`, {
      token: producer,
      body: [runEvent([A, 'p2'], [], [[A, 'p2_out']]), runEvent([B, 'evil2'], [], [[B, 'evil2_out']])],
    });
    assert.equal(batch.status, 200, batch.body);
    const statuses = (JSON.parse(batch.body) as { results: Array<{ status: number }> }).results.map((r) => r.status);
    assert.deepEqual(statuses, [201, 403]);

    const viewer = (await createToken(api.url, admin, { name: 'viewer-a', role: 'viewer', namespace: `${A}*` })).token;
    const byViewer = await call(`${api.url}/api/v1/lineage`, {
      token: viewer,
      body: runEvent([A, 'v'], [], [[A, 'v_out']]),
    });
    assert.equal(byViewer.status, 403, 'a viewer cannot post at all');

    // The accepted events of A are written; by then anything accepted for B would be too.
    assert.ok(await eventually(() => datasetExists(A, 'p2_out'), 60_000), 'the events accepted for A are written');
    assert.equal(await datasetExists(A, 'ok'), false, 'a refused event stores nothing, not even its part in A');
    assert.equal(await snapshot(B), beforeB, 'B is unchanged');
  });

  it('a viewer of A sees B in impact and lineage only as restricted placeholders, with the same totals', async () => {
    const viewer = (await createToken(api.url, admin, { name: 'viewer-a2', role: 'viewer', namespace: `${A}*` })).token;
    const query = `query($t: [NodeRef!]!) { impact(targets: $t, depth: 10) {
      totalDatasets totalFields totalJobs truncated
      items { distance path owners tags node { id kind namespace name label field } jobs { id namespace name } }
      byNamespace { key datasets jobs } } }`;
    const variables = { t: [{ kind: 'DATASET', namespace: A, name: 'src' }] };
    const asAdmin = await gql(api.url, admin, query, variables);
    const asViewer = await gql(api.url, viewer, query, variables);
    assert.equal(asAdmin.errors, undefined, JSON.stringify(asAdmin.errors));
    assert.equal(asViewer.errors, undefined, JSON.stringify(asViewer.errors));
    type Report = {
      totalDatasets: number;
      totalJobs: number;
      totalFields: number;
      items: Array<{
        distance: number;
        path: string[];
        node: { id: string; kind: string; namespace: string; name: string };
      }>;
      byNamespace: Array<{ key: string; datasets: number; jobs: number }>;
    };
    const full = (asAdmin.data as { impact: Report }).impact;
    const seen = (asViewer.data as { impact: Report }).impact;
    assert.ok(full.totalDatasets >= 4, 'mid, out1, out2, final (and p1_out from the producer test)');
    assert.deepEqual(
      [seen.totalDatasets, seen.totalJobs, seen.totalFields, seen.items.length],
      [full.totalDatasets, full.totalJobs, full.totalFields, full.items.length],
      'the same totals and item count',
    );
    const kinds = (report: Report) => report.items.map((item) => `${item.node.kind}@${item.distance}`).sort();
    assert.deepEqual(kinds(seen), kinds(full), 'kind and distance of every item kept');
    const restricted = seen.items.filter((item) => item.node.namespace === 'restricted');
    assert.equal(restricted.length, full.items.filter((item) => item.node.namespace === B).length);
    assert.ok(restricted.every((item) => item.node.name === 'restricted'));
    const text = JSON.stringify(seen);
    assert.ok(!text.includes(B), 'no name of B leaks: not in nodes, paths, jobs or totals');
    for (const name of ['spread', 'report', 'out1', 'out2', 'final']) assert.ok(!text.includes(`"${name}"`));
    const ids = new Set([`dataset:${A}:src`, ...seen.items.map((item) => item.node.id)]);
    for (const item of seen.items)
      for (const id of item.path) assert.ok(ids.has(id), `path id ${id} is a node of the answer`);
    assert.ok(seen.byNamespace.some((total) => total.key === 'restricted'));
    assert.equal(
      seen.byNamespace.reduce((sum, total) => sum + total.datasets, 0),
      full.byNamespace.reduce((sum, total) => sum + total.datasets, 0),
    );

    const lineageQuery = `query($n: NodeRef!) { lineage(node: $n, direction: DOWNSTREAM, depth: 5) {
      nodes { id kind namespace name label } edges { id source target kind } } }`;
    const graphAdmin = await gql(api.url, admin, lineageQuery, { n: variables.t[0] });
    const graphViewer = await gql(api.url, viewer, lineageQuery, { n: variables.t[0] });
    type Graph = {
      nodes: Array<{ id: string; namespace: string }>;
      edges: Array<{ id: string; source: string; target: string }>;
    };
    const g1 = (graphAdmin.data as { lineage: Graph }).lineage;
    const g2 = (graphViewer.data as { lineage: Graph }).lineage;
    assert.equal(g2.nodes.length, g1.nodes.length);
    assert.equal(g2.edges.length, g1.edges.length);
    assert.ok(!JSON.stringify(g2).includes(B));
    const nodeIds = new Set(g2.nodes.map((node) => node.id));
    assert.ok(
      g2.edges.every((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target)),
      'edges still connect',
    );

    // Asking about B directly is refused without saying whether it exists.
    for (const name of ['out1', 'does-not-exist']) {
      const direct = await gql(api.url, viewer, lineageQuery, { n: { kind: 'DATASET', namespace: B, name } });
      assert.equal(direct.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(direct));
    }
    // Search drops what the viewer cannot read.
    const search = await gql(api.url, viewer, `query($t: String!) { search(text: $t) { items { namespace name } } }`, {
      t: 'out1',
    });
    assert.equal(search.errors, undefined, JSON.stringify(search.errors));
    assert.ok(!JSON.stringify(search.data).includes(B));
  });
});
