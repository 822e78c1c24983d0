// Real parts: dbt-core + dbt-duckdb from PyPI in a throw-away venv running `dbt build` on
// test/fixtures/dbt-project, the built CLI, the API as a process, the test Neo4j, and
// openlineage-dbt's `dbt-ol` posting to the same API. Nothing is faked.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Driver } from 'neo4j-driver';
import type { ColumnLineageDatasetFacet, OpenLineageEvent } from '@tributary/openlineage';
import { type ApiProcess, eventually, startApi } from '../support/api-process.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/env.js';
import { graphDriver, uniqueNamespace } from '../support/intake.js';
import { type Venv, ensureVenv } from '../support/python.js';

const run = promisify(execFile);
// dbt-core 2.x needs a parser wheel from GitHub releases; 1.9 installs from PyPI alone.
const PACKAGES = ['dbt-core~=1.9.0', 'dbt-duckdb~=1.9.0', 'openlineage-dbt'];

// Hand-checked against the compiled SQL of each model in test/fixtures/dbt-project.
const EXPECTED: Record<string, string[]> = {
  // CTE over a seed, function on a column
  'shop.main.stg_customers': [
    'country_code <= shop.main.raw_customers.country DIRECT/TRANSFORMATION',
    'customer_id <= shop.main.raw_customers.id DIRECT/IDENTITY',
    'first_name <= shop.main.raw_customers.first_name DIRECT/IDENTITY',
    'last_name <= shop.main.raw_customers.last_name DIRECT/IDENTITY',
  ],
  // CAST
  'shop.main.stg_orders': [
    'customer_id <= shop.main.raw_orders.user_id DIRECT/IDENTITY',
    'order_date <= shop.main.raw_orders.order_date DIRECT/TRANSFORMATION',
    'order_id <= shop.main.raw_orders.id DIRECT/IDENTITY',
    'status <= shop.main.raw_orders.status DIRECT/IDENTITY',
  ],
  'shop.main.stg_payments': [
    'amount <= shop.main.raw_payments.amount DIRECT/TRANSFORMATION',
    'order_id <= shop.main.raw_payments.order_id DIRECT/IDENTITY',
    'payment_id <= shop.main.raw_payments.id DIRECT/IDENTITY',
    'payment_method <= shop.main.raw_payments.payment_method DIRECT/IDENTITY',
  ],
  // snapshot: the select's columns
  'shop.snapshots.orders_snapshot': [
    'customer_id <= shop.main.stg_orders.customer_id DIRECT/IDENTITY',
    'order_id <= shop.main.stg_orders.order_id DIRECT/IDENTITY',
    'status <= shop.main.stg_orders.status DIRECT/IDENTITY',
  ],
  // CTEs with aggregates, aliased joins, COALESCE over an aggregate
  'shop.main.customers': [
    '* <= shop.main.stg_customers.customer_id INDIRECT/JOIN',
    '* <= shop.main.stg_orders.customer_id INDIRECT/GROUP_BY',
    '* <= shop.main.stg_orders.customer_id INDIRECT/JOIN',
    '* <= shop.main.stg_orders.order_id INDIRECT/JOIN',
    '* <= shop.main.stg_payments.order_id INDIRECT/JOIN',
    'customer_id <= shop.main.stg_customers.customer_id DIRECT/IDENTITY',
    'first_name <= shop.main.stg_customers.first_name DIRECT/IDENTITY',
    'first_order <= shop.main.stg_orders.order_date DIRECT/AGGREGATION',
    'last_name <= shop.main.stg_customers.last_name DIRECT/IDENTITY',
    'lifetime_value <= shop.main.stg_payments.amount DIRECT/AGGREGATION',
    'most_recent_order <= shop.main.stg_orders.order_date DIRECT/AGGREGATION',
    'number_of_orders <= shop.main.stg_orders.order_id DIRECT/AGGREGATION',
  ],
  // UNION ALL with literals and a NULL cast
  'shop.main.order_events': [
    'event_date <= shop.main.stg_orders.order_date DIRECT/IDENTITY',
    'event_type <= shop.main.stg_payments.payment_method DIRECT/IDENTITY',
    'order_id <= shop.main.stg_orders.order_id DIRECT/IDENTITY',
    'order_id <= shop.main.stg_payments.order_id DIRECT/IDENTITY',
  ],
  // Jinja loop → CASE pivot inside SUM
  'shop.main.orders': [
    '* <= shop.main.stg_orders.order_id INDIRECT/JOIN',
    '* <= shop.main.stg_payments.order_id INDIRECT/GROUP_BY',
    '* <= shop.main.stg_payments.order_id INDIRECT/JOIN',
    'amount <= shop.main.stg_payments.amount DIRECT/AGGREGATION',
    'bank_transfer_amount <= shop.main.stg_payments.amount DIRECT/AGGREGATION',
    'bank_transfer_amount <= shop.main.stg_payments.payment_method INDIRECT/CONDITIONAL',
    'coupon_amount <= shop.main.stg_payments.amount DIRECT/AGGREGATION',
    'coupon_amount <= shop.main.stg_payments.payment_method INDIRECT/CONDITIONAL',
    'credit_card_amount <= shop.main.stg_payments.amount DIRECT/AGGREGATION',
    'credit_card_amount <= shop.main.stg_payments.payment_method INDIRECT/CONDITIONAL',
    'customer_id <= shop.main.stg_orders.customer_id DIRECT/IDENTITY',
    'gift_card_amount <= shop.main.stg_payments.amount DIRECT/AGGREGATION',
    'gift_card_amount <= shop.main.stg_payments.payment_method INDIRECT/CONDITIONAL',
    'order_date <= shop.main.stg_orders.order_date DIRECT/IDENTITY',
    'order_id <= shop.main.stg_orders.order_id DIRECT/IDENTITY',
    'status <= shop.main.stg_orders.status DIRECT/IDENTITY',
  ],
  // JOIN USING, COUNT(DISTINCT), AVG, GROUP BY, HAVING COUNT(*)
  'shop.main.country_stats': [
    '* <= shop.main.customers.customer_id INDIRECT/JOIN',
    '* <= shop.main.stg_customers.country_code INDIRECT/GROUP_BY',
    '* <= shop.main.stg_customers.customer_id INDIRECT/JOIN',
    'avg_lifetime_value <= shop.main.customers.lifetime_value DIRECT/AGGREGATION',
    'country_code <= shop.main.stg_customers.country_code DIRECT/IDENTITY',
    'customers <= shop.main.stg_customers.customer_id DIRECT/AGGREGATION',
  ],
  // derived table with WHERE, IN subquery, CASE over literals, ORDER BY
  'shop.main.big_orders': [
    '* <= shop.main.orders.amount INDIRECT/FILTER',
    '* <= shop.main.orders.amount INDIRECT/SORT',
    '* <= shop.main.orders.order_id INDIRECT/FILTER',
    '* <= shop.main.stg_payments.order_id INDIRECT/FILTER',
    '* <= shop.main.stg_payments.payment_method INDIRECT/FILTER',
    'amount <= shop.main.orders.amount DIRECT/IDENTITY',
    'order_id <= shop.main.orders.order_id DIRECT/IDENTITY',
    'size_band <= shop.main.orders.amount INDIRECT/CONDITIONAL',
  ],
  // ROW_NUMBER and running SUM windows
  'shop.main.customer_order_rank': [
    'customer_id <= shop.main.orders.customer_id DIRECT/IDENTITY',
    'order_id <= shop.main.orders.order_id DIRECT/IDENTITY',
    'order_seq <= shop.main.orders.customer_id INDIRECT/WINDOW',
    'order_seq <= shop.main.orders.order_date INDIRECT/WINDOW',
    'running_amount <= shop.main.orders.amount DIRECT/AGGREGATION',
    'running_amount <= shop.main.orders.customer_id INDIRECT/WINDOW',
    'running_amount <= shop.main.orders.order_date INDIRECT/WINDOW',
  ],
};

