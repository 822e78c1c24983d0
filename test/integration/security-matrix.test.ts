// Real parts: the built API process (auth on), its intake and graph writer,
// and the Neo4j that `npm test` started. Issue 8 item 6: every GraphQL query
// and mutation and every protected REST route × every role × inside/outside
// the role's namespaces → allowed or refused exactly as specified.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { call, createToken, gql, newAdminToken } from '../support/auth.js';

type Role = 'viewer' | 'producer' | 'steward' | 'admin' | 'globalAdmin';
const ROLES: Role[] = ['viewer', 'producer', 'steward', 'admin', 'globalAdmin'];

/** Who may call an operation: on the namespace it names (`inside` = the role's namespace). */
type Access = 'read' | 'open' | 'steward' | 'stewardAnywhere' | 'produce' | 'globalAdmin';

function allowed(role: Role, access: Access, inside: boolean): boolean {
  if (role === 'globalAdmin') return true;
  switch (access) {
    case 'open':
      return true;
    case 'read':
      return inside;
    case 'steward':
      return inside && (role === 'steward' || role === 'admin');
    case 'stewardAnywhere':
      return role === 'steward' || role === 'admin';
    case 'produce':
      return inside && (role === 'producer' || role === 'admin');
    case 'globalAdmin':
      return false;
  }
}

type Outcome = { ok: boolean; detail: string };
type Ctx = { api: ApiProcess; admin: string };
type Operation = {
  name: string;
  access: Access;
  /** false: the operation names no namespace, run once. */
  namespaced: boolean;
  run: (ctx: Ctx, token: string, ns: string) => Promise<Outcome>;
};

const ref = (ns: string, name = 'dst') => ({ kind: 'DATASET', namespace: ns, name });
const fieldRef = (ns: string) => ({ kind: 'FIELD', namespace: ns, name: 'dst', field: 'c1' });

function graphql(query: string, variables: (ns: string) => Record<string, unknown> = () => ({})) {
  return async (ctx: Ctx, token: string, ns: string): Promise<Outcome> => {
    const answer = await gql(ctx.api.url, token, query, variables(ns));
    const code = answer.errors?.[0]?.extensions?.code;
    if (answer.status === 200 && !answer.errors) return { ok: true, detail: 'ok' };
    if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return { ok: false, detail: String(code) };
    return { ok: true, detail: `unexpected: ${answer.status} ${JSON.stringify(answer.errors)}` };
  };
}

function rest(method: string, path: (ns: string) => string, body?: (ns: string) => unknown) {
  return async (ctx: Ctx, token: string, ns: string): Promise<Outcome> => {
    const reply = await call(`${ctx.api.url}${path(ns)}`, { method, token, ...(body ? { body: body(ns) } : {}) });
    if (reply.status === 403) return { ok: false, detail: '403' };
    if (reply.status >= 200 && reply.status < 300) return { ok: true, detail: String(reply.status) };
    return { ok: true, detail: `unexpected: ${reply.status} ${reply.body}` };
  };
}

function runEvent(ns: string, job: string, input: string, output: string) {
  const schema = {
    _producer: 'https://tributary.test/matrix',
    _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
    fields: [{ name: 'c1', type: 'VARCHAR' }],
  };
  return {
    eventType: 'COMPLETE',
    eventTime: new Date().toISOString(),
    producer: 'https://tributary.test/matrix',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: randomUUID() },
    job: { namespace: ns, name: job },
    inputs: [{ namespace: ns, name: input, facets: { schema } }],
    outputs: [
      {
        namespace: ns,
        name: output,
        facets: {
          schema,
          columnLineage: {
            _producer: 'https://tributary.test/matrix',
            _schemaURL:
              'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
            fields: {
              c1: {
                inputFields: [
                  {
                    namespace: ns,
                    name: input,
                    field: 'c1',
                    transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
                  },
                ],
              },
            },
          },
        },
      },
    ],
  };
}

