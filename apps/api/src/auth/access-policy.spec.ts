import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccessPolicy } from './access-policy.js';
import type { Principal, RoleBinding } from './principal.js';

const policy = new AccessPolicy();
const principal = (...bindings: RoleBinding[]): Principal => ({ kind: 'token', id: 't', name: 't', bindings });

describe('AccessPolicy', () => {
  const viewerA = principal({ role: 'viewer', namespace: 'ns-a*' });
  const producerA = principal({ role: 'producer', namespace: 'ns-a*' });
  const stewardA = principal({ role: 'steward', namespace: 'ns-a*' });
  const adminA = principal({ role: 'admin', namespace: 'ns-a*' });
  const admin = principal({ role: 'admin', namespace: '*' });

  it('reads: every role reads inside its pattern, nobody outside', () => {
    for (const p of [viewerA, producerA, stewardA, adminA]) {
      assert.equal(policy.canRead(p, 'ns-a1'), true);
      assert.equal(policy.canRead(p, 'ns-b'), false);
    }
    assert.equal(policy.canRead(admin, 'ns-b'), true);
  });

  it('stewardship: steward and admin only', () => {
    assert.equal(policy.canSteward(viewerA, 'ns-a1'), false);
    assert.equal(policy.canSteward(producerA, 'ns-a1'), false);
    assert.equal(policy.canSteward(stewardA, 'ns-a1'), true);
    assert.equal(policy.canSteward(stewardA, 'ns-b'), false);
    assert.equal(policy.canSteward(adminA, 'ns-a1'), true);
  });

  it('produce: the job and every output must be inside, inputs may be anywhere', () => {
    assert.deepEqual(policy.canProduce(producerA, { job: { namespace: 'ns-a' }, outputs: [{ namespace: 'ns-a2' }] }), {
      allowed: true,
    });
    assert.deepEqual(policy.canProduce(producerA, { job: { namespace: 'ns-b' }, outputs: [] }), {
      allowed: false,
      deniedNamespaces: ['ns-b'],
    });
    assert.deepEqual(policy.canProduce(producerA, { job: { namespace: 'ns-a' }, outputs: [{ namespace: 'ns-b' }] }), {
      allowed: false,
      deniedNamespaces: ['ns-b'],
    });
    assert.deepEqual(policy.canProduce(producerA, { dataset: { namespace: 'ns-c' } }), {
      allowed: false,
      deniedNamespaces: ['ns-c'],
    });
    assert.equal(policy.canProduce(viewerA, { job: { namespace: 'ns-a' } }).allowed, false);
    assert.equal(policy.canProduce(stewardA, { job: { namespace: 'ns-a' } }).allowed, false);
    assert.equal(policy.canProduce(adminA, { job: { namespace: 'ns-a' } }).allowed, true);
  });

  it('global admin needs admin on *', () => {
    assert.equal(policy.isGlobalAdmin(adminA), false);
    assert.equal(policy.isGlobalAdmin(admin), true);
  });
});