function lineageEdges(events: OpenLineageEvent[]): Map<string, string[]> {
  const edges = new Map<string, Set<string>>();
  for (const event of events) {
    for (const output of 'outputs' in event ? (event.outputs ?? []) : []) {
      const facet = output.facets?.columnLineage as ColumnLineageDatasetFacet | undefined;
      if (!facet) continue;
      const set = edges.get(output.name) ?? new Set<string>();
      for (const [column, { inputFields }] of Object.entries(facet.fields)) {
        for (const i of inputFields)
          for (const t of i.transformations ?? []) set.add(`${column} <= ${i.name}.${i.field} ${t.type}/${t.subtype}`);
      }
      for (const i of facet.dataset ?? [])
        for (const t of i.transformations ?? []) set.add(`* <= ${i.name}.${i.field} ${t.type}/${t.subtype}`);
      edges.set(output.name, set);
    }
  }
  return new Map([...edges].map(([name, set]) => [name, [...set].sort()]));
}

type ModelLineage = Map<string, { outputs: string[]; inputs: string[] }>;

/** Job name → output and input dataset names, as the graph holds them. */
async function graphLineage(driver: Driver, namespace: string): Promise<ModelLineage> {
  const result = await driver.executeQuery(
    `MATCH (j:Job {namespace: $namespace})-[:OUTPUTS]->(o:Dataset)
     OPTIONAL MATCH (i:Dataset)-[:INPUT_TO]->(j)
     RETURN j.name AS job, collect(DISTINCT o.name) AS outputs, collect(DISTINCT i.name) AS inputs`,
    { namespace },
  );
  return new Map(
    result.records.map((r) => [
      r.get('job') as string,
      { outputs: (r.get('outputs') as string[]).sort(), inputs: (r.get('inputs') as string[]).sort() },
    ]),
  );
}

