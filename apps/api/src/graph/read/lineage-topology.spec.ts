import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextRecheck, stampsToRead } from './lineage-topology.service.js';

// A commit being applied can be partly visible to a reader (read committed):
// the newest clock value's stamps are read again 0.2, 1 and 5 s after the
// copy first read that value.

test('a moved clock reads everything after the copy, and the newest value it knew of again', () => {
  assert.equal(stampsToRead(10, 12, null, 0), 10);
  assert.equal(stampsToRead(10, 12, { since: 9, at: 0, done: 1 }, 0), 9);
  assert.deepEqual(nextRecheck(10, 12, 500, { since: 9, at: 0, done: 2 }), { since: 11, at: 500, done: 0 });
});

test('an unmoved clock reads the newest value again at each delay, then nothing', () => {
  let recheck = nextRecheck(11, 12, 1_000, null);
  const reads: number[] = [];
  for (let now = 1_000; now <= 10_000; now += 50) {
    const since = stampsToRead(12, 12, recheck, now);
    if (since === null) continue;
    assert.equal(since, 11);
    reads.push(now - 1_000);
    recheck = nextRecheck(12, 12, now, recheck);
  }
  assert.deepEqual(reads, [200, 1_000, 5_000]);
  assert.equal(recheck, null);
  assert.equal(stampsToRead(12, 12, null, 20_000), null);
});
