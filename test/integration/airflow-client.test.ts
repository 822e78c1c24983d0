// Real parts: the openlineage-python client from PyPI (the library Airflow's
// OpenLineage provider emits through) in a throw-away venv, with its HTTP transport
// and api_key auth, the built API process and the test Neo4j. The events are shaped
// as apache-airflow-providers-openlineage sends them for one DAG run: a DAG-level run
// and task runs pointing to it with the `parent` facet (and `root`), jobType
// AIRFLOW DAG/TASK, nominal time, processing_engine, errorMessage on the failed task.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Driver } from 'neo4j-driver';
import { type ApiProcess, eventually, startApi } from '../support/api-process.js';
import { graphDriver, uniqueNamespace } from '../support/intake.js';
import { ensureVenv } from '../support/python.js';

const run = promisify(execFile);
// The same pin as the intake's client test, so both share one cached venv.
const CLIENT = 'openlineage-python==1.54.0';

const SCRIPT = String.raw`
import sys
from datetime import datetime, timedelta, timezone
from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.facet_v2 import (
    error_message_run, job_type_job, nominal_time_run, parent_run, processing_engine_run,
)

url, namespace, api_key, dag_run_id, extract_run_id, load_run_id = sys.argv[1:7]
client = OpenLineageClient(config={"transport": {
    "type": "http", "url": url, "endpoint": "api/v1/lineage",
    "auth": {"type": "api_key", "apiKey": api_key}, "compression": "gzip", "retry": {"total": 0},
}})
PRODUCER = "https://github.com/apache/airflow/tree/providers-openlineage/2.5.0"
dag_id = "orders_daily"
t0 = datetime(2026, 5, 1, 2, 0, 0, tzinfo=timezone.utc)
at = lambda seconds: (t0 + timedelta(seconds=seconds)).isoformat()
engine = processing_engine_run.ProcessingEngineRunFacet(version="2.10.5", name="Airflow", openlineageAdapterVersion="2.5.0")
nominal = nominal_time_run.NominalTimeRunFacet(nominalStartTime=at(0), nominalEndTime=at(86400))
dag_job = Job(namespace=namespace, name=dag_id, facets={
    "jobType": job_type_job.JobTypeJobFacet(processingType="BATCH", integration="AIRFLOW", jobType="DAG"),
})
def task_job(task_id):
    return Job(namespace=namespace, name=f"{dag_id}.{task_id}", facets={
        "jobType": job_type_job.JobTypeJobFacet(processingType="BATCH", integration="AIRFLOW", jobType="TASK"),
    })
parent = parent_run.ParentRunFacet(
    run=parent_run.Run(runId=dag_run_id), job=parent_run.Job(namespace=namespace, name=dag_id),
    root=parent_run.Root(run=parent_run.RootRun(runId=dag_run_id), job=parent_run.RootJob(namespace=namespace, name=dag_id)),
)
db = "postgres://" + namespace + "-db:5432"
orders = [InputDataset(namespace=db, name="shop.public.orders")]
staged = [OutputDataset(namespace=db, name="shop.staging.orders")]
report = [OutputDataset(namespace=db, name="shop.reports.daily_orders")]

def emit(state, seconds, run_id, job, facets=None, inputs=None, outputs=None):
    client.emit(RunEvent(eventType=state, eventTime=at(seconds), run=Run(runId=run_id, facets=facets or {}),
                         job=job, producer=PRODUCER, inputs=inputs or [], outputs=outputs or []))

task_facets = {"parent": parent, "processing_engine": engine, "nominalTime": nominal}
emit(RunState.START, 0, dag_run_id, dag_job, {"processing_engine": engine, "nominalTime": nominal})
emit(RunState.START, 5, extract_run_id, task_job("extract"), task_facets, orders, staged)
emit(RunState.COMPLETE, 20, extract_run_id, task_job("extract"), task_facets, orders, staged)
emit(RunState.START, 25, load_run_id, task_job("load"), task_facets, [InputDataset(namespace=db, name="shop.staging.orders")], report)
emit(RunState.FAIL, 55, load_run_id, task_job("load"), {**task_facets, "errorMessage": error_message_run.ErrorMessageRunFacet(
    message="relation \"shop.reports.daily_orders\" is locked", programmingLanguage="python")},
    [InputDataset(namespace=db, name="shop.staging.orders")], report)
emit(RunState.FAIL, 60, dag_run_id, dag_job, {"processing_engine": engine, "nominalTime": nominal})
print("emitted")
`;

