import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeEvent, loadCorpus } from '../corpus/index.js';
import type { RunEvent } from '../types.js';
import { validateEvent } from '../validation/validate-event.js';
import { normalizeEvent } from './normalize-event.js';

// Pure function over in-memory events; the corpus test reads the shared corpus.

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

const facet = { _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s' };

function sparkEvent(): RunEvent {
  return {
    eventType: 'COMPLETE',
    eventTime: '2024-05-01T12:00:00Z',
    producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.20.0/integration/spark',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b' },
    job: { namespace: 'spark', name: 'orders_daily' },
    inputs: [
      {
        namespace: 'postgresql://db',
        name: 'shop.public.orders',
        facets: {
          symlinks: { ...facet, identifiers: [{ namespace: 'S3A://Lake/', name: 'orders', type: 'TABLE' }] },
        },
      },
      { namespace: 'hive://metastore:9083', name: 'default.customers' },
    ],
    outputs: [
      {
        namespace: 's3a://lake',
        name: 'marts/orders_daily',
        facets: {
          columnLineage: {
            ...facet,
            fields: {
              total: {
                inputFields: [{ namespace: 'postgresql://db', name: 'shop.public.orders', field: 'amount' }],
              },
            },
            dataset: [{ namespace: 'postgresql://db', name: 'shop.public.orders', field: 'status' }],
          },
        },
      },
    ],
  };
}

describe('normalizeEvent', () => {
  it('renames inputs, outputs, symlink identifiers and column-lineage inputs, once per identity', () => {
    const input = deepFreeze(sparkEvent());
    const { event, renamed } = normalizeEvent(input);
    assert.equal(event.inputs![0]!.namespace, 'postgres://db:5432');
    assert.equal(event.outputs![0]!.namespace, 's3://lake');
    const symlinks = event.inputs![0]!.facets!.symlinks as { identifiers: { namespace: string }[] };
    assert.equal(symlinks.identifiers[0]!.namespace, 's3://lake');
    const lineage = event.outputs![0]!.facets!.columnLineage as {
      fields: { total: { inputFields: { namespace: string; field: string }[] } };
      dataset: { namespace: string }[];
    };
    assert.equal(lineage.fields.total.inputFields[0]!.namespace, 'postgres://db:5432');
    assert.equal(lineage.fields.total.inputFields[0]!.field, 'amount');
    assert.equal(lineage.dataset[0]!.namespace, 'postgres://db:5432');
    assert.deepEqual(renamed, [
      {
        from: { namespace: 'postgresql://db', name: 'shop.public.orders' },
        to: { namespace: 'postgres://db:5432', name: 'shop.public.orders' },
      },
      { from: { namespace: 'S3A://Lake/', name: 'orders' }, to: { namespace: 's3://lake', name: 'orders' } },
      {
        from: { namespace: 's3a://lake', name: 'marts/orders_daily' },
        to: { namespace: 's3://lake', name: 'marts/orders_daily' },
      },
    ]);
    assert.equal(event.inputs![1], input.inputs![1], 'unchanged datasets are shared, not copied');
    assert.equal(input.inputs![0]!.namespace, 'postgresql://db', 'the input is not modified');
  });

  it('returns the very event when nothing needs renaming', () => {
    const input = deepFreeze({ ...sparkEvent(), inputs: [], outputs: [{ namespace: 's3://lake', name: 'x' }] });
    const result = normalizeEvent(input);
    assert.equal(result.event, input);
    assert.deepEqual(result.renamed, []);
  });

  it('leaves facets the validator found unusable raw', () => {
    const input = deepFreeze(sparkEvent());
    const { event } = normalizeEvent(input, undefined, {
      unusableFacets: new Set(['/outputs/0/facets/columnLineage']),
    });
    assert.equal(event.outputs![0]!.facets!.columnLineage, input.outputs![0]!.facets!.columnLineage);
    assert.equal(event.outputs![0]!.namespace, 's3://lake');
  });

  it('keeps a column called __proto__ as a column', () => {
    const event = JSON.parse(JSON.stringify(sparkEvent()).replace('"total":', '"__proto__":')) as RunEvent;
    const { event: normalized } = normalizeEvent(event);
    const fields = (normalized.outputs![0]!.facets!.columnLineage as { fields: Record<string, unknown> }).fields;
    assert.deepEqual(Object.keys(fields), ['__proto__']);
    assert.equal(Object.getPrototypeOf(fields), Object.prototype);
  });

  it('normalizes the dataset of a DatasetEvent', () => {
    const { event } = normalizeEvent({
      eventTime: '2024-05-01T12:00:00Z',
      producer: 'https://example.com/p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: { namespace: 'mysql://Shop-DB', name: 'shop.orders' },
    });
    assert.deepEqual('dataset' in event && event.dataset, { namespace: 'mysql://shop-db:3306', name: 'shop.orders' });
  });

  it('keeps every corpus event valid, with the same facet verdicts, and is idempotent', () => {
    let renamedEvents = 0;
    for (const item of loadCorpus()) {
      const before = validateEvent(completeEvent(item.event as Record<string, unknown>).event);
      if (!before.ok) continue;
      const once = normalizeEvent(before.event, undefined, { unusableFacets: before.unusableFacets });
      const after = validateEvent(once.event);
      assert.ok(after.ok, `${item.entry.file}#${item.index}`);
      assert.deepEqual([...after.unusableFacets], [...before.unusableFacets]);
      assert.deepEqual(normalizeEvent(once.event).renamed, [], 'a second pass renames nothing');
      if (once.renamed.length > 0) renamedEvents++;
    }
    assert.ok(renamedEvents > 0);
  });
});
