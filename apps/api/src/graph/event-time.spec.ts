import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeKey } from './event-time.js';

describe('timeKey', () => {
  it('orders instants, not strings: offsets are applied', () => {
    assert.equal(timeKey('2024-01-01T01:00:00+02:00'), '2023-12-31T23:00:00.000000000Z');
    assert.ok(timeKey('2024-01-01T00:30:00+01:00') < timeKey('2024-01-01T00:00:00Z'));
  });

  it('keeps nanoseconds that Date would drop', () => {
    assert.equal(timeKey('2024-05-01T12:00:00.123456789Z'), '2024-05-01T12:00:00.123456789Z');
    assert.ok(timeKey('2024-05-01T12:00:00.000000002Z') > timeKey('2024-05-01T12:00:00.000000001Z'));
  });

  it('pads short fractions and reads offsets without a colon', () => {
    assert.equal(timeKey('2024-05-01T12:00:00.5+0000'), '2024-05-01T12:00:00.500000000Z');
  });

  it('refuses what is not a time', () => {
    assert.throws(() => timeKey('yesterday'), /not an RFC 3339 time/);
  });
});
