// Real parts: the built API process, its intake and graph writer, the Neo4j
// that `npm test` started (or NEO4J_URI), and the API's compiled id migration
// (apps/api/dist) run against that Neo4j through a bare driver session.
// Issue 8 item 6: names of 10,000 characters (and far longer) are stored and
// shown literally — namespaces, datasets, jobs and fields, through intake,
// graph, lookups, lineage, impact, search and governance.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, it } from 'node:test';
import neo4j, { type Driver } from 'neo4j-driver';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { call, gql, newAdminToken } from '../support/auth.js';
import { neo4jEnv } from '../support/env.js';
import { withMigration, type MigrationTransactions } from '../support/graph-writer.js';

const HOSTILE = '\'}) DETACH DELETE n // \u0000 " ` \\ ';
const tag = randomBytes(4).toString('hex');
const long = (prefix: string, fill: string, length = 10_000): string =>
  `${prefix}${tag}_${HOSTILE}${fill.repeat(length)}`;

const ns = long('lngns', 'n');
const input = long('lngin', 'i');
const output = long('lngout', 'o');
const job = long('lngjob', 'j');
const inColumn = long('lngcol', 'c');
const outColumn = long('lngcolout', 'd');
// Far past 10,000: one name of a million characters, still under the 5 MiB body limit.
const huge = long('lnghuge', 'h', 1_000_000);
// Spaces at both ends are part of the name too: lookups do not trim them away.
const spaced = `  ${long('lngsp', 's')}  `;

function event(runId: string) {
  const facet = {
    _producer: 'https://tributary.test/long-names',
    _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
  };
  return {
    eventType: 'COMPLETE',
    eventTime: new Date().toISOString(),
    producer: 'https://tributary.test/long-names',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId },
    job: { namespace: ns, name: job },
    inputs: [
      { namespace: ns, name: input, facets: { schema: { ...facet, fields: [{ name: inColumn, type: 'string' }] } } },
    ],
    outputs: [
      {
        namespace: ns,
        name: output,
        facets: {
          schema: { ...facet, fields: [{ name: outColumn, type: 'string' }] },
          columnLineage: {
            _producer: facet._producer,
            _schemaURL:
              'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
            fields: {
              [outColumn]: {
                inputFields: [
                  {
                    namespace: ns,
                    name: input,
                    field: inColumn,
                    transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
                  },
                ],
              },
            },
          },
        },
      },
      { namespace: ns, name: huge },
      { namespace: ns, name: spaced },
    ],
  };
}

/** deepEqual whose failure message shortens long strings (a 10,000-character diff helps no one). */
function same(actual: unknown, expected: unknown, message = 'differs'): void {
  const short = (value: unknown): string =>
    JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'string' && v.length > 60 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
    );
  assert.ok(isDeepStrictEqual(actual, expected), `${message}: got ${short(actual)}, expected ${short(expected)}`);
}

type Node = { kind: string; namespace: string; name: string; field: string | null };
const ref = (kind: string, name: string, field?: string) => ({
  kind,
  namespace: ns,
  name,
  ...(field ? { field } : {}),
});

