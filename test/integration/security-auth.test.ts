// Real parts: the built API process (auth on) and the Neo4j that `npm test` started.
// Covers issue 8 item 6: 401 without detail, revoked/expired tokens, path
// tricks, sign-in rate limit, the loopback rule, and no secrets in logs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startApi, type ApiProcess } from '../support/api-process.js';
import { call, createToken, gql, newAdminToken, rawRequest } from '../support/auth.js';

const UNAUTHORIZED = '{"error":"unauthorized"}';

function runEvent(namespace: string): Record<string, unknown> {
  return {
    eventType: 'COMPLETE',
    eventTime: new Date().toISOString(),
    run: { runId: randomUUID() },
    job: { namespace, name: 'job' },
    inputs: [],
    outputs: [{ namespace, name: 'out' }],
    producer: 'https://example.com/security-test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  };
}

async function acceptedCount(api: ApiProcess, admin: string): Promise<number> {
  const reply = await call(`${api.url}/metrics`, { token: admin });
  const match = /^tributary_intake_events_accepted_total(?:\{[^}]*\})? (\d+)/m.exec(reply.body);
  assert.ok(match, `the intake exposes its accepted counter: ${reply.status} ${reply.body.slice(0, 200)}`);
  return Number(match[1]);
}

describe('authentication (TRIBUTARY_AUTH on)', () => {
  const admin = newAdminToken();
  const secrets: string[] = [admin];
  let api: ApiProcess;
  before(async () => {
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin, LOG_LEVEL: 'debug' });
  });
  after(async () => {
    await api?.stop();
  });

  it('answers 401 with the same body for missing, malformed, wrong, revoked and expired credentials', async () => {
    const revoked = await createToken(api.url, admin, { name: 'to-revoke', role: 'viewer', namespace: '*' });
    const expiring = await createToken(api.url, admin, {
      name: 'short-lived',
      role: 'viewer',
      namespace: '*',
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    secrets.push(revoked.token, expiring.token);
    // Both work before.
    assert.equal((await call(`${api.url}/api/v1/auth/session`, { token: revoked.token })).status, 200);
    assert.equal((await call(`${api.url}/api/v1/auth/session`, { token: expiring.token })).status, 200);
    assert.equal(
      (await call(`${api.url}/api/v1/tokens/${revoked.id}`, { method: 'DELETE', token: admin })).status,
      200,
    );
    await new Promise((resolve) => setTimeout(resolve, 1600));

    const cases: Array<[string, Record<string, string>]> = [
      ['missing', {}],
      ['empty bearer', { authorization: 'Bearer ' }],
      ['basic scheme', { authorization: `Basic ${Buffer.from('neo4j:tributary-dev').toString('base64')}` }],
      ['two tokens', { authorization: `Bearer ${admin} ${admin}` }],
      ['wrong token', { authorization: `Bearer trb_${'A'.repeat(43)}` }],
      ['admin token with a suffix', { authorization: `Bearer ${admin}x` }],
      ['revoked token (at once)', { authorization: `Bearer ${revoked.token}` }],
      ['expired token', { authorization: `Bearer ${expiring.token}` }],
      ['wrong cookie', { cookie: `tributary_session=trb_${'B'.repeat(43)}` }],
      ['control characters', { authorization: 'Bearer trb_\u0001\u0002' }],
    ];
    for (const [label, headers] of cases) {
      for (const [method, path] of [
        ['GET', '/api/v1/tokens'],
        ['GET', '/api/v1/auth/session'],
        ['GET', '/api/v1/dead-letters'],
        ['GET', '/metrics'],
        ['POST', '/api/v1/lineage'],
        ['POST', '/graphql'],
      ] as const) {
        let reply;
        try {
          reply = await rawRequest(
            api.port,
            method,
            path,
            { ...headers, 'content-type': 'application/json' },
            method === 'POST'
              ? JSON.stringify(path === '/graphql' ? { query: '{ __typename }' } : runEvent('x'))
              : undefined,
          );
        } catch (error) {
          // Node refuses to send some header values at all; that is not a bypass.
          assert.equal(label, 'control characters', String(error));
          continue;
        }
        assert.equal(reply.status, 401, `${label}: ${method} ${path} → ${reply.status} ${reply.body}`);
        assert.equal(
          JSON.parse(reply.body).error,
          'unauthorized',
          `${label}: ${method} ${path} says no more than "unauthorized"`,
        );
      }
    }
    assert.equal((await call(`${api.url}/api/v1/tokens`, {})).body, UNAUTHORIZED);
  });

  it('keeps /health public and everything else closed, whatever the spelling of the path', async () => {
    assert.equal((await call(`${api.url}/health`)).status, 200);
    const before = await acceptedCount(api, admin);
    const event = JSON.stringify(runEvent(`trick-${randomUUID()}`));
    const tricks = [
      '/api/v1/lineage',
      '/api/v1/lineage/',
      '/API/V1/LINEAGE',
      '/Api/v1/Lineage/',
      '/api/v1/lineage;/health',
      '/api/v1/lineage/;/health',
      '/health/../api/v1/lineage',
      '/health/%2e%2e/api/v1/lineage',
      '/health%2f..%2fapi/v1/lineage',
      '/%2e/api/v1/lineage',
      '/api/v1/%2e%2e/v1/lineage',
      '//api/v1/lineage',
      '/api/v1/lineage?/health',
      '/api/v1/lineage#/health',
      '/api/v1/lineage/batch',
      '/API/v1/lineage/BATCH/',
      '/api/v1/auth/session/../../lineage',
    ];
    for (const path of tricks) {
      const reply = await rawRequest(api.port, 'POST', path, { 'content-type': 'application/json' }, event);
      assert.ok(
        reply.status === 401 || reply.status === 404 || reply.status === 400,
        `POST ${path} must not get through: ${reply.status} ${reply.body}`,
      );
    }
    for (const path of ['/graphql', '/graphql/', '/GRAPHQL', '/graphql?x=/health', '//graphql']) {
      const reply = await rawRequest(
        api.port,
        'POST',
        path,
        { 'content-type': 'application/json' },
        JSON.stringify({ query: '{ __schema { types { name } } }' }),
      );
      assert.ok(reply.status === 401 || reply.status === 404, `POST ${path}: ${reply.status} ${reply.body}`);
      assert.ok(!reply.body.includes('__Schema') && !reply.body.includes('"types"'), `${path} leaks no schema`);
    }
    for (const path of [
      '/api/v1/tokens/',
      '/API/V1/TOKENS',
      '/api/v1/tokens;/health',
      '/health/../api/v1/tokens',
      '/api/v1/audit/',
    ]) {
      const reply = await rawRequest(api.port, 'GET', path);
      assert.ok(reply.status === 401 || reply.status === 404, `GET ${path}: ${reply.status} ${reply.body}`);
      assert.ok(!reply.body.includes('bindings'), `GET ${path} leaks nothing`);
    }
    assert.equal(await acceptedCount(api, admin), before, 'no event was accepted through any trick');
  });

  it('lets a valid token in through the header and through the session cookie', async () => {
    const viewer = await createToken(api.url, admin, { name: 'viewer', role: 'viewer', namespace: 'team-*' });
    secrets.push(viewer.token);
    const who = await call(`${api.url}/api/v1/auth/session`, { token: viewer.token });
    assert.equal(who.status, 200);
    assert.deepEqual(JSON.parse(who.body).bindings, [{ role: 'viewer', namespace: 'team-*' }]);

    const signIn = await call(`${api.url}/api/v1/auth/session`, { body: { token: viewer.token } });
    assert.equal(signIn.status, 200);
    const cookie = String(signIn.headers['set-cookie']);
    assert.match(cookie, /^tributary_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const session = cookie.split(';')[0] ?? '';
    const viaCookie = await call(`${api.url}/api/v1/auth/session`, { headers: { cookie: session } });
    assert.equal(viaCookie.status, 200);
    const graph = await gql(api.url, undefined, '{ __typename }');
    assert.equal(graph.status, 401, 'no cookie, no GraphQL');
    const graphWithCookie = await call(`${api.url}/graphql`, {
      headers: { cookie: session },
      body: { query: '{ __typename }' },
    });
    assert.equal(graphWithCookie.status, 200, graphWithCookie.body);

    const signOut = await call(`${api.url}/api/v1/auth/session`, { method: 'DELETE' });
    assert.equal(signOut.status, 204);
    assert.match(String(signOut.headers['set-cookie']), /Max-Age=0/);

    const wrong = await call(`${api.url}/api/v1/auth/session`, { body: { token: 'trb_nope_nope_nope_nope_nope' } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body, UNAUTHORIZED);
    assert.equal(wrong.headers['set-cookie'], undefined);
  });

  it('refuses token administration to anyone but an admin on *', async () => {
    const nsAdmin = await createToken(api.url, admin, { name: 'ns-admin', role: 'admin', namespace: 'team-*' });
    secrets.push(nsAdmin.token);
    for (const [method, path] of [
      ['GET', '/api/v1/tokens'],
      ['POST', '/api/v1/tokens'],
      ['DELETE', `/api/v1/tokens/${nsAdmin.id}`],
      ['GET', '/api/v1/audit'],
    ] as const) {
      const reply = await call(`${api.url}${path}`, {
        method,
        token: nsAdmin.token,
        ...(method === 'POST' ? { body: { name: 'x', role: 'admin', namespace: '*' } } : {}),
      });
      assert.equal(reply.status, 403, `${method} ${path}: ${reply.body}`);
    }
    const listed = JSON.parse((await call(`${api.url}/api/v1/tokens`, { token: admin })).body) as {
      tokens: Array<Record<string, unknown>>;
    };
    assert.ok(listed.tokens.some((token) => token.id === nsAdmin.id));
    assert.ok(
      listed.tokens.every((token) => !('token' in token) && !('hash' in token)),
      'a listing never shows a secret or its hash',
    );
  });

  it('validates token requests with clear 400s', async () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ role: 'viewer', namespace: '*' }, /name is required/],
      [{ name: 'x', role: 'root', namespace: '*' }, /role must be one of/],
      [{ name: 'x', role: 'viewer', namespace: '' }, /namespace/],
      [{ name: 'x', role: 'viewer', namespace: '*', expiresIn: 'forever' }, /expiresIn/],
      [{ name: 'x', role: 'viewer', namespace: '*', expiresAt: '2001-01-01T00:00:00Z' }, /future/],
      [{ name: 'x', bindings: 'viewer' }, /bindings/],
    ];
    for (const [body, message] of bad) {
      const reply = await call(`${api.url}/api/v1/tokens`, { token: admin, body });
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.match(JSON.parse(reply.body).error, message);
    }
    const notJson = await call(`${api.url}/api/v1/tokens`, { token: admin, body: '{not json' });
    assert.equal(notJson.status, 400);
    const unknown = await call(`${api.url}/api/v1/tokens/${randomUUID()}`, { method: 'DELETE', token: admin });
    assert.equal(unknown.status, 404);
  });

  it('records token actions in the audit log, without secrets', async () => {
    const made = await createToken(api.url, admin, { name: 'audited', role: 'producer', namespace: 'audit-*' });
    secrets.push(made.token);
    await call(`${api.url}/api/v1/tokens/${made.id}`, { method: 'DELETE', token: admin });
    const reply = await call(`${api.url}/api/v1/audit?targetId=${made.id}`, { token: admin });
    assert.equal(reply.status, 200);
    const entries = (JSON.parse(reply.body) as { entries: Array<Record<string, unknown>> }).entries;
    assert.deepEqual(
      entries.map((entry) => entry.action),
      ['token.revoke', 'token.create'],
    );
    assert.equal(entries[0]?.actorName, 'TRIBUTARY_ADMIN_TOKEN');
    assert.ok(!reply.body.includes(made.token));
  });

  it('never writes a token or secret to its output', () => {
    const output = api.output();
    assert.ok(output.length > 0, 'debug logging produced output');
    for (const secret of secrets) assert.ok(!output.includes(secret), 'a secret appeared in the logs');
    assert.ok(!output.includes('tributary-dev'), 'the Neo4j password never appears');
  });
});

