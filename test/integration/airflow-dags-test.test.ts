// Real parts: Apache Airflow 2.10.5 with apache-airflow-providers-openlineage 2.8.0
// from PyPI (throw-away venv, first run installs for several minutes), running a
// small DAG with `airflow dags test` on SQLite; the provider posts to the built API
// process (access control on) configured only by the documented OPENLINEAGE_URL,
// OPENLINEAGE_API_KEY and OPENLINEAGE_NAMESPACE; the test Neo4j. Nothing is faked.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Driver } from 'neo4j-driver';
import { type ApiProcess, eventually, startApi } from '../support/api-process.js';
import { graphDriver, uniqueNamespace } from '../support/intake.js';
import { ensureVenv } from '../support/python.js';

const run = promisify(execFile);
const AIRFLOW = ['apache-airflow==2.10.5', 'apache-airflow-providers-openlineage==2.8.0'];
const DAG_ID = 'tributary_orders_daily';

const dagFile = (datasetNamespace: string) => String.raw`
from datetime import datetime
from airflow import DAG
from airflow.providers.common.sql.operators.sql import SQLExecuteQueryOperator
from openlineage.client.event_v2 import Dataset

with DAG(dag_id="${DAG_ID}", start_date=datetime(2026, 1, 1), schedule=None, catchup=False):
    create = SQLExecuteQueryOperator(task_id="create_orders", conn_id="shop",
        sql="CREATE TABLE IF NOT EXISTS orders (id INTEGER, amount REAL)")
    # The provider has no SQL lineage for SQLite: these inlets/outlets annotate it by hand.
    totals = SQLExecuteQueryOperator(task_id="daily_totals", conn_id="shop",
        sql="CREATE TABLE IF NOT EXISTS daily_totals AS SELECT id, amount FROM orders",
        inlets=[Dataset(namespace="${datasetNamespace}", name="main.orders")],
        outlets=[Dataset(namespace="${datasetNamespace}", name="main.daily_totals")])
    check = SQLExecuteQueryOperator(task_id="check_totals", conn_id="shop",
        sql="SELECT count(*) FROM no_such_table")
    create >> totals >> check
`;

type JobView = {
  parent: { name: string } | null;
  children: { name: string }[];
  jobType: string | null;
  integration: string | null;
  inputs: { namespace: string; name: string }[];
  outputs: { namespace: string; name: string }[];
  latestRun: { id: string; state: string; durationMs: number | null; errorMessage: string | null } | null;
};

describe('Apache Airflow with the OpenLineage provider → intake → job hierarchy', () => {
  let api: ApiProcess;
  let driver: Driver;
  let home: string;
  const admin = `airflow-${randomBytes(16).toString('hex')}`;

  before(async () => {
    api = await startApi({ TRIBUTARY_AUTH: 'on', TRIBUTARY_ADMIN_TOKEN: admin });
    driver = graphDriver();
    home = mkdtempSync(join(tmpdir(), 'tributary-airflow-'));
  });
  after(async () => {
    await api?.stop();
    await driver?.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function job(namespace: string, name: string): Promise<JobView | null> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        query: `query($namespace: String!, $name: String!) { job(namespace: $namespace, name: $name) {
          parent { name } children { name } jobType integration inputs { namespace name } outputs { namespace name }
          latestRun { id state durationMs errorMessage } } }`,
        variables: { namespace, name },
      }),
    });
    const body = (await response.json()) as { data?: { job: JobView | null }; errors?: unknown[] };
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.job ?? null;
  }

  it('`airflow dags test` posts the DAG run and its task runs; they show as a hierarchy with states and durations', async () => {
    const venv = await ensureVenv('airflow', AIRFLOW);
    const namespace = uniqueNamespace('airflow-dags-test');
    mkdirSync(join(home, 'dags'));
    const datasets = `sqlite://${namespace}`;
    writeFileSync(join(home, 'dags', 'orders_daily.py'), dagFile(datasets));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      AIRFLOW_HOME: home,
      AIRFLOW__CORE__LOAD_EXAMPLES: 'False',
      AIRFLOW__CORE__DAGS_FOLDER: join(home, 'dags'),
      AIRFLOW_CONN_SHOP: JSON.stringify({ conn_type: 'sqlite', host: join(home, 'shop.db') }),
      // Exactly the configuration docs/integrations/airflow.md gives.
      OPENLINEAGE_URL: api.url,
      OPENLINEAGE_API_KEY: admin,
      OPENLINEAGE_NAMESPACE: namespace,
    };
    await run(venv.bin('airflow'), ['db', 'migrate'], { env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
    // check_totals fails on purpose, so the command exits non-zero.
    const outcome = await run(venv.bin('airflow'), ['dags', 'test', DAG_ID, '2026-05-01'], {
      env,
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, log: stdout + stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        log: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    assert.match(outcome.log, /Successfully emitted OpenLineage `FAIL` event/, outcome.log.slice(-4000));
    assert.doesNotMatch(outcome.log, /Failed to emit OpenLineage event/);

    assert.ok(
      await eventually(async () => (await job(namespace, DAG_ID))?.latestRun?.state === 'FAIL', 90_000),
      `the DAG run reached FAIL\n${api.output()}`,
    );
    const dag = (await job(namespace, DAG_ID))!;
    assert.equal(dag.parent, null);
    assert.equal(dag.jobType, 'DAG');
    assert.equal(dag.integration, 'AIRFLOW');
    assert.deepEqual(dag.children.map((c) => c.name).sort(), [
      `${DAG_ID}.check_totals`,
      `${DAG_ID}.create_orders`,
      `${DAG_ID}.daily_totals`,
    ]);

    for (const [task, state] of [
      ['create_orders', 'COMPLETE'],
      ['daily_totals', 'COMPLETE'],
      ['check_totals', 'FAIL'],
    ] as const) {
      const view = (await job(namespace, `${DAG_ID}.${task}`))!;
      assert.equal(view.parent?.name, DAG_ID, task);
      assert.equal(view.jobType, 'TASK', task);
      assert.equal(view.latestRun?.state, state, task);
      assert.ok((view.latestRun?.durationMs ?? 0) > 0, `${task} has a duration: ${JSON.stringify(view.latestRun)}`);
    }
    const check = (await job(namespace, `${DAG_ID}.check_totals`))!;
    assert.match(check.latestRun?.errorMessage ?? '', /no such table: no_such_table/);
    const totals = (await job(namespace, `${DAG_ID}.daily_totals`))!;
    assert.deepEqual(totals.inputs, [{ namespace: datasets, name: 'main.orders' }]);
    assert.deepEqual(totals.outputs, [{ namespace: datasets, name: 'main.daily_totals' }]);

    const children = await driver.executeQuery(
      'MATCH (c:Run)-[:CHILD_OF]->(:Run {id: $dagRun}) RETURN count(c) AS count',
      { dagRun: dag.latestRun!.id },
    );
    assert.equal(Number(children.records[0]?.get('count')), 3);
  });
});
