import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_PLAIN_ID_LENGTH, datasetId, fieldId, jobId, namespaceId, versionId } from './graph-ids.js';

const DIGEST = /^(namespace|dataset|job|field)#sha256:[0-9a-f]{64}$/;

describe('graph ids', () => {
  it('keeps the plain Marquez form for ordinary names, as graphs already hold them', () => {
    assert.equal(
      datasetId('postgres://db:5432', 'shop.public.orders'),
      'dataset:postgres://db:5432:shop.public.orders',
    );
    assert.equal(jobId('airflow', 'dag.task'), 'job:airflow:dag.task');
    assert.equal(fieldId('pg', 'orders', 'address.city'), 'field:pg:orders:address.city');
    assert.equal(namespaceId('postgres://db:5432'), 'postgres://db:5432');
    assert.equal(versionId('dataset:pg:orders', 'abc'), 'dataset:pg:orders@abc');
  });

  it('digests ids that would pass the bound, for every part that can be long', () => {
    const long = 'x'.repeat(10_000);
    for (const id of [
      datasetId(long, 't'),
      datasetId('ns', long),
      jobId(long, 'j'),
      jobId('ns', long),
      fieldId(long, 't', 'c'),
      fieldId('ns', long, 'c'),
      fieldId('ns', 't', long),
      namespaceId(long),
    ]) {
      assert.match(id, DIGEST);
      assert.ok(id.length <= MAX_PLAIN_ID_LENGTH);
    }
    assert.ok(Buffer.byteLength(versionId(datasetId('ns', long), 'f'.repeat(64))) < 8_000);
  });

  it('switches form exactly at the bound', () => {
    const name = (idLength: number) => 'n'.repeat(idLength - 'dataset:ns:'.length);
    assert.equal(datasetId('ns', name(MAX_PLAIN_ID_LENGTH)).length, MAX_PLAIN_ID_LENGTH);
    assert.match(datasetId('ns', name(MAX_PLAIN_ID_LENGTH + 1)), DIGEST);
  });

  it('is deterministic and keeps identities apart where the plain form would not', () => {
    const long = 'y'.repeat(2_000);
    assert.equal(datasetId('ns', long), datasetId('ns', long));
    // `dataset:a:b:c` is ambiguous in plain form; the digest keeps the parts apart.
    assert.notEqual(datasetId(`a:${long}`, 'c'), datasetId('a', `${long}:c`));
    assert.notEqual(datasetId(`a\u0000${long}`, 'c'), datasetId('a', `${long}\u0000c`));
    assert.notEqual(fieldId('ns', long, 'a.b'), fieldId('ns', `${long}.a`, 'b'));
    assert.notEqual(datasetId('ns', long), jobId('ns', long), 'kinds never share an id');
    assert.notEqual(datasetId('ns', long), datasetId('ns', `${long} `));
  });

  it('never lets a short namespace pose as a digest', () => {
    const long = namespaceId('z'.repeat(5_000));
    assert.notEqual(namespaceId(long), long);
    assert.match(namespaceId(long), DIGEST);
  });
});