const OPERATIONS: Operation[] = [
  // Reads that name a node: refused outside, whether or not the node exists.
  {
    name: 'lineage',
    access: 'read',
    namespaced: true,
    run: graphql('query($n: NodeRef!) { lineage(node: $n) { nodes { id } } }', (ns) => ({ n: ref(ns) })),
  },
  {
    name: 'lineageDiff',
    access: 'read',
    namespaced: true,
    run: graphql(
      'query($n: NodeRef!, $f: DateTime!, $t: DateTime!) { lineageDiff(node: $n, from: $f, to: $t) { truncated } }',
      (ns) => ({
        n: ref(ns),
        f: '2020-01-01T00:00:00Z',
        t: new Date().toISOString(),
      }),
    ),
  },
  {
    name: 'neighbours',
    access: 'read',
    namespaced: true,
    run: graphql('query($n: NodeRef!) { neighbours(node: $n, direction: UPSTREAM) { totalCount } }', (ns) => ({
      n: ref(ns),
    })),
  },
  {
    name: 'impact',
    access: 'read',
    namespaced: true,
    run: graphql('query($t: [NodeRef!]!) { impact(targets: $t) { totalDatasets } }', (ns) => ({ t: [ref(ns, 'src')] })),
  },
  {
    name: 'rootCause',
    access: 'read',
    namespaced: true,
    run: graphql('query($d: NodeRef!) { rootCause(dataset: $d) { distance } }', (ns) => ({ d: ref(ns) })),
  },
  {
    name: 'dataset',
    access: 'read',
    namespaced: true,
    run: graphql('query($ns: String!) { dataset(namespace: $ns, name: "dst") { id } }', (ns) => ({ ns })),
  },
  {
    name: 'job',
    access: 'read',
    namespaced: true,
    run: graphql('query($ns: String!) { job(namespace: $ns, name: "copy") { id } }', (ns) => ({ ns })),
  },
  {
    name: 'governance',
    access: 'read',
    namespaced: true,
    run: graphql('query($n: NodeRef!) { governance(node: $n) { id } }', (ns) => ({ n: fieldRef(ns) })),
  },
  {
    name: 'classificationFlow',
    access: 'read',
    namespaced: true,
    run: graphql(
      'query($f: NodeRef!) { classificationFlow(classification: "PII", from: $f) { totalFields } }',
      (ns) => ({ f: fieldRef(ns) }),
    ),
  },
  {
    name: 'recentRuns',
    access: 'read',
    namespaced: true,
    run: graphql('query($ns: String!) { recentRuns(namespace: $ns) { id } }', (ns) => ({ ns })),
  },
  // Reads that name no namespace: open to every role, filtered (checked in security-namespaces).
  { name: 'nodeTags', access: 'open', namespaced: false, run: graphql('{ nodeTags(ids: ["dataset:x:y"]) { id } }') },
  { name: 'search', access: 'open', namespaced: false, run: graphql('{ search(text: "dst") { items { id } } }') },
  { name: 'namespaces', access: 'open', namespaced: false, run: graphql('{ namespaces { name } }') },
  { name: 'run', access: 'open', namespaced: false, run: graphql(`{ run(id: "${randomUUID()}") { id } }`) },
  { name: 'glossaryTerms', access: 'open', namespaced: false, run: graphql('{ glossaryTerms { name } }') },
  { name: 'me', access: 'open', namespaced: false, run: graphql('{ me { name } }') },
  { name: 'serverInfo', access: 'open', namespaced: false, run: graphql('{ serverInfo { version } }') },
  // Governance changes: steward (or admin) of the node's namespace.
  {
    name: 'setDescription',
    access: 'steward',
    namespaced: true,
    run: graphql('mutation($n: NodeRef!) { setDescription(node: $n, description: "d") { id } }', (ns) => ({
      n: ref(ns),
    })),
  },
  {
    name: 'setOwners',
    access: 'steward',
    namespaced: true,
    run: graphql('mutation($n: NodeRef!) { setOwners(node: $n, owners: [{name: "team:x"}]) { id } }', (ns) => ({
      n: ref(ns),
    })),
  },
  {
    name: 'setTags',
    access: 'steward',
    namespaced: true,
    run: graphql('mutation($n: NodeRef!) { setTags(node: $n, tags: ["t"]) { id } }', (ns) => ({ n: ref(ns) })),
  },
  {
    name: 'classify',
    access: 'steward',
    namespaced: true,
    run: graphql(
      'mutation($n: NodeRef!) { classify(node: $n, classification: "Confidential", level: 2) { id } }',
      (ns) => ({ n: fieldRef(ns) }),
    ),
  },
  {
    name: 'declassify',
    access: 'steward',
    namespaced: true,
    run: graphql('mutation($n: NodeRef!) { declassify(node: $n, classification: "Confidential") { id } }', (ns) => ({
      n: fieldRef(ns),
    })),
  },
  {
    name: 'blockPropagation',
    access: 'steward',
    namespaced: true,
    run: graphql('mutation($n: NodeRef!) { blockPropagation(field: $n) { id } }', (ns) => ({ n: fieldRef(ns) })),
  },
  {
    name: 'unblockPropagation',
    access: 'steward',
    namespaced: true,
    run: graphql('mutation($n: NodeRef!) { unblockPropagation(field: $n) { id } }', (ns) => ({ n: fieldRef(ns) })),
  },
  {
    name: 'assignGlossaryTerm',
    access: 'steward',
    namespaced: true,
    run: graphql('mutation($n: NodeRef!) { assignGlossaryTerm(node: $n, term: "matrix-term") { id } }', (ns) => ({
      n: ref(ns),
    })),
  },
  {
    name: 'unassignGlossaryTerm',
    access: 'steward',
    namespaced: true,
    run: graphql('mutation($n: NodeRef!) { unassignGlossaryTerm(node: $n, term: "matrix-term") { id } }', (ns) => ({
      n: ref(ns),
    })),
  },
  {
    name: 'upsertGlossaryTerm',
    access: 'stewardAnywhere',
    namespaced: false,
    run: graphql('mutation { upsertGlossaryTerm(name: "matrix-term", definition: "used by the matrix") { name } }'),
  },
  // Tokens and the audit log: admins on * only.
  { name: 'apiTokens', access: 'globalAdmin', namespaced: false, run: graphql('{ apiTokens { id } }') },
  { name: 'auditLog', access: 'globalAdmin', namespaced: false, run: graphql('{ auditLog(first: 1) { id } }') },
  {
    name: 'verifyAuditLog',
    access: 'globalAdmin',
    namespaced: false,
    run: graphql('{ verifyAuditLog { checkedEntries } }'),
  },
  {
    name: 'createApiToken',
    access: 'globalAdmin',
    namespaced: false,
    run: graphql(
      'mutation { createApiToken(input: {name: "matrix", bindings: [{role: viewer, namespace: "x"}], expiresIn: "1h"}) { token } }',
    ),
  },
  {
    name: 'revokeApiToken',
    access: 'globalAdmin',
    namespaced: false,
    run: async (ctx, token, ns) => {
      const victim = await createToken(ctx.api.url, ctx.admin, {
        name: 'victim',
        role: 'viewer',
        namespace: 'x',
        expiresIn: '1h',
      });
      return graphql(`mutation { revokeApiToken(id: "${victim.id}") { id } }`)(ctx, token, ns);
    },
  },
  // REST routes.
  {
    name: 'POST /api/v1/lineage',
    access: 'produce',
    namespaced: true,
    run: rest(
      'POST',
      () => '/api/v1/lineage',
      (ns) => runEvent(ns, 'posted', 'src', 'posted_out'),
    ),
  },
  { name: 'GET /api/v1/tokens', access: 'globalAdmin', namespaced: false, run: rest('GET', () => '/api/v1/tokens') },
  {
    name: 'GET /api/v1/audit',
    access: 'globalAdmin',
    namespaced: false,
    run: rest('GET', () => '/api/v1/audit?first=1'),
  },
  {
    name: 'GET /api/v1/audit/verify',
    access: 'globalAdmin',
    namespaced: false,
    run: rest('GET', () => '/api/v1/audit/verify'),
  },
  {
    name: 'GET /api/v1/dead-letters',
    access: 'globalAdmin',
    namespaced: false,
    run: rest('GET', () => '/api/v1/dead-letters'),
  },
  {
    name: 'GET /api/v1/auth/session',
    access: 'open',
    namespaced: false,
    run: rest('GET', () => '/api/v1/auth/session'),
  },
];

