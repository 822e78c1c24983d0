// Real parts: normalizeDbt and the lineage walker on a small in-memory manifest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunEvent } from '@tributary/openlineage';
import type { DbtArtifacts, DbtNode } from './artifacts.js';
import { normalizeDbt } from './events.js';
import { modelColumnLineage } from './model-lineage.js';
import { datasetName } from './naming.js';

const node = (id: string, extra: Partial<DbtNode>): DbtNode => ({
  unique_id: id,
  resource_type: 'model',
  name: id.split('.').pop()!,
  package_name: 'shop',
  database: 'db',
  schema: 'main',
  ...extra,
});

const source = node('source.shop.raw.events', { resource_type: 'source', source_name: 'raw', identifier: 'events' });
const ephemeral = node('model.shop.recent', {
  config: { materialized: 'ephemeral' },
  depends_on: { nodes: [source.unique_id] },
  compiled_code: 'select id, kind from "db"."main"."events" where created_at > now()',
});
const daily = node('model.shop.daily', {
  config: { materialized: 'table' },
  depends_on: { nodes: [ephemeral.unique_id] },
  compiled_code:
    'with __dbt__cte__recent as (select id, kind from "db"."main"."events" where created_at > now()) select kind, count(id) as n from __dbt__cte__recent group by kind',
});
const python = node('model.shop.scored', {
  language: 'python',
  depends_on: { nodes: [daily.unique_id] },
  compiled_code: 'def model(dbt, session):\n    return dbt.ref("daily")',
});

const artifacts: DbtArtifacts = {
  manifest: {
    metadata: { invocation_id: '0b8a7c1e-2f3d-4e5a-9b6c-7d8e9f0a1b2c', dbt_version: '1.9.0', adapter_type: 'postgres' },
    nodes: Object.fromEntries([ephemeral, daily, python].map((n) => [n.unique_id, n])),
    sources: { [source.unique_id]: source },
  },
  runResults: {
    metadata: { invocation_id: '0b8a7c1e-2f3d-4e5a-9b6c-7d8e9f0a1b2c', generated_at: '2026-01-01T00:00:10Z' },
    args: { which: 'run' },
    results: [
      {
        unique_id: daily.unique_id,
        status: 'success',
        timing: [{ name: 'execute', started_at: '2026-01-01T00:00:01Z', completed_at: '2026-01-01T00:00:02Z' }],
      },
      { unique_id: python.unique_id, status: 'error', message: 'boom', timing: [] },
    ],
  },
  files: { manifest: 'manifest.json' },
};

describe('normalizeDbt', () => {
  const identity = (n: DbtNode) => ({ namespace: 'postgres://db:5432', name: datasetName('postgres', n) });
  const lineage = modelColumnLineage({ artifacts, dialect: 'postgresql', identity });
  const { events, problems } = normalizeDbt({
    artifacts,
    adapter: 'postgres',
    jobNamespace: 'ns',
    projectName: 'shop',
    identity,
    lineage,
  });
  const runEvents = events as RunEvent[];

  it('reads through ephemeral models to the tables they select from', () => {
    const complete = runEvents.find((e) => e.job.name === 'db.main.shop.daily' && e.eventType === 'COMPLETE')!;
    assert.deepEqual(
      complete.inputs?.map((i) => i.name),
      ['db.main.events'],
    );
    assert.deepEqual(Object.keys((complete.outputs?.[0]?.facets?.columnLineage as { fields: object }).fields), [
      'kind',
      'n',
    ]);
  });

  it('reports a Python model instead of parsing it, and its error as a FAIL with the message', () => {
    assert.deepEqual(problems.get(python.unique_id), ['a python model has no SQL to trace']);
    const failed = runEvents.find((e) => e.job.name === 'db.main.shop.scored' && e.eventType === 'FAIL')!;
    assert.equal((failed.run.facets?.errorMessage as { message: string }).message, 'boom');
  });

  it('wraps the invocation in a parent run whose id is the invocation id, FAIL when a node failed', () => {
    assert.equal(runEvents[0]?.job.name, 'dbt-run-shop');
    assert.equal(runEvents[0]?.run.runId, '0b8a7c1e-2f3d-4e5a-9b6c-7d8e9f0a1b2c');
    assert.equal(runEvents.at(-1)?.eventType, 'FAIL');
    for (const e of runEvents.slice(1, -1)) {
      assert.equal(
        (e.run.facets?.parent as { run: { runId: string } }).run.runId,
        '0b8a7c1e-2f3d-4e5a-9b6c-7d8e9f0a1b2c',
      );
    }
  });
});
