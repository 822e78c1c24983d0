// Real parts: the openlineage-python client from PyPI in a throw-away venv
// (HTTP transport, api_key auth, gzip), the built API process and the Neo4j
// that `npm test` started. Nothing is faked.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Driver } from 'neo4j-driver';
import { eventually, startApi, type ApiProcess } from '../support/api-process.js';
import { graphDriver, uniqueNamespace } from '../support/intake.js';
import { ensureVenv } from '../support/python.js';

const run = promisify(execFile);
const CLIENT = 'openlineage-python==1.54.0';

// Emits START then COMPLETE for one run that reads `orders` and writes `daily`,
// with a schema and a column-lineage facet, the way an integration would.
const SCRIPT = String.raw`
import sys
from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.facet_v2 import column_lineage_dataset, schema_dataset
from openlineage.client.transport.http import HttpCompression
from openlineage.client.uuid import generate_new_uuid
from datetime import datetime, timezone

url, namespace, run_id, api_key = sys.argv[1:5]
client = OpenLineageClient(config={"transport": {
    "type": "http",
    "url": url,
    "endpoint": "api/v1/lineage",
    "auth": {"type": "api_key", "apiKey": api_key},
    "compression": "gzip",
    "retry": {"total": 0},
}})
transport = client.transport
assert transport.compression == HttpCompression.GZIP, transport.compression
assert transport._auth_headers(transport.config.auth) == {"Authorization": "Bearer " + api_key}

db = namespace + "-db"
schema = schema_dataset.SchemaDatasetFacet(fields=[
    schema_dataset.SchemaDatasetFacetFields(name="day", type="DATE"),
    schema_dataset.SchemaDatasetFacetFields(name="total", type="DECIMAL"),
])
lineage = column_lineage_dataset.ColumnLineageDatasetFacet(fields={
    "total": column_lineage_dataset.Fields(inputFields=[
        column_lineage_dataset.InputField(namespace=db, name="orders", field="amount"),
    ], transformationType="AGGREGATION", transformationDescription="sum(amount)"),
})
inputs = [InputDataset(namespace=db, name="orders", facets={"schema": schema_dataset.SchemaDatasetFacet(fields=[
    schema_dataset.SchemaDatasetFacetFields(name="amount", type="DECIMAL"),
    schema_dataset.SchemaDatasetFacetFields(name="ordered_at", type="TIMESTAMP"),
])})]
outputs = [OutputDataset(namespace=db, name="daily", facets={"schema": schema, "columnLineage": lineage})]
job = Job(namespace=namespace, name="daily_totals")
for state in (RunState.START, RunState.COMPLETE):
    client.emit(RunEvent(
        eventType=state,
        eventTime=datetime.now(timezone.utc).isoformat(),
        run=Run(runId=run_id),
        job=job,
        producer="https://github.com/OpenLineage/OpenLineage/tree/1.54.0/client/python",
        inputs=inputs,
        outputs=outputs,
    ))
print("emitted")
`;

describe('openlineage-python client → intake → Neo4j', () => {
  let api: ApiProcess;
  let driver: Driver;
  let workDir: string;

  before(async () => {
    api = await startApi({ TRIBUTARY_AUTH: 'off' });
    driver = graphDriver();
    workDir = mkdtempSync(join(tmpdir(), 'tributary-olpy-'));
  });
  after(async () => {
    await api?.stop();
    await driver?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('posts START and COMPLETE over HTTP with api_key auth and gzip; the graph shows the run and its lineage', async () => {
    const venv = await ensureVenv('openlineage-python', [CLIENT]);
    const script = join(workDir, 'emit.py');
    writeFileSync(script, SCRIPT);
    const namespace = uniqueNamespace('olpy');
    const runId = randomUUID();
    const { stdout } = await run(venv.python, [script, api.url, namespace, runId, 'test-api-key'], { timeout: 60_000 });
    assert.match(stdout, /emitted/);

    const db = `${namespace}-db`;
    const jobId = `job:${namespace}:daily_totals`;
    const written = await eventually(async () => {
      const result = await driver.executeQuery(
        'MATCH (:Job {id: $jobId})-[:HAS_RUN]->(r:Run {id: $runId}) RETURN r.state AS state',
        {
          jobId,
          runId,
        },
      );
      return result.records[0]?.get('state') === 'COMPLETE';
    }, 30_000);
    assert.ok(written, `run ${runId} reached COMPLETE in Neo4j\n${api.output()}`);

    const lineage = await driver.executeQuery(
      `MATCH (i:Dataset {id: $input})-[:INPUT_TO]->(j:Job {id: $jobId})-[:OUTPUTS]->(o:Dataset {id: $output})
       MATCH (j)-[:HAS_RUN]->(r:Run {id: $runId})
       RETURN r.startedAt IS NOT NULL AS started, r.endedAt IS NOT NULL AS ended`,
      { input: `dataset:${db}:orders`, output: `dataset:${db}:daily`, jobId, runId },
    );
    assert.equal(lineage.records.length, 1, 'orders → daily_totals → daily');
    assert.equal(lineage.records[0]?.get('started'), true);
    assert.equal(lineage.records[0]?.get('ended'), true);

    const fields = await driver.executeQuery(
      `MATCH (:Dataset {id: $output})-[:HAS_FIELD]->(f:Field) RETURN f.path AS path, f.type AS type ORDER BY path`,
      { output: `dataset:${db}:daily` },
    );
    assert.deepEqual(
      fields.records.map((r) => [r.get('path'), r.get('type')]),
      [
        ['day', 'DATE'],
        ['total', 'DECIMAL'],
      ],
    );
    const feeds = await driver.executeQuery(
      `MATCH (:Dataset {id: $input})-[:HAS_FIELD]->(a:Field {path: 'amount'})-[e:FEEDS]->(b:Field {path: 'total'})<-[:HAS_FIELD]-(:Dataset {id: $output})
       RETURN e.jobId AS jobId`,
      { input: `dataset:${db}:orders`, output: `dataset:${db}:daily` },
    );
    assert.deepEqual(
      feeds.records.map((r) => r.get('jobId')),
      [jobId],
      'column lineage orders.amount → daily.total',
    );
  });
});
