import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidPattern, matchesNamespace } from './namespace-pattern.js';

describe('matchesNamespace', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*', 'anything://at-all:1', true],
    ['postgres://sales-*', 'postgres://sales-eu:5432', true],
    ['postgres://sales-*', 'postgres://salesx', false],
    ['postgres://sales-*', 'postgres://marketing', false],
    ['postgres://sales-*', 'mysql://postgres://sales-x', false],
    ['s3://bucket', 's3://bucket', true],
    ['s3://bucket', 's3://bucket-2', false],
    ['s3://bucket', 'S3://BUCKET', false],
    ['team-?', 'team-a', true],
    ['team-?', 'team-ab', false],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
    ['*-prod', 'kafka://events-prod', true],
    ['**', 'x', true],
  ];
  for (const [pattern, namespace, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${namespace}`, () => {
      assert.equal(matchesNamespace(pattern, namespace), expected);
    });
  }

  it('refuses empty and control-character patterns', () => {
    assert.equal(isValidPattern(''), false);
    assert.equal(isValidPattern('a\u0000'), false);
    assert.equal(isValidPattern('postgres://x-*'), true);
  });
});