type GraphQLJob = {
  parent: { name: string } | null;
  children: { name: string }[];
  jobType: string | null;
  integration: string | null;
  latestRun: { id: string; state: string; durationMs: number | null; errorMessage: string | null } | null;
};

describe('Airflow through the openlineage-python client → intake → job hierarchy', () => {
  let api: ApiProcess;
  let driver: Driver;
  let workDir: string;

  before(async () => {
    api = await startApi();
    driver = graphDriver();
    workDir = mkdtempSync(join(tmpdir(), 'tributary-airflow-client-'));
  });
  after(async () => {
    await api?.stop();
    await driver?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  async function job(namespace: string, name: string): Promise<GraphQLJob | null> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($namespace: String!, $name: String!) { job(namespace: $namespace, name: $name) {
          parent { name } children { name } jobType integration
          latestRun { id state durationMs errorMessage } } }`,
        variables: { namespace, name },
      }),
    });
    const body = (await response.json()) as { data?: { job: GraphQLJob | null }; errors?: unknown[] };
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.job ?? null;
  }

  it('shows the DAG run and its task runs as a hierarchy with states and durations', async () => {
    const venv = await ensureVenv('openlineage-python', [CLIENT]);
    const script = join(workDir, 'airflow_dag_run.py');
    writeFileSync(script, SCRIPT);
    const namespace = uniqueNamespace('airflow');
    const [dagRun, extractRun, loadRun] = [randomUUID(), randomUUID(), randomUUID()];
    const { stdout } = await run(
      venv.python,
      [script, api.url, namespace, 'airflow-api-key', dagRun, extractRun, loadRun],
      {
        timeout: 60_000,
      },
    );
    assert.match(stdout, /emitted/);

    const settled = await eventually(
      async () => (await job(namespace, 'orders_daily'))?.latestRun?.state === 'FAIL',
      90_000,
    );
    assert.ok(settled, `the DAG run reached FAIL\n${api.output()}`);

    const dag = await job(namespace, 'orders_daily');
    assert.deepEqual(dag?.children.map((c) => c.name).sort(), ['orders_daily.extract', 'orders_daily.load']);
    assert.equal(dag?.parent, null);
    assert.deepEqual(
      { ...dag?.latestRun, errorMessage: undefined },
      { id: dagRun, state: 'FAIL', durationMs: 60_000, errorMessage: undefined },
    );
    assert.equal(dag?.integration, 'AIRFLOW');
    assert.equal(dag?.jobType, 'DAG');

    const extract = await job(namespace, 'orders_daily.extract');
    assert.equal(extract?.parent?.name, 'orders_daily');
    assert.deepEqual(extract?.latestRun, { id: extractRun, state: 'COMPLETE', durationMs: 15_000, errorMessage: null });
    assert.equal(extract?.jobType, 'TASK');

    const load = await job(namespace, 'orders_daily.load');
    assert.equal(load?.parent?.name, 'orders_daily');
    assert.equal(load?.latestRun?.state, 'FAIL');
    assert.equal(load?.latestRun?.durationMs, 30_000);
    assert.equal(load?.latestRun?.errorMessage, 'relation "shop.reports.daily_orders" is locked');

    // Run to run, as the parent facet says: both task runs belong to the DAG run.
    const children = await driver.executeQuery(
      'MATCH (c:Run)-[:CHILD_OF]->(:Run {id: $dagRun}) RETURN c.id AS id ORDER BY id',
      { dagRun },
    );
    assert.deepEqual(
      children.records.map((r) => r.get('id')),
      [extractRun, loadRun].sort(),
    );
    // And the task lineage chains through the staging table.
    const db = `postgres://${namespace}-db:5432`;
    const chain = await driver.executeQuery(
      `MATCH (:Dataset {namespace: $db, name: 'shop.public.orders'})-[:INPUT_TO]->(:Job {name: 'orders_daily.extract'})
             -[:OUTPUTS]->(:Dataset {namespace: $db, name: 'shop.staging.orders'})-[:INPUT_TO]->(:Job {name: 'orders_daily.load'})
             -[:OUTPUTS]->(:Dataset {namespace: $db, name: 'shop.reports.daily_orders'})
       RETURN count(*) AS paths`,
      { db },
    );
    assert.equal(chain.records[0]?.get('paths').toNumber?.() ?? chain.records[0]?.get('paths'), 1);
  });
});
