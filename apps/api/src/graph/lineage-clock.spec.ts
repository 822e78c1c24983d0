import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunEvent } from '@tributary/openlineage';
import type { AcceptedEvent } from './accepted-event.js';
import { aggregate } from './batch-aggregate.js';
import { planWrites } from './batch-plan.js';
import { eventFacts } from './event-facts.js';
import { detailsTouched, LineageClockRepository, topologyTouched } from './lineage-clock.js';

const P = { _producer: 'https://example.com/p', _schemaURL: 'https://example.com/s' };

function planOf(event: Partial<RunEvent>) {
  const full: RunEvent = {
    eventType: 'COMPLETE',
    eventTime: '2025-01-01T00:00:00Z',
    producer: 'https://example.com/p',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '01940000-0000-7000-8000-000000000001' },
    job: { namespace: 'etl', name: 'load' },
    ...event,
  };
  return planFor(full, 'RunEvent');
}

function planFor(event: AcceptedEvent['event'], kind: AcceptedEvent['kind']) {
  const facts = eventFacts({ event, kind, unusableFacets: [], renamed: [], receivedAt: '' });
  const empty = { datasets: new Map(), jobs: new Map(), runs: new Map(), columnLineage: new Map() };
  return planWrites(aggregate([facts]), empty, { datasets: new Map(), jobs: new Map(), runs: new Map() });
}

describe('lineage clock', () => {
  it('stamps the job whose edges a batch writes and both ends of a new symlink', () => {
    const plan = planOf({
      inputs: [{ namespace: 'db', name: 'src' }],
      outputs: [
        {
          namespace: 's3://bucket',
          name: 'orders',
          facets: { symlinks: { ...P, identifiers: [{ namespace: 'hive://m', name: 'db.orders', type: 'TABLE' }] } },
        },
      ],
    });
    const touched = topologyTouched(plan);
    assert.deepEqual(touched.jobIds, ['job:etl:load']);
    assert.deepEqual(touched.columnJobIds, [], 'no column lineage, no column stamp');
    assert.deepEqual(touched.datasetIds.sort(), ['dataset:hive://m:db.orders', 'dataset:s3://bucket:orders']);
    const parts = new LineageClockRepository().writes(plan);
    assert.deepEqual(
      parts.map((part) => part.name),
      [
        'clockBump',
        'stampJobs',
        'stampColumnJobs',
        'stampDatasets',
        'stampDatasetDetails',
        'stampJobDetails',
        'stampRunDetails',
      ],
    );
  });

  it('stamps the details of every dataset and job a run writes, and its run when it succeeds', () => {
    const plan = planOf({
      inputs: [{ namespace: 'db', name: 'src' }],
      outputs: [{ namespace: 'db', name: 'dst', facets: { ownership: { ...P, owners: [{ name: 'team:a' }] } } }],
    });
    const touched = detailsTouched(plan);
    assert.deepEqual(touched.datasetIds.sort(), ['dataset:db:dst', 'dataset:db:src']);
    assert.deepEqual(touched.jobIds, ['job:etl:load']);
    // COMPLETE: the job's and dst's last success move, found from the run in Cypher.
    assert.deepEqual(touched.runIds, ['01940000-0000-7000-8000-000000000001']);
    const started = detailsTouched(planOf({ eventType: 'START', outputs: [{ namespace: 'db', name: 'dst' }] }));
    assert.deepEqual(started.runIds, [], 'no success, no run stamp');
  });

  it('stamps a job for column copies only when the batch writes its column lineage', () => {
    const plan = planOf({
      inputs: [{ namespace: 'db', name: 'src' }],
      outputs: [
        {
          namespace: 'db',
          name: 'dst',
          facets: {
            columnLineage: {
              ...P,
              fields: { id: { inputFields: [{ namespace: 'db', name: 'src', field: 'id' }] } },
            },
          },
        },
      ],
    });
    assert.ok(plan.feeds.length > 0);
    assert.deepEqual(topologyTouched(plan).columnJobIds, ['job:etl:load']);
    const stamp = new LineageClockRepository().writes(plan).find((part) => part.name === 'stampColumnJobs');
    assert.deepEqual(stamp?.rows, ['job:etl:load']);
  });

  it('stamps only the details of a dataset a DatasetEvent writes (no lineage, no symlinks)', () => {
    const event = {
      eventTime: '2025-01-01T00:00:00Z',
      producer: 'https://example.com/p',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: { namespace: 'db', name: 'orders', facets: { documentation: { ...P, description: 'Orders' } } },
    };
    const plan = planFor(event, 'DatasetEvent');
    assert.equal(plan.datasets.length, 1, 'the dataset itself is written');
    const stamps = new LineageClockRepository()
      .writes(plan)
      .filter((part) => part.rows.length > 0)
      .map((part) => [part.name, part.rows]);
    assert.deepEqual(stamps, [
      ['clockBump', [{ clock: 'lineage' }]],
      ['stampDatasetDetails', ['dataset:db:orders']],
    ]);
  });

  it('leaves the clock alone when a batch writes nothing a copy holds', () => {
    const plan = planOf({ job: { namespace: 'etl', name: 'load' } });
    plan.jobs = [];
    plan.jobsToRefresh = [];
    plan.successes = [];
    assert.deepEqual(new LineageClockRepository().writes(plan), []);
  });
});
