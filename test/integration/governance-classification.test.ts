// Real parts: the built API process (auth on), its intake and graph writer,
// and the Neo4j that `npm test` started. Graphs are built by posting
// OpenLineage events; the test reads Neo4j only to wait for the writer.
// Issue 8 acceptance: PII set on one source column reaches exactly the
// expected columns of a three-job chain and stops where a steward blocks it.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import neo4j, { type Driver } from 'neo4j-driver';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { call, createToken, gql, newAdminToken } from '../support/auth.js';
import { neo4jEnv } from '../support/env.js';

const PRODUCER = 'https://tributary.test/governance';
const SCHEMA_URL = 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet';
const CL_URL =
  'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet';
const OWNERSHIP_URL =
  'https://openlineage.io/spec/facets/1-0-1/OwnershipDatasetFacet.json#/$defs/OwnershipDatasetFacet';

type Mapping = Record<string, Array<[string, string, 'DIRECT' | 'INDIRECT', string]>>;

/** A COMPLETE run of `job` reading `input` and writing `output` with column lineage `mapping` (output column → [dataset, column, type, subtype]). */
function jobRun(
  ns: string,
  job: string,
  input: { name: string; fields: string[] },
  output: { name: string; fields: string[]; owners?: string[] },
  mapping: Mapping,
): Record<string, unknown> {
  const schema = (fields: string[]) => ({
    _producer: PRODUCER,
    _schemaURL: SCHEMA_URL,
    fields: fields.map((name) => ({ name, type: 'VARCHAR' })),
  });
  return {
    eventType: 'COMPLETE',
    eventTime: new Date().toISOString(),
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID() },
    job: { namespace: ns, name: job },
    inputs: [{ namespace: ns, name: input.name, facets: { schema: schema(input.fields) } }],
    outputs: [
      {
        namespace: ns,
        name: output.name,
        facets: {
          schema: schema(output.fields),
          columnLineage: {
            _producer: PRODUCER,
            _schemaURL: CL_URL,
            fields: Object.fromEntries(
              Object.entries(mapping).map(([column, sources]) => [
                column,
                {
                  inputFields: sources.map(([dataset, field, type, subtype]) => ({
                    namespace: ns,
                    name: dataset,
                    field,
                    transformations: [{ type, subtype }],
                  })),
                },
              ]),
            ),
          },
          ...(output.owners
            ? {
                ownership: {
                  _producer: PRODUCER,
                  _schemaURL: OWNERSHIP_URL,
                  owners: output.owners.map((name) => ({ name, type: 'TEAM' })),
                },
              }
            : {}),
        },
      },
    ],
  };
}

const field = (namespace: string, name: string, column: string) => ({ kind: 'FIELD', namespace, name, field: column });

