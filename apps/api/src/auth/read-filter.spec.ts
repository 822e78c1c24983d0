import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccessPolicy } from './access-policy.js';
import type { Principal } from './principal.js';
import { ReadFilter } from './read-filter.js';

const viewerOfA: Principal = { kind: 'token', id: 't', name: 't', bindings: [{ role: 'viewer', namespace: 'a' }] };
const node = (id: string, namespace: string, kind = 'DATASET') => ({
  id,
  kind,
  namespace,
  name: id.split(':').pop() ?? id,
  field: null,
  label: id,
});

describe('ReadFilter', () => {
  const filter = new ReadFilter(new AccessPolicy(), viewerOfA);

  it('hides every unreadable id on a root-cause path, looked up by id', async () => {
    const candidates = [
      {
        job: node('job:b:secret_job', 'b', 'JOB'),
        path: ['dataset:a:broken', 'dataset:b:secret_table', 'job:b:secret_job'],
        latestRun: { jobNamespace: 'b', jobName: 'secret_job' },
        distance: 2,
      },
    ];
    const lookups: string[][] = [];
    const out = await filter.rootCause(candidates, async (ids) => {
      lookups.push(ids);
      return new Map([
        ['dataset:a:broken', 'a'],
        ['dataset:b:secret_table', 'b'],
      ]);
    });
    const text = JSON.stringify(out);
    assert.ok(!text.includes('secret'), text);
    assert.equal(out[0]?.path[0], 'dataset:a:broken');
    assert.equal(out[0]?.distance, 2);
    assert.equal(lookups.length, 1);
  });

  it('hides a job named only on a FEEDS edge when its namespace is unreadable', async () => {
    const graph = {
      nodes: [node('field:a:t:c', 'a', 'FIELD'), node('field:a:u:c', 'a', 'FIELD')],
      edges: [{ id: 'e1', source: 'field:a:t:c', target: 'field:a:u:c', kind: 'FEEDS', job: 'job:b:hidden' }],
    };
    const out = await filter.graphWithJobs(graph, async () => new Map([['job:b:hidden', 'b']]));
    assert.ok(!JSON.stringify(out).includes('hidden'));
    assert.equal(out.edges[0]?.source, 'field:a:t:c');
  });

  it('skips every lookup for a caller who reads everything', async () => {
    const admin = new ReadFilter(new AccessPolicy(), { ...viewerOfA, bindings: [{ role: 'viewer', namespace: '*' }] });
    const graph = { nodes: [], edges: [{ id: 'e', source: 'x', target: 'y', job: 'j' }] };
    assert.equal(await admin.graphWithJobs(graph, () => Promise.reject(new Error('no lookup expected'))), graph);
  });
});
