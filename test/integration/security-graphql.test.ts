// Real parts: the built API process, its intake and graph writer, the Neo4j
// that `npm test` started, and (for the bootstrap token) a throw-away Neo4j
// this test starts so that no admin token exists yet.
// Issue 8 item 6: introspection off and CSRF prevention on in production,
// depth/alias/batch limits before execution, hostile names stored literally,
// the generated admin token printed exactly once.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, startNeo4j, stopNeo4j } from '@tributary/dev-scripts/neo4j';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { call, gql, newAdminToken, rawRequest } from '../support/auth.js';
import { repoRoot } from '../support/env.js';

function runEvent(ns: string, job: string, output: string) {
  return {
    eventType: 'COMPLETE',
    eventTime: new Date().toISOString(),
    producer: 'https://tributary.test/hostile',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID() },
    job: { namespace: ns, name: job },
    inputs: [],
    outputs: [{ namespace: ns, name: output }],
  };
}

describe('GraphQL in production mode', () => {
  const admin = newAdminToken();
  let api: ApiProcess;
  before(async () => {
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin, NODE_ENV: 'production' });
  });
  after(async () => {
    await api?.stop();
  });

  it('turns introspection off', async () => {
    const answer = await gql(api.url, admin, '{ __schema { types { name } } }');
    assert.ok(answer.errors && answer.errors.length > 0, 'introspection refused');
    assert.ok(!JSON.stringify(answer).includes('"types"'));
    assert.equal((await gql(api.url, admin, '{ me { name } }')).errors, undefined, 'ordinary queries still work');
  });

  it('refuses requests a browser could send cross-site (CSRF prevention)', async () => {
    const simple = await call(`${api.url}/graphql`, {
      token: admin,
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { upsertGlossaryTerm(name: "csrf-probe") { name } }' }),
    });
    assert.equal(simple.status, 400, simple.body);
    assert.match(simple.body, /Cross-Site Request Forgery|CSRF|preflight/i);
    const get = await rawRequest(api.port, 'GET', '/graphql?query=%7Bme%7Bname%7D%7D', {
      authorization: `Bearer ${admin}`,
    });
    assert.equal(get.status, 400, get.body);
    const withHeader = await rawRequest(api.port, 'GET', '/graphql?query=%7Bme%7Bname%7D%7D', {
      authorization: `Bearer ${admin}`,
      'apollo-require-preflight': 'true',
    });
    assert.equal(withHeader.status, 200, withHeader.body);
    const terms = await gql(api.url, admin, '{ glossaryTerms { name } }');
    assert.ok(!JSON.stringify(terms.data).includes('csrf-probe'), 'the refused mutation never ran');
  });

  it('marks the session cookie Secure', async () => {
    const signIn = await call(`${api.url}/api/v1/auth/session`, { body: { token: admin } });
    assert.equal(signIn.status, 200);
    assert.match(String(signIn.headers['set-cookie']), /; Secure/);
  });
});

describe('GraphQL abuse limits', () => {
  const admin = newAdminToken();
  let api: ApiProcess;
  before(async () => {
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin, TRIBUTARY_GRAPHQL_MAX_ALIASES: '30' });
  });
  after(async () => {
    await api?.stop();
  });

  it('refuses too many aliases before anything runs', async () => {
    const tag = randomBytes(4).toString('hex');
    const mutations = Array.from(
      { length: 31 },
      (_, i) => `m${i}: upsertGlossaryTerm(name: "alias-${tag}-${i}") { name }`,
    );
    const answer = await gql(api.url, admin, `mutation { ${mutations.slice(0, 15).join(' ')} }`);
    assert.equal(answer.errors, undefined, '15 aliases are fine');
    const refused = await gql(
      api.url,
      admin,
      `mutation { ${mutations.slice(15).join(' ')} me2: upsertGlossaryTerm(name: "x-${tag}") { a1: name a2: name a3: name a4: name a5: name a6: name a7: name a8: name a9: name a10: name a11: name a12: name a13: name a14: name a15: name } }`,
    );
    assert.equal(refused.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(refused));
    assert.match(refused.errors?.[0]?.message ?? '', /aliases/);
    const terms = JSON.stringify((await gql(api.url, admin, '{ glossaryTerms { name } }')).data);
    assert.ok(terms.includes(`alias-${tag}-14`));
    assert.ok(!terms.includes(`alias-${tag}-15`) && !terms.includes(`x-${tag}`), 'no part of the refused request ran');
  });

  it('refuses over-deep queries, introspection included', async () => {
    const nested = (n: number): string => (n === 0 ? 'name' : `fields { type { ${nested(n - 1)} } }`);
    const answer = await gql(api.url, admin, `{ __type(name: "Query") { ${nested(12)} } }`);
    // graphql-js's own introspection-depth rule or ours, whichever sees it first; both refuse before execution.
    assert.ok(
      ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'].includes(String(answer.errors?.[0]?.extensions?.code)),
      JSON.stringify(answer.errors),
    );
    assert.match(answer.errors?.[0]?.message ?? '', /deep|depth/i);
    assert.equal(answer.data ?? null, null);
  });

  it('refuses batches: an array of operations, or too many root fields', async () => {
    const batch = await call(`${api.url}/graphql`, {
      token: admin,
      body: [{ query: '{ me { name } }' }, { query: '{ me { name } }' }],
    });
    assert.equal(batch.status, 400, batch.body);
    const roots = await gql(api.url, admin, `{ ${'me { name } '.repeat(21)} }`);
    assert.equal(roots.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', JSON.stringify(roots.errors));
  });
});