describe('dbt collector against a real dbt build (dbt-duckdb) and the running API', { timeout: 1_800_000 }, () => {
  let venv: Venv;
  let project: string;
  let api: ApiProcess;
  let driver: Driver;
  let env: Record<string, string>;
  const namespace = uniqueNamespace('dbt-interop');

  before(async () => {
    venv = await ensureVenv('dbt-interop', PACKAGES);
    project = mkdtempSync(join(tmpdir(), 'tributary-dbt-'));
    cpSync(join(repoRoot, 'test', 'fixtures', 'dbt-project'), project, { recursive: true });
    env = {
      PATH: `${dirname(venv.bin('dbt'))}:${process.env.PATH ?? ''}`,
      TRIBUTARY_DUCKDB_PATH: join(project, 'shop.duckdb'),
      DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
      DO_NOT_TRACK: '1',
    };
    const dbt = (...args: string[]) =>
      run(venv.bin('dbt'), [...args, '--project-dir', project, '--profiles-dir', project], {
        cwd: project,
        env: { ...process.env, ...env },
        timeout: 600_000,
        maxBuffer: 16 * 1024 * 1024,
      });
    await dbt('build');
    // `docs generate` writes its own run_results.json; the build's is the one to collect.
    copyFileSync(join(project, 'target', 'run_results.json'), join(project, 'build_results.json'));
    await dbt('docs', 'generate');
    copyFileSync(join(project, 'build_results.json'), join(project, 'target', 'run_results.json'));
    api = await startApi({ TRIBUTARY_AUTH: 'off' });
    driver = graphDriver();
  });

  after(async () => {
    await driver?.close();
    await api?.stop();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('the collected events carry the hand-checked column lineage of all ten models and the snapshot', async () => {
    const out = join(project, 'events.ndjson');
    const result = await runCli(
      ['collect', 'dbt', '--project-dir', project, '--namespace', namespace, '--output', out],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /fully resolved for 10 of 10 models/);
    const events = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as OpenLineageEvent);
    const edges = lineageEdges(events);
    for (const [model, expected] of Object.entries(EXPECTED)) {
      assert.deepEqual(edges.get(model), [...expected].sort(), `column lineage of ${model}`);
    }
    const catalogTyped = events
      .flatMap((e) => ('outputs' in e ? (e.outputs ?? []) : []))
      .find((o) => o.name === 'shop.main.customers');
    const schema = catalogTyped?.facets?.schema as { fields: { name: string; type?: string; description?: string }[] };
    assert.deepEqual(schema.fields[0], { name: 'customer_id', type: 'INTEGER', description: "The customer's key." });
  });

  it('posted to the API, the graph holds the manifest lineage and the column edges; re-collecting changes nothing', async () => {
    const manifest = JSON.parse(readFileSync(join(project, 'target', 'manifest.json'), 'utf8')) as {
      nodes: Record<
        string,
        {
          resource_type: string;
          database: string;
          schema: string;
          alias: string;
          name: string;
          depends_on?: { nodes?: string[] };
        }
      >;
    };
    const nameOf = (id: string) => {
      const n = manifest.nodes[id]!;
      return `${n.database}.${n.schema}.${n.alias}`;
    };
    const expected: ModelLineage = new Map();
    for (const [id, node] of Object.entries(manifest.nodes)) {
      if (!['model', 'snapshot', 'seed'].includes(node.resource_type)) continue;
      const suffix = node.resource_type === 'snapshot' ? 'snapshot' : node.resource_type === 'seed' ? 'seed' : 'run';
      expected.set(`${node.database}.${node.schema}.tributary_shop.${node.name}.build.${suffix}`, {
        outputs: [nameOf(id)],
        inputs: (node.depends_on?.nodes ?? [])
          .filter((d) => d in manifest.nodes)
          .map(nameOf)
          .sort(),
      });
    }
    assert.equal(expected.size, 13);

    const collect = () =>
      runCli(['collect', 'dbt', '--project-dir', project, '--namespace', namespace, '--url', api.url], env);
    const first = await collect();
    assert.equal(first.code, 0, first.stderr);
    let actual: ModelLineage = new Map();
    const arrived = await eventually(async () => {
      actual = await graphLineage(driver, namespace);
      return actual.size >= expected.size;
    }, 60_000);
    assert.ok(arrived, `graph has ${actual.size} of ${expected.size} jobs`);
    assert.deepEqual(actual, expected);

    const datasetNamespace = `duckdb://${join(project, 'shop.duckdb')}`;
    const feeds = async () => {
      const r = await driver.executeQuery(
        `MATCH (s:Field)-[f:FEEDS]->(t:Field {namespace: $ns, datasetName: 'shop.main.customers'})
         RETURN s.datasetName + '.' + s.path + ' -> ' + t.path + ' ' + f.type + '/' + f.subtype AS edge ORDER BY edge`,
        { ns: datasetNamespace },
      );
      return r.records.map((rec) => rec.get('edge') as string);
    };
    let edges: string[] = [];
    await eventually(async () => (edges = await feeds()).length >= 7, 30_000);
    assert.deepEqual(edges, [
      'shop.main.stg_customers.customer_id -> customer_id DIRECT/IDENTITY',
      'shop.main.stg_customers.first_name -> first_name DIRECT/IDENTITY',
      'shop.main.stg_customers.last_name -> last_name DIRECT/IDENTITY',
      'shop.main.stg_orders.order_date -> first_order DIRECT/AGGREGATION',
      'shop.main.stg_orders.order_date -> most_recent_order DIRECT/AGGREGATION',
      'shop.main.stg_orders.order_id -> number_of_orders DIRECT/AGGREGATION',
      'shop.main.stg_payments.amount -> lifetime_value DIRECT/AGGREGATION',
    ]);

    const counts = async () => {
      const r = await driver.executeQuery(
        `MATCH (j:Job {namespace: $namespace})-[:HAS_RUN]->(run:Run) RETURN count(run) AS runs`,
        { namespace },
      );
      return Number(r.records[0]?.get('runs'));
    };
    const runsBefore = await counts();
    assert.ok(runsBefore >= 13);
    const second = await collect();
    assert.equal(second.code, 0, second.stderr);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.equal(await counts(), runsBefore, 'the same invocation gives the same run ids');
    assert.deepEqual(await graphLineage(driver, namespace), expected);
    assert.deepEqual(await feeds(), edges);
  });

  it('dbt-ol on the same project agrees on model-level lineage (it leaves seeds out of inputs)', async (t) => {
    const dbtOl = venv.bin('dbt-ol');
    if (!existsSync(dbtOl)) {
      t.diagnostic('openlineage-dbt did not install a dbt-ol script; comparison not possible');
      return;
    }
    const olNamespace = uniqueNamespace('dbt-ol');
    await run(dbtOl, ['build', '--project-dir', project, '--profiles-dir', project], {
      cwd: project,
      env: { ...process.env, ...env, OPENLINEAGE_URL: api.url, OPENLINEAGE_NAMESPACE: olNamespace },
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    let theirs: ModelLineage = new Map();
    assert.ok(
      await eventually(async () => (theirs = await graphLineage(driver, olNamespace)).size >= 10, 60_000),
      `dbt-ol jobs in the graph: ${[...theirs.keys()].join(', ')}`,
    );
    const ours = await graphLineage(driver, namespace);
    const seeds = new Set(['shop.main.raw_customers', 'shop.main.raw_orders', 'shop.main.raw_payments']);
    for (const [job, lineage] of theirs) {
      const mine = ours.get(job);
      assert.ok(mine, `dbt-ol job ${job} has the same name in our events`);
      assert.deepEqual(mine.outputs, lineage.outputs, job);
      assert.deepEqual(
        mine.inputs.filter((i) => !seeds.has(i)),
        lineage.inputs.filter((i) => !seeds.has(i)),
        job,
      );
    }
  });
});
