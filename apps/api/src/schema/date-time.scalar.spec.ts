import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphQLISODateTime } from '@nestjs/graphql';
import { Kind } from 'graphql';
import { DateTime } from './date-time.scalar.js';

test("DateTime writes and reads what Nest's GraphQLISODateTime does, remembered or not", () => {
  const times = [0, 1_767_225_600_123, -62_135_596_800_000, 8_640_000_000_000_000];
  for (const time of times) {
    for (let round = 0; round < 2; round++) {
      assert.equal(DateTime.serialize(new Date(time)), GraphQLISODateTime.serialize(new Date(time)));
    }
  }
  assert.equal(DateTime.serialize('2026-01-01T00:00:00Z'), null);
  assert.throws(() => DateTime.serialize(new Date(Number.NaN)), RangeError);
  assert.throws(() => DateTime.serialize(new Date(Number.NaN)), RangeError);
  assert.deepEqual(DateTime.parseValue('2026-01-01T00:00:00+02:00'), new Date('2025-12-31T22:00:00.000Z'));
  assert.deepEqual(
    DateTime.parseLiteral({ kind: Kind.STRING, value: '2026-01-01T00:00:00Z' }, undefined),
    new Date('2026-01-01T00:00:00.000Z'),
  );
  assert.equal(DateTime.name, GraphQLISODateTime.name);
  assert.equal(DateTime.description, GraphQLISODateTime.description);
});