describe('names of 10,000 characters and more', () => {
  const admin = newAdminToken();
  let api: ApiProcess;
  before(async () => {
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
  });
  after(async () => {
    await api?.stop();
  });

  const ask = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const answer = await gql(api.url, admin, query, variables);
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors)?.slice(0, 500));
    return answer.data as T;
  };

  it('are accepted, stored and read back byte for byte everywhere', async () => {
    const reply = await call(`${api.url}/api/v1/lineage`, { token: admin, body: event(randomUUID()) });
    assert.equal(reply.status, 201, reply.body.slice(0, 300));

    const datasetQuery = `query($ns: String!, $n: String!) {
      dataset(namespace: $ns, name: $n) { id namespace name fields { name path } producers { namespace name } } }`;
    type DatasetAnswer = {
      dataset: {
        id: string;
        namespace: string;
        name: string;
        fields: Array<{ name: string; path: string }>;
        producers: Array<{ namespace: string; name: string }>;
      } | null;
    };
    assert.ok(
      await eventually(async () => {
        const data = await ask<DatasetAnswer>(datasetQuery, { ns, n: output });
        return (data.dataset?.producers.length ?? 0) > 0;
      }, 60_000),
      'the event reached the graph',
    );

    const outputs = await ask<DatasetAnswer>(datasetQuery, { ns, n: output });
    same(outputs.dataset?.namespace, ns);
    same(outputs.dataset?.name, output);
    same(outputs.dataset?.fields, [{ name: outColumn, path: outColumn }]);
    same(outputs.dataset?.producers, [{ namespace: ns, name: job }]);
    assert.ok(outputs.dataset!.id.length <= 1_000, 'ids stay bounded');
    const inputs = await ask<DatasetAnswer>(datasetQuery, { ns, n: input });
    same(inputs.dataset?.name, input);
    same(inputs.dataset?.fields, [{ name: inColumn, path: inColumn }]);
    const hugeDataset = await ask<DatasetAnswer>(datasetQuery, { ns, n: huge });
    same(hugeDataset.dataset?.name.length, huge.length);
    same(hugeDataset.dataset?.name, huge);
    same((await ask<DatasetAnswer>(datasetQuery, { ns, n: spaced })).dataset?.name, spaced);
    // A different name that the plain id form would confuse is not found.
    same((await ask<DatasetAnswer>(datasetQuery, { ns, n: `${output} ` })).dataset, null);

    const jobs = await ask<{
      job: { namespace: string; name: string; inputs: Array<{ name: string }>; outputs: Array<{ name: string }> };
    }>(
      `query($ns: String!, $n: String!) { job(namespace: $ns, name: $n) { namespace name inputs { name } outputs { name } } }`,
      { ns, n: job },
    );
    same(jobs.job.namespace, ns);
    same(jobs.job.name, job);
    same(jobs.job.inputs, [{ name: input }]);
    same(jobs.job.outputs.map((o) => o.name).sort(), [output, huge, spaced].sort());

    const lineage = await ask<{ lineage: { nodes: Node[] } }>(
      `query($node: NodeRef!) { lineage(node: $node, direction: DOWNSTREAM, depth: 2) { nodes { kind namespace name field } } }`,
      { node: ref('DATASET', input) },
    );
    const seen = lineage.lineage.nodes.map((n) => `${n.kind}|${n.namespace}|${n.name}`).sort();
    same(
      seen,
      [
        `DATASET|${ns}|${input}`,
        `JOB|${ns}|${job}`,
        `DATASET|${ns}|${output}`,
        `DATASET|${ns}|${huge}`,
        `DATASET|${ns}|${spaced}`,
      ].sort(),
    );

    const upstream = await ask<{ lineage: { nodes: Node[] } }>(
      `query($node: NodeRef!) { lineage(node: $node, direction: UPSTREAM, depth: 1) { nodes { kind namespace name field } } }`,
      { node: ref('DATASET', spaced) },
    );
    same(
      upstream.lineage.nodes.map((n) => `${n.kind}|${n.name}`).sort(),
      [`DATASET|${spaced}`, `JOB|${job}`, `DATASET|${input}`].sort(),
      'upstream of the spaced name',
    );

    const columns = await ask<{ lineage: { nodes: Node[] } }>(
      `query($node: NodeRef!) { lineage(node: $node, direction: DOWNSTREAM, granularity: COLUMN) { nodes { kind namespace name field } } }`,
      { node: ref('FIELD', input, inColumn) },
    );
    const fields = columns.lineage.nodes.filter((n) => n.kind === 'FIELD');
    assert.ok(
      fields.some((n) => n.namespace === ns && n.name === output && n.field === outColumn),
      'column lineage reaches the long output column',
    );
    assert.ok(fields.some((n) => n.name === input && n.field === inColumn));

    const impact = await ask<{ impact: { totalDatasets: number; items: Array<{ node: Node; path: string[] }> } }>(
      `query($t: [NodeRef!]!) { impact(targets: $t) { totalDatasets items { node { kind namespace name field } path } } }`,
      { t: [ref('DATASET', input)] },
    );
    same(impact.impact.totalDatasets, 3);
    const impacted = impact.impact.items.filter((i) => i.node.kind === 'DATASET').map((i) => i.node.name);
    same(impacted.sort(), [output, huge, spaced].sort());
    const columnImpact = await ask<{ impact: { items: Array<{ node: Node }> } }>(
      `query($t: [NodeRef!]!) { impact(targets: $t, granularity: COLUMN) { items { node { kind namespace name field } } } }`,
      { t: [ref('FIELD', input, inColumn)] },
    );
    same(
      columnImpact.impact.items.map((i) => i.node),
      [{ kind: 'FIELD', namespace: ns, name: output, field: outColumn }],
    );

    // Search finds them by a word of the name; the hit carries the whole name.
    type Hits = { search: { items: Array<{ kind: string; namespace: string; name: string; field: string | null }> } };
    const searchQuery = `query($t: String!) { search(text: $t) { items { kind namespace name field } } }`;
    for (const [word, kind, name, field] of [
      [`lngin${tag}`, 'DATASET', input, null],
      [`lngout${tag}`, 'DATASET', output, null],
      [`lnghuge${tag}`, 'DATASET', huge, null],
      [`lngjob${tag}`, 'JOB', job, null],
      [`lngcolout${tag}`, 'FIELD', output, outColumn],
    ] as const) {
      const hits = await ask<Hits>(searchQuery, { t: word });
      // The exact word ranks first; similar words of this test's other names may follow (typos allowed).
      same(hits.search.items[0], { kind, namespace: ns, name, field }, `search ${word}`);
    }

    const namespaces = await ask<{ namespaces: Array<{ name: string; datasetCount: number; jobCount: number }> }>(
      '{ namespaces { name datasetCount jobCount } }',
      {},
    );
    same(
      namespaces.namespaces.filter((n) => n.name.includes(tag)),
      [{ name: ns, datasetCount: 4, jobCount: 1 }],
    );

    // Governance finds long-named nodes too, and the audit log records them.
    const description = `${HOSTILE}${'z'.repeat(20_000)}`;
    const governed = await ask<{ setDescription: { description: string } }>(
      'mutation($n: NodeRef!, $d: String!) { setDescription(node: $n, description: $d) { description } }',
      { n: ref('FIELD', output, outColumn), d: description },
    );
    same(governed.setDescription.description, description);
    const column = await ask<DatasetAnswer & { dataset: { fields: Array<{ description: string }> } }>(
      `query($ns: String!, $n: String!) { dataset(namespace: $ns, name: $n) { fields { description } } }`,
      { ns, n: output },
    );
    same(column.dataset?.fields[0]?.description, description);
  });

  it('posting the same event again changes nothing (ids are deterministic)', async () => {
    const reply = await call(`${api.url}/api/v1/lineage`, { token: admin, body: event(randomUUID()) });
    assert.equal(reply.status, 201, reply.body.slice(0, 300));
    const driver = openDriver();
    try {
      assert.ok(
        await eventually(async () => {
          const runs = await count(driver, 'MATCH (:Job {namespace: $ns})-[:HAS_RUN]->(r:Run) RETURN count(r) AS c');
          return runs === 2;
        }, 60_000),
      );
      assert.equal(await count(driver, 'MATCH (d:Dataset {namespace: $ns}) RETURN count(d) AS c'), 4);
      assert.equal(await count(driver, 'MATCH (f:Field {namespace: $ns}) RETURN count(f) AS c'), 2);
      assert.equal(await count(driver, 'MATCH (j:Job {namespace: $ns}) RETURN count(j) AS c'), 1);
      assert.equal(await count(driver, 'MATCH (n:Namespace {name: $ns}) RETURN count(n) AS c'), 1);
    } finally {
      await driver.close();
    }
  });
});