describe('sign-in rate limit', () => {
  let api: ApiProcess;
  after(async () => {
    await api?.stop();
  });

  it('answers 429 with Retry-After once the attempts per minute are used up, even for a right token', async () => {
    const admin = newAdminToken();
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin, TRIBUTARY_SIGNIN_RATE_LIMIT: '3' });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const reply = await call(`${api.url}/api/v1/auth/session`, {
        body: { token: `trb_guess_${attempt}_xxxxxxxxxxxx` },
      });
      assert.equal(reply.status, 401);
    }
    const limited = await call(`${api.url}/api/v1/auth/session`, { body: { token: admin } });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal(limited.headers['set-cookie'], undefined);
    // Bearer requests are not sign-ins and stay unaffected.
    assert.equal((await call(`${api.url}/api/v1/auth/session`, { token: admin })).status, 200);
  });
});

describe('TRIBUTARY_AUTH=off', () => {
  it('is refused at start-up on a non-loopback address', async () => {
    await assert.rejects(
      startApi({ TRIBUTARY_AUTH: 'off', HOST: '0.0.0.0' }),
      (error: Error) => /exited with 2/.test(error.message) && /TRIBUTARY_AUTH/.test(error.message),
    );
  });

  it('serves everything without a token on loopback', async () => {
    const api = await startApi({ TRIBUTARY_AUTH: 'off' });
    try {
      assert.equal((await gql(api.url, undefined, '{ __typename }')).status, 200);
      assert.equal((await call(`${api.url}/api/v1/tokens`)).status, 200);
    } finally {
      await api.stop();
    }
  });
});
