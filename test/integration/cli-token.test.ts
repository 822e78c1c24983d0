// Real parts: the built `tributary` bin as a process, the built API process with
// access control on (bootstrap admin from TRIBUTARY_ADMIN_TOKEN) and the test Neo4j.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type ApiProcess, startApi } from '../support/api-process.js';
import { runCli } from '../support/cli.js';
import { runEvent, uniqueNamespace } from '../support/intake.js';

describe('tributary token create|list|revoke', () => {
  let api: ApiProcess;
  const admin = `admin-${randomBytes(16).toString('hex')}`;
  const allowed = uniqueNamespace('cli-token-a');
  const other = uniqueNamespace('cli-token-b');
  // Tokens live in the shared graph: a unique name tells this run's apart.
  const name = `ci-producer-${randomBytes(4).toString('hex')}`;

  before(async () => {
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
  });
  after(() => api.stop());

  const asAdmin = (args: string[]) => runCli(args, { TRIBUTARY_URL: api.url, TRIBUTARY_TOKEN: admin });
  const emitAs = (token: string, namespace: string) =>
    runCli(
      ['emit', '-', '-q'],
      { TRIBUTARY_URL: api.url, TRIBUTARY_TOKEN: token },
      JSON.stringify(runEvent({ namespace, job: 'load', outputs: ['orders'] })),
    );

  it('creates a producer token that posts in its namespaces only, lists it without its secret, and revokes it at once', async () => {
    const created = await asAdmin([
      'token',
      'create',
      '--name',
      name,
      '--role',
      'producer',
      '--namespace',
      `${allowed}*`,
      '--expires',
      '30d',
      '--format',
      'json',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const body = JSON.parse(created.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['token']);
    const token = String(body.token);
    assert.match(token, /^trb_/);

    assert.equal((await emitAs(token, allowed)).code, 0);
    // Outside its namespaces the intake refuses the event (403 in the batch answer): exit 2, reason shown.
    const outside = await emitAs(token, other);
    assert.equal(outside.code, 2, outside.stderr);
    assert.match(outside.stderr, /event #0: 403/);

    const listed = await asAdmin(['token', 'list', '--format', 'json']);
    assert.equal(listed.code, 0, listed.stderr);
    const mine = (
      JSON.parse(listed.stdout) as { id: string; name: string; bindings: unknown; revokedAt: string | null }[]
    ).find((t) => t.name === name);
    assert.ok(mine, listed.stdout);
    assert.deepEqual(mine.bindings, [{ role: 'producer', namespace: `${allowed}*` }]);
    assert.doesNotMatch(listed.stdout, new RegExp(token));

    const revoked = await asAdmin(['token', 'revoke', mine.id]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stderr, new RegExp(`revoked .* ${name}`));
    const refused = await emitAs(token, allowed);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /401/);
  });

  it('exits 2 with a hint without an admin token, and for bad flags', async () => {
    const anonymous = await runCli(['token', 'list'], { TRIBUTARY_URL: api.url });
    assert.equal(anonymous.code, 2);
    assert.match(anonymous.stderr, /401.*admin token/);
    assert.equal((await asAdmin(['token', 'create', '--name', 'x', '--role', 'king', '--namespace', '*'])).code, 2);
    assert.equal((await asAdmin(['token', 'create', '--name', 'x', '--role', 'viewer'])).code, 2);
    assert.equal(
      (await asAdmin(['token', 'create', '--name', 'x', '--role', 'viewer', '--namespace', '*', '--expires', 'soon']))
        .code,
      2,
    );
    assert.equal((await asAdmin(['token', 'revoke', 'no-such-id'])).code, 2);
  });
});