describe('hostile names and search text', () => {
  const admin = newAdminToken();
  const ns = `hostile-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  let api: ApiProcess;
  before(async () => {
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
  });
  after(async () => {
    await api?.stop();
  });

  it('stores and shows hostile names literally and searches hostile text safely', async () => {
    // long-names.test.ts goes further: namespaces, jobs and fields, lineage, impact and search.
    const names = [
      "'}) DETACH DELETE n //",
      'tab\u0000nul',
      `long_${'x'.repeat(10_000)}`,
      '" OR 1=1 --',
      '${jndi:ldap://x}',
    ];
    const longText = 'y'.repeat(10_000);
    for (const [index, name] of names.entries()) {
      const reply = await call(`${api.url}/api/v1/lineage`, { token: admin, body: runEvent(ns, `job_${index}`, name) });
      assert.equal(reply.status, 201, `${JSON.stringify(name.slice(0, 40))}: ${reply.body.slice(0, 300)}`);
    }
    for (const name of names) {
      const found = await eventually(async () => {
        const answer = await gql(
          api.url,
          admin,
          'query($ns: String!, $n: String!) { dataset(namespace: $ns, name: $n) { name } }',
          {
            ns,
            n: name,
          },
        );
        return (answer.data as { dataset: { name: string } | null } | undefined)?.dataset?.name === name;
      }, 60_000);
      assert.ok(found, `dataset ${JSON.stringify(name.slice(0, 40))} is stored and shown literally`);
    }
    const governance = await gql(
      api.url,
      admin,
      'mutation($n: NodeRef!, $d: String!) { setDescription(node: $n, description: $d) { description descriptionSource } }',
      { n: { kind: 'DATASET', namespace: ns, name: names[0] }, d: names[0] },
    );
    assert.deepEqual(governance.data, { setDescription: { description: names[0], descriptionSource: 'STEWARD' } });
    const documented = await gql(
      api.url,
      admin,
      'mutation($n: NodeRef!, $d: String!) { setDescription(node: $n, description: $d) { description } }',
      { n: { kind: 'DATASET', namespace: ns, name: names[2] }, d: longText },
    );
    assert.equal((documented.data as { setDescription: { description: string } }).setDescription.description, longText);
    for (const text of [...names, longText, 'AND OR NOT ~ * ? : \\ / [ ] { } ( ) "', '\u0000']) {
      const answer = await gql(api.url, admin, 'query($t: String!) { search(text: $t) { items { name } } }', {
        t: text,
      });
      const code = answer.errors?.[0]?.extensions?.code;
      assert.ok(
        !answer.errors || code === 'BAD_USER_INPUT',
        `search ${JSON.stringify(text.slice(0, 30))}: ${JSON.stringify(answer.errors)}`,
      );
    }
    // Nothing was deleted: every dataset is still there.
    const namespaces = await gql(api.url, admin, '{ namespaces { name datasetCount } }');
    const mine = (namespaces.data as { namespaces: Array<{ name: string; datasetCount: number }> }).namespaces.find(
      (n) => n.name === ns,
    );
    assert.equal(mine?.datasetCount, names.length);
  });
});

describe('bootstrap admin token', () => {
  it('is generated and printed once at the first start, and works', async () => {
    const port = await freePort();
    const password = randomBytes(8).toString('hex');
    const home = mkdtempSync(join(repoRoot, '.data', 'test-neo4j-bootstrap-'));
    const env = {
      TRIBUTARY_AUTH: 'on',
      NEO4J_URI: `bolt://127.0.0.1:${port}`,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: password,
      LOG_LEVEL: 'info',
    };
    try {
      await startNeo4j({ home, port, password, heap: '512m', pageCacheMb: 128, log: () => {} });
      const first = await startApi(env);
      let token = '';
      try {
        assert.ok(
          await eventually(async () => /generated the admin API token/.test(first.output()), 30_000),
          first.output(),
        );
        token = /\n {2}(trb_[A-Za-z0-9_-]{43})\n/.exec(first.output())?.[1] ?? '';
        assert.ok(token, 'the token is on its own line');
        assert.equal((await call(`${first.url}/api/v1/tokens`, { token })).status, 200, 'it is an admin token');
        assert.equal(first.output().split(token).length - 1, 1, 'printed exactly once');
      } finally {
        await first.stop();
      }
      const second = await startApi(env);
      try {
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        assert.ok(!/generated the admin API token/.test(second.output()), 'not printed again');
        assert.ok(!second.output().includes(token));
        assert.equal((await call(`${second.url}/api/v1/tokens`, { token })).status, 200, 'still valid after a restart');
      } finally {
        await second.stop();
      }
    } finally {
      await stopNeo4j({ home, log: () => {} });
      rmSync(home, { recursive: true, force: true });
    }
  });
});