describe('classification propagation along column lineage', () => {
  const admin = newAdminToken();
  const ns = `gov-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  let api: ApiProcess;
  let driver: Driver;
  let steward: string;
  let producer: string;

  async function post(event: Record<string, unknown>): Promise<void> {
    const reply = await call(`${api.url}/api/v1/lineage`, { token: producer, body: event });
    assert.equal(reply.status, 201, reply.body);
  }

  async function feedsCount(): Promise<number> {
    const session = driver.session();
    try {
      const result = await session.run(
        'MATCH (a:Field {namespace: $ns})-[r:FEEDS]->(:Field) WHERE r.validTo IS NULL RETURN count(r) AS n',
        { ns },
      );
      return Number(result.records[0]?.get('n') ?? 0);
    } finally {
      await session.close();
    }
  }

  async function flow(from?: Record<string, unknown>) {
    const answer = await gql(
      api.url,
      steward,
      `query($c: String!, $from: NodeRef, $ns: String) { classificationFlow(classification: $c, from: $from, namespace: $ns) {
         totalFields totalDatasets restrictedFields includesIndirect
         items { distance sourceId path jobs node { id kind namespace name field } owners { name type } } } }`,
      { c: 'PII', from: from ?? null, ns },
    );
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    return (
      answer.data as {
        classificationFlow: {
          items: Array<{
            distance: number;
            path: string[];
            jobs: string[];
            node: { name: string; field: string };
            owners: Array<{ name: string }>;
          }>;
          totalFields: number;
          totalDatasets: number;
          includesIndirect: boolean;
        };
      }
    ).classificationFlow;
  }

  const reachedColumns = (items: Array<{ distance: number; node: { name: string; field: string } }>) =>
    items
      .filter((item) => item.distance > 0)
      .map((item) => `${item.node.name}.${item.node.field}`)
      .sort();

  before(async () => {
    const env = neo4jEnv();
    driver = neo4j.driver(env.NEO4J_URI, neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD));
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
    steward = (await createToken(api.url, admin, { name: 'steward', role: 'steward', namespace: `${ns}*` })).token;
    producer = (await createToken(api.url, admin, { name: 'producer', role: 'producer', namespace: `${ns}*` })).token;

    // Three jobs: users → users_clean → contacts → summary.
    await post(
      jobRun(
        ns,
        'clean',
        { name: 'users', fields: ['id', 'email', 'name', 'country'] },
        { name: 'users_clean', fields: ['user_id', 'email_clean', 'name_up', 'country'] },
        {
          user_id: [['users', 'id', 'DIRECT', 'IDENTITY']],
          email_clean: [['users', 'email', 'DIRECT', 'TRANSFORMATION']],
          name_up: [['users', 'name', 'DIRECT', 'TRANSFORMATION']],
          country: [
            ['users', 'country', 'DIRECT', 'IDENTITY'],
            ['users', 'email', 'INDIRECT', 'FILTER'],
          ],
        },
      ),
    );
    await post(
      jobRun(
        ns,
        'contacts',
        { name: 'users_clean', fields: ['user_id', 'email_clean', 'name_up', 'country'] },
        { name: 'contacts', fields: ['contact', 'email_hash', 'user_id'], owners: ['team:crm'] },
        {
          contact: [['users_clean', 'email_clean', 'DIRECT', 'IDENTITY']],
          email_hash: [['users_clean', 'email_clean', 'DIRECT', 'MASKED']],
          user_id: [['users_clean', 'user_id', 'DIRECT', 'IDENTITY']],
        },
      ),
    );
    await post(
      jobRun(
        ns,
        'summary',
        { name: 'contacts', fields: ['contact', 'email_hash', 'user_id'] },
        { name: 'summary', fields: ['contact_domain', 'hash_prefix', 'users'] },
        {
          contact_domain: [['contacts', 'contact', 'DIRECT', 'TRANSFORMATION']],
          hash_prefix: [['contacts', 'email_hash', 'DIRECT', 'TRANSFORMATION']],
          users: [['contacts', 'user_id', 'DIRECT', 'AGGREGATION']],
        },
      ),
    );
    assert.ok(
      await eventually(async () => (await feedsCount()) === 11, 60_000),
      'the writer stored the column lineage',
    );
  });

  after(async () => {
    await api?.stop();
    await driver?.close();
  });

  it('a steward classifies a source column and PII reaches exactly the DIRECT descendants', async () => {
    const classified = await gql(
      api.url,
      steward,
      `mutation($n: NodeRef!) { classify(node: $n, classification: "PII", level: 3) { classifications { name level inherited } } }`,
      { n: field(ns, 'users', 'email') },
    );
    assert.equal(classified.errors, undefined, JSON.stringify(classified.errors));
    const result = await flow();
    assert.equal(result.includesIndirect, false);
    assert.deepEqual(reachedColumns(result.items), [
      'contacts.contact',
      'contacts.email_hash',
      'summary.contact_domain',
      'summary.hash_prefix',
      'users_clean.email_clean',
    ]);
    const deepest = result.items.find((item) => item.node.field === 'contact_domain');
    assert.equal(deepest?.distance, 3);
    assert.deepEqual(deepest?.path, [
      `field:${ns}:users:email`,
      `field:${ns}:users_clean:email_clean`,
      `field:${ns}:contacts:contact`,
      `field:${ns}:summary:contact_domain`,
    ]);
    assert.deepEqual(deepest?.jobs, [`job:${ns}:clean`, `job:${ns}:contacts`, `job:${ns}:summary`]);
    assert.deepEqual(
      result.items.find((item) => item.node.field === 'contact')?.owners.map((o) => o.name),
      ['team:crm'],
      "each reached column lists its dataset's owners",
    );
    // The column's own governance view shows the inherited classification and where it came from.
    const view = await gql(
      api.url,
      steward,
      `query($n: NodeRef!) { governance(node: $n) { classifications { name inherited sourceId path } } }`,
      { n: field(ns, 'summary', 'contact_domain') },
    );
    const classifications = (
      view.data as {
        governance: { classifications: Array<{ name: string; inherited: boolean; sourceId: string; path: string[] }> };
      }
    ).governance.classifications;
    assert.deepEqual(
      classifications.map((c) => [c.name, c.inherited, c.sourceId]),
      [['PII', true, `field:${ns}:users:email`]],
    );
  });

  it('stops where a steward blocks it, and the block is audited', async () => {
    const blocked = await gql(
      api.url,
      steward,
      `mutation($n: NodeRef!) { blockPropagation(field: $n, classification: "PII") { propagationBlocked } }`,
      { n: field(ns, 'contacts', 'email_hash') },
    );
    assert.equal(blocked.errors, undefined, JSON.stringify(blocked.errors));
    assert.deepEqual(reachedColumns((await flow()).items), [
      'contacts.contact',
      'summary.contact_domain',
      'users_clean.email_clean',
    ]);

    const audit = await call(
      `${api.url}/api/v1/audit?action=governance.block&targetId=${encodeURIComponent(`field:${ns}:contacts:email_hash`)}`,
      { token: admin },
    );
    const entries = (
      JSON.parse(audit.body) as { entries: Array<{ actorName: string; before: unknown; after: unknown }> }
    ).entries;
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.actorName, 'steward');
    assert.deepEqual(entries[0]?.before, { propagationBlocked: [] });
    assert.deepEqual(entries[0]?.after, { propagationBlocked: ['PII'] });
  });

  it('materializes the effective classifications on fields and datasets for other readers', async () => {
    const session = driver.session();
    try {
      const read = async () =>
        (
          await session.run(
            'MATCH (f:Field {namespace: $ns}) WHERE f.classifications IS NOT NULL RETURN f.datasetName + "." + f.path AS c ORDER BY c',
            { ns },
          )
        ).records.map((r) => r.get('c') as string);
      assert.ok(
        await eventually(
          async () =>
            (await read()).join() === 'contacts.contact,summary.contact_domain,users.email,users_clean.email_clean',
          15_000,
        ),
        `materialized: ${(await read()).join()}`,
      );
    } finally {
      await session.close();
    }
  });

  it("keeps a steward's owners over later producer facets, records both sources, and audits the change", async () => {
    const contacts = { kind: 'DATASET', namespace: ns, name: 'contacts' };
    const read = async () =>
      (
        (
          await gql(api.url, steward, 'query($n: NodeRef!) { governance(node: $n) { owners { name } ownersSource } }', {
            n: contacts,
          })
        ).data as { governance: { owners: Array<{ name: string }>; ownersSource: string } }
      ).governance;
    assert.deepEqual(await read(), { owners: [{ name: 'team:crm' }], ownersSource: 'PRODUCER' });
    const set = await gql(
      api.url,
      steward,
      'mutation($n: NodeRef!) { setOwners(node: $n, owners: [{name: "alice", type: "person"}]) { ownersSource } }',
      { n: contacts },
    );
    assert.equal(set.errors, undefined, JSON.stringify(set.errors));
    // A later event from the producer brings other owners in its ownership facet.
    await post(
      jobRun(
        ns,
        'contacts',
        { name: 'users_clean', fields: ['user_id', 'email_clean', 'name_up', 'country'] },
        { name: 'contacts', fields: ['contact', 'email_hash', 'user_id'], owners: ['team:new'] },
        {
          contact: [['users_clean', 'email_clean', 'DIRECT', 'IDENTITY']],
          email_hash: [['users_clean', 'email_clean', 'DIRECT', 'MASKED']],
          user_id: [['users_clean', 'user_id', 'DIRECT', 'IDENTITY']],
        },
      ),
    );
    const session = driver.session();
    try {
      assert.ok(
        await eventually(async () => {
          const result = await session.run(
            'MATCH (d:Dataset {namespace: $ns, name: "contacts"}) RETURN d.owners AS owners',
            { ns },
          );
          return String(result.records[0]?.get('owners')).includes('team:new');
        }, 30_000),
        'the producer value was ingested',
      );
    } finally {
      await session.close();
    }
    assert.deepEqual(await read(), { owners: [{ name: 'alice' }], ownersSource: 'STEWARD' }, 'the steward wins');
    const cleared = await gql(
      api.url,
      steward,
      'mutation($n: NodeRef!) { setOwners(node: $n, owners: null) { ownersSource } }',
      {
        n: contacts,
      },
    );
    assert.equal(cleared.errors, undefined);
    assert.deepEqual(
      await read(),
      { owners: [{ name: 'team:new' }], ownersSource: 'PRODUCER' },
      'cleared: the producer value shows',
    );
    const audit = await call(
      `${api.url}/api/v1/audit?action=governance.owners&targetId=${encodeURIComponent(`dataset:${ns}:contacts`)}`,
      {
        token: admin,
      },
    );
    const entries = (JSON.parse(audit.body) as { entries: Array<{ before: unknown; after: unknown }> }).entries;
    assert.deepEqual(
      entries.map((entry) => [entry.before, entry.after]),
      [
        [{ owners: [{ name: 'alice', type: 'person' }] }, { owners: [] }],
        [{ owners: [] }, { owners: [{ name: 'alice', type: 'person' }] }],
      ],
    );
  });

  it('follows lineage changes: a removed column-lineage edge stops the flow', async () => {
    await post(
      jobRun(
        ns,
        'summary',
        { name: 'contacts', fields: ['contact', 'email_hash', 'user_id'] },
        { name: 'summary', fields: ['contact_domain', 'hash_prefix', 'users'] },
        {
          hash_prefix: [['contacts', 'email_hash', 'DIRECT', 'TRANSFORMATION']],
          users: [['contacts', 'user_id', 'DIRECT', 'AGGREGATION']],
        },
      ),
    );
    assert.ok(await eventually(async () => (await feedsCount()) === 10, 30_000), 'the writer closed the removed edge');
    assert.deepEqual(reachedColumns((await flow()).items), ['contacts.contact', 'users_clean.email_clean']);
  });

  it('refuses governance changes outside the steward role and namespaces', async () => {
    const viewer = (await createToken(api.url, admin, { name: 'viewer', role: 'viewer', namespace: `${ns}*` })).token;
    const otherSteward = (
      await createToken(api.url, admin, { name: 'other', role: 'steward', namespace: 'elsewhere-*' })
    ).token;
    for (const token of [viewer, producer, otherSteward]) {
      const answer = await gql(
        api.url,
        token,
        `mutation($n: NodeRef!) { classify(node: $n, classification: "PII") { id } }`,
        { n: field(ns, 'users', 'name') },
      );
      assert.equal(answer.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    }
    const view = await gql(
      api.url,
      steward,
      `query($n: NodeRef!) { governance(node: $n) { classifications { name } } }`,
      {
        n: field(ns, 'users', 'name'),
      },
    );
    assert.deepEqual((view.data as { governance: { classifications: unknown[] } }).governance.classifications, []);
  });
});
