import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextRecheck, stampsToRead } from './lineage-topology.service.js';

// A commit being applied can be partly visible to a reader (read committed):
// the newest clock value's stamps are read once more when settled.

test('a moved clock reads everything after the copy, and the newest value it knew of again', () => {
  assert.equal(stampsToRead(10, 12, null, 0), 10);
  assert.equal(stampsToRead(10, 12, { since: 9, at: 0 }, 0), 9);
  assert.deepEqual(nextRecheck(10, 12, 500), { since: 11, at: 500 });
});

test('an unmoved clock reads the newest value again only once it has settled, then nothing', () => {
  const recheck = { since: 11, at: 1_000 };
  assert.equal(stampsToRead(12, 12, recheck, 1_050), null, 'too soon: the commit may still be applying');
  assert.equal(stampsToRead(12, 12, recheck, 1_200), 11);
  assert.equal(nextRecheck(12, 12, 1_200), null);
  assert.equal(stampsToRead(12, 12, null, 5_000), null);
});
