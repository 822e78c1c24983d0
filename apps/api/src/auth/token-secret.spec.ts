import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateToken, hashToken, looksLikeToken, parseDuration, sameHash } from './token-secret.js';

describe('token secrets', () => {
  it('generates distinct, prefixed, high-entropy tokens', () => {
    const a = generateToken();
    const b = generateToken();
    assert.notEqual(a, b);
    assert.match(a, /^trb_[A-Za-z0-9_-]{43}$/);
    assert.ok(looksLikeToken(a));
  });

  it('hashes deterministically and compares in constant time', () => {
    const token = generateToken();
    assert.equal(hashToken(token), hashToken(token));
    assert.match(hashToken(token), /^[0-9a-f]{64}$/);
    assert.ok(sameHash(hashToken(token), hashToken(token)));
    assert.ok(!sameHash(hashToken(token), hashToken(`${token}x`)));
  });

  it('parses expiry durations', () => {
    assert.equal(parseDuration('30d'), 30 * 86_400_000);
    assert.equal(parseDuration('12h'), 12 * 3_600_000);
    assert.equal(parseDuration('90m'), 90 * 60_000);
    assert.equal(parseDuration('0d'), undefined);
    assert.equal(parseDuration('30 days'), undefined);
    assert.equal(parseDuration('-1d'), undefined);
  });

  it('refuses control characters and absurd lengths before any lookup', () => {
    assert.equal(looksLikeToken('short'), false);
    assert.equal(looksLikeToken(`trb_${'a'.repeat(300)}`), false);
    assert.equal(looksLikeToken(`trb_${'a'.repeat(30)}\n`), false);
  });
});
