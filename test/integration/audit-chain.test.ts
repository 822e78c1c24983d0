// Real parts: the built API process and the Neo4j that `npm test` started (or
// NEO4J_URI); the tampering is direct Cypher on this test's own audit entries,
// undone before the test ends.
// Issue 8 item 5: the audit log is tamper-evident — a hash chain written in
// the same transaction as each change, serialized across concurrent writers,
// verified by an admin-only query that names the first broken entry.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import neo4j, { type Driver } from 'neo4j-driver';
import { startApi, type ApiProcess } from '../support/api-process.js';
import { call, gql, newAdminToken } from '../support/auth.js';
import { neo4jEnv } from '../support/env.js';

type Report = {
  ok: boolean;
  checkedEntries: number;
  headSeq: number | null;
  headHash: string | null;
  firstBroken: { entryId: string | null; seq: number; reason: string } | null;
};

const VERIFY = '{ verifyAuditLog { ok checkedEntries headSeq headHash firstBroken { entryId seq reason } } }';

describe('audit log hash chain', () => {
  const admin = newAdminToken();
  const tag = `chain-${randomBytes(4).toString('hex')}`;
  let api: ApiProcess;
  let driver: Driver;
  before(async () => {
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
    const env = neo4jEnv();
    driver = neo4j.driver(env.NEO4J_URI, neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD), {
      disableLosslessIntegers: true,
    });
  });
  after(async () => {
    await driver?.close();
    await api?.stop();
  });

  const verify = async (token = admin) => gql(api.url, token, VERIFY);
  const report = async (): Promise<Report> => {
    const answer = await verify();
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    return (answer.data as { verifyAuditLog: Report }).verifyAuditLog;
  };

  it('chains concurrent changes without forking, and verifies', async () => {
    const terms = Array.from({ length: 12 }, (_, i) => `${tag}-term-${i}`);
    const answers = await Promise.all(
      terms.map((name) =>
        gql(api.url, admin, 'mutation($n: String!) { upsertGlossaryTerm(name: $n, definition: "d") { name } }', {
          n: name,
        }),
      ),
    );
    for (const answer of answers) assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    const rows = await driver.executeQuery(
      'MATCH (a:AuditEntry) WHERE a.targetId STARTS WITH $tag RETURN a.seq AS seq, a.prevHash AS prev, a.hash AS hash ORDER BY seq',
      { tag },
    );
    const entries = rows.records.map((r) => r.toObject() as { seq: number; prev: string; hash: string });
    assert.equal(entries.length, terms.length);
    assert.equal(new Set(entries.map((e) => e.seq)).size, terms.length, 'one place in the chain each');
    assert.equal(
      new Set(entries.map((e) => e.prev)).size,
      terms.length,
      'no two entries follow the same one (no fork)',
    );
    const verified = await report();
    assert.equal(verified.ok, true, JSON.stringify(verified));
    assert.ok(verified.checkedEntries >= terms.length);
    assert.ok((verified.headSeq ?? 0) >= entries.at(-1)!.seq);
    assert.match(verified.headHash ?? '', /^[0-9a-f]{64}$/);
    const rest = await call(`${api.url}/api/v1/audit/verify`, { token: admin });
    assert.equal(rest.status, 200, rest.body);
    assert.equal((JSON.parse(rest.body) as Report).ok, true);
  });

  it('reports the first tampered entry, and recovers once it is restored', async () => {
    const name = `${tag}-tampered`;
    for (const definition of ['first', 'second', 'third']) {
      const answer = await gql(
        api.url,
        admin,
        'mutation($n: String!, $d: String!) { upsertGlossaryTerm(name: $n, definition: $d) { name } }',
        { n: name, d: definition },
      );
      assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    }
    const log = await gql(api.url, admin, 'query($t: String!) { auditLog(targetId: $t, first: 10) { id seq after } }', {
      t: name,
    });
    const entries = (log.data as { auditLog: Array<{ id: string; seq: number; after: string }> }).auditLog;
    assert.equal(entries.length, 3);
    const target = entries.find((e) => e.after === '"second"')!;
    assert.ok(target, JSON.stringify(entries));

    // What someone with database access might do: rewrite history in place.
    await driver.executeQuery('MATCH (a:AuditEntry {id: $id}) SET a.after = $forged', {
      id: target.id,
      forged: '"forged"',
    });
    try {
      const broken = await report();
      assert.equal(broken.ok, false);
      assert.deepEqual(broken.firstBroken, {
        entryId: target.id,
        seq: target.seq,
        reason: 'its content does not match its hash',
      });
      assert.equal(broken.checkedEntries, target.seq - 1, 'everything before it verified');
    } finally {
      await driver.executeQuery('MATCH (a:AuditEntry {id: $id}) SET a.after = $original', {
        id: target.id,
        original: target.after,
      });
    }
    const restored = await report();
    assert.equal(restored.ok, true, JSON.stringify(restored));
  });

  it('is for admins on * only', async () => {
    const created = await gql(
      api.url,
      admin,
      `mutation { createApiToken(input: {name: "${tag}", bindings: [{role: steward, namespace: "*"}], expiresIn: "1h"}) { token } }`,
    );
    const steward = (created.data as { createApiToken: { token: string } }).createApiToken.token;
    const refused = await verify(steward);
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(refused));
    assert.equal((await call(`${api.url}/api/v1/audit/verify`, { token: steward })).status, 403);
    assert.equal((await call(`${api.url}/api/v1/audit/verify`)).status, 401);
  });
});
