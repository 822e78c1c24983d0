import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { airbyteTime, isoDurationMs, runIdFor, runState } from './airbyte-events.js';

describe('Airbyte job → run', () => {
  it('maps job statuses onto run states', () => {
    assert.deepEqual(runState('succeeded'), { started: true, terminal: 'COMPLETE' });
    assert.deepEqual(runState('failed'), { started: true, terminal: 'FAIL' });
    assert.deepEqual(runState('cancelled'), { started: true, terminal: 'ABORT' });
    assert.deepEqual(runState('running'), { started: true });
    assert.deepEqual(runState('incomplete'), { started: true });
    assert.deepEqual(runState('pending'), { started: false });
    assert.deepEqual(runState('queued'), { started: false });
  });

  it('derives one stable UUID per Airbyte instance, connection and job', () => {
    const a = runIdFor('https://api.airbyte.com/v1', 'c1', 42);
    assert.equal(a, runIdFor('https://api.airbyte.com/v1', 'c1', 42));
    assert.notEqual(a, runIdFor('https://api.airbyte.com/v1', 'c1', 43));
    assert.notEqual(a, runIdFor('http://other:8000/api/public/v1', 'c1', 42));
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reads Airbyte times and ISO 8601 durations', () => {
    assert.equal(airbyteTime('2023-03-25 01:30:50+00:00'), '2023-03-25T01:30:50.000Z');
    assert.equal(airbyteTime('2023-03-25T01:30:50Z'), '2023-03-25T01:30:50.000Z');
    assert.equal(airbyteTime(1687450500000), '2023-06-22T16:15:00.000Z');
    assert.equal(airbyteTime('1687450500'), '2023-06-22T16:15:00.000Z');
    assert.equal(airbyteTime('yesterday'), undefined);
    assert.equal(isoDurationMs('PT8H6M12S'), (8 * 3600 + 6 * 60 + 12) * 1000);
    assert.equal(isoDurationMs('P1DT1.5S'), 86_401_500);
    assert.equal(isoDurationMs('8 hours'), undefined);
  });
});