describe('authorization matrix', () => {
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const A = `mx-a-${suffix}`;
  const B = `mx-b-${suffix}`;
  const admin = newAdminToken();
  const tokens = new Map<Role, string>();
  let api: ApiProcess;

  before(async () => {
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
    for (const ns of [A, B]) {
      const reply = await call(`${api.url}/api/v1/lineage`, { token: admin, body: runEvent(ns, 'copy', 'src', 'dst') });
      assert.equal(reply.status, 201, reply.body);
    }
    const term = await gql(api.url, admin, 'mutation { upsertGlossaryTerm(name: "matrix-term") { name } }');
    assert.equal(term.errors, undefined);
    tokens.set('globalAdmin', admin);
    for (const role of ['viewer', 'producer', 'steward', 'admin'] as const) {
      tokens.set(role, (await createToken(api.url, admin, { name: `matrix-${role}`, role, namespace: `${A}*` })).token);
    }
    const ready = await eventually(async () => {
      const answer = await gql(api.url, admin, 'query($n: NodeRef!) { governance(node: $n) { id } }', {
        n: fieldRef(B),
      });
      return !answer.errors;
    }, 60_000);
    assert.ok(ready, 'both namespaces are written');
  });

  after(async () => {
    await api?.stop();
  });

  it('covers every query and mutation of the schema', async () => {
    const answer = await gql(
      api.url,
      admin,
      '{ q: __type(name: "Query") { fields { name } } m: __type(name: "Mutation") { fields { name } } }',
    );
    const data = answer.data as { q: { fields: Array<{ name: string }> }; m: { fields: Array<{ name: string }> } };
    const fields = [...data.q.fields, ...data.m.fields].map((field) => field.name).sort();
    const covered = new Set(OPERATIONS.map((operation) => operation.name));
    assert.deepEqual(
      fields.filter((name) => !covered.has(name)),
      [],
      'every root field has a row in the matrix (add one for a new query or mutation)',
    );
  });

  it('allows and refuses every operation × role × inside/outside as specified', async () => {
    const failures: string[] = [];
    let cases = 0;
    for (const operation of OPERATIONS) {
      for (const role of ROLES) {
        for (const inside of operation.namespaced ? [true, false] : [true]) {
          const expected = allowed(role, operation.access, inside);
          const outcome = await operation.run({ api, admin }, tokens.get(role)!, inside ? A : B);
          cases += 1;
          if (outcome.ok !== expected || outcome.detail.startsWith('unexpected')) {
            failures.push(
              `${operation.name} as ${role} ${inside ? 'inside' : 'outside'}: expected ${expected ? 'allowed' : 'refused'}, got ${outcome.detail}`,
            );
          }
        }
      }
    }
    console.log(`security matrix: ${cases} cases over ${OPERATIONS.length} operations`);
    assert.deepEqual(failures, []);
  });
});