function openDriver(): Driver {
  const env = neo4jEnv();
  return neo4j.driver(env.NEO4J_URI, neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD), {
    disableLosslessIntegers: true,
  });
}

async function count(driver: Driver, query: string, params: Record<string, unknown> = { ns }): Promise<number> {
  const result = await driver.executeQuery(query, params);
  return Number(result.records[0]?.get('c') ?? -1);
}

interface MigrationModule {
  rewriteLongIds(db: MigrationTransactions, marker: string): Promise<number | null>;
}

describe('graphs written before ids were bounded', () => {
  const admin = newAdminToken();
  const legacyNs = `legacy-${tag}-${'q'.repeat(1_500)}`;
  const legacyDataset = `orders_${'r'.repeat(2_000)}`;
  const legacyJob = `load_${'s'.repeat(2_000)}`;
  const marker = `bounded-ids-test-${tag}`;
  let api: ApiProcess;
  let driver: Driver;
  before(async () => {
    driver = openDriver();
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
  });
  after(async () => {
    await driver?.executeQuery('MATCH (m:GraphMigration {id: $marker}) DELETE m', { marker });
    await driver?.close();
    await api?.stop();
  });

  it('get the bounded ids once, and new events merge into the same nodes', async () => {
    // What an earlier writer stored: plain ids of a few thousand characters.
    const runId = randomUUID();
    await driver.executeQuery(
      `CREATE (n:Namespace {id: $ns, name: $ns})
       CREATE (d:Dataset {id: 'dataset:' + $ns + ':' + $ds, namespace: $ns, name: $ds})
       CREATE (f:Field {id: 'field:' + $ns + ':' + $ds + ':id', namespace: $ns, datasetName: $ds, path: 'id', name: 'id'})
       CREATE (v:DatasetVersion {id: 'dataset:' + $ns + ':' + $ds + '@h1', hash: 'h1', datasetId: 'dataset:' + $ns + ':' + $ds})
       CREATE (j:Job {id: 'job:' + $ns + ':' + $job, namespace: $ns, name: $job})
       CREATE (r:Run {id: $runId, jobId: 'job:' + $ns + ':' + $job, state: 'COMPLETE'})
       CREATE (n)-[:CONTAINS]->(d), (n)-[:CONTAINS]->(j), (d)-[:HAS_FIELD]->(f), (d)-[:HAS_VERSION]->(v),
              (j)-[:HAS_RUN]->(r), (j)-[:OUTPUTS {firstSeenAt: datetime(), lastSeenAt: datetime()}]->(d)`,
      { ns: legacyNs, ds: legacyDataset, job: legacyJob, runId },
    );
    await withMigration<MigrationModule, void>(driver, 'bounded-ids.migration.js', async (migration, db) => {
      const rewritten = await migration.rewriteLongIds(db, marker);
      // Another API starting on a fresh database may have rewritten them first.
      assert.notEqual(rewritten, null, 'the test marker was new');
      assert.equal(await migration.rewriteLongIds(db, marker), null, 'once per database');
    });
    const ids = await driver.executeQuery(
      `MATCH (n:Namespace {name: $ns})-[:CONTAINS]->(d:Dataset)-[:HAS_FIELD]->(f:Field)
       MATCH (d)-[:HAS_VERSION]->(v), (n)-[:CONTAINS]->(j:Job)-[:HAS_RUN]->(r:Run)
       RETURN [n.id, d.id, f.id, j.id] AS ids, v.id STARTS WITH d.id + '@' AS version, r.jobId = j.id AS run`,
      { ns: legacyNs },
    );
    const row = ids.records[0]?.toObject() as { ids: string[]; version: boolean; run: boolean };
    for (const id of row.ids) assert.match(id, /^(namespace|dataset|field|job)#sha256:[0-9a-f]{64}$/);
    assert.ok(row.version && row.run, 'versions and runs follow their nodes');

    const reply = await call(`${api.url}/api/v1/lineage`, {
      token: admin,
      body: {
        eventType: 'COMPLETE',
        eventTime: new Date().toISOString(),
        producer: 'https://tributary.test/long-names',
        schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
        run: { runId: randomUUID() },
        job: { namespace: legacyNs, name: legacyJob },
        inputs: [],
        outputs: [{ namespace: legacyNs, name: legacyDataset }],
      },
    });
    assert.equal(reply.status, 201, reply.body.slice(0, 300));
    assert.ok(
      await eventually(
        async () =>
          (await count(driver, 'MATCH (:Job {namespace: $ns})-[:HAS_RUN]->(r) RETURN count(r) AS c', {
            ns: legacyNs,
          })) === 2,
        60_000,
      ),
    );
    assert.equal(await count(driver, 'MATCH (d:Dataset {namespace: $ns}) RETURN count(d) AS c', { ns: legacyNs }), 1);
    assert.equal(await count(driver, 'MATCH (j:Job {namespace: $ns}) RETURN count(j) AS c', { ns: legacyNs }), 1);
    assert.equal(await count(driver, 'MATCH (n:Namespace {name: $ns}) RETURN count(n) AS c', { ns: legacyNs }), 1);
    const found = await gql(
      api.url,
      admin,
      'query($ns: String!, $n: String!) { dataset(namespace: $ns, name: $n) { name fields { path } } }',
      { ns: legacyNs, n: legacyDataset },
    );
    same(found.data, { dataset: { name: legacyDataset, fields: [{ path: 'id' }] } });
  });
});
