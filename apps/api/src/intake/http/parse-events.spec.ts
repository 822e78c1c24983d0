import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IntakeError } from '../intake-error.js';
import { parseBatch, parseSingle } from './parse-events.js';

const refusal = (fn: () => unknown): IntakeError => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof IntakeError);
    return error;
  }
  assert.fail('expected an IntakeError');
};

describe('parseSingle', () => {
  it('parses one JSON value, ignoring a byte order mark', () => {
    assert.deepEqual(parseSingle(Buffer.from('\uFEFF{"a":1}')), { a: 1 });
  });

  it('refuses empty bodies, bad JSON and arrays with 400', () => {
    assert.match(refusal(() => parseSingle(Buffer.from(' \n'))).message, /empty/);
    const bad = refusal(() => parseSingle(Buffer.from('{"a":')));
    assert.equal(bad.status, 400);
    assert.match(bad.message, /not valid JSON/);
    assert.equal(bad.problems[0]?.path, '');
    assert.match(refusal(() => parseSingle(Buffer.from('[]'))).message, /batch/);
  });
});

describe('parseBatch', () => {
  it('reads a JSON array', () => {
    assert.deepEqual(parseBatch(Buffer.from('[{"a":1},{"b":2}]'), 'json'), [
      { index: 0, value: { a: 1 } },
      { index: 1, value: { b: 2 } },
    ]);
  });

  it('reads NDJSON, skipping blank lines, a bad line failing alone', () => {
    const items = parseBatch(Buffer.from('{"a":1}\r\n\n{"a":\n{"a":3}\n'), 'ndjson');
    assert.equal(items.length, 3);
    assert.deepEqual(items[0], { index: 0, value: { a: 1 } });
    assert.ok('error' in (items[1] as object));
    assert.deepEqual(items[2], { index: 2, value: { a: 3 } });
  });

  it('reads NDJSON sent as application/json too', () => {
    assert.equal(parseBatch(Buffer.from('{"a":1}\n{"a":2}'), 'json').length, 2);
  });

  it('refuses an empty batch and an array that does not parse', () => {
    assert.equal(refusal(() => parseBatch(Buffer.from('[]'), 'json')).status, 400);
    assert.equal(refusal(() => parseBatch(Buffer.from(''), 'ndjson')).status, 400);
    assert.match(refusal(() => parseBatch(Buffer.from('[{"a":1},'), 'json')).message, /not valid JSON/);
  });
});
