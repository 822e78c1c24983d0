// Real parts: the built `tributary` bin as a process, the built API process and
// the test Neo4j; the graph comes from the corpus's dbt jaffle_shop run, posted by
// `tributary emit` through the intake. Nothing is faked.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '@tributary/dev-scripts/neo4j';
import { type ApiProcess, eventually, startApi } from '../support/api-process.js';
import { runCli } from '../support/cli.js';
import { jaffleShopEvents, tagOutput } from '../support/corpus-graph.js';

type Contract = {
  items: { kind: string; namespace: string; name: string; field: string | null; distance: number }[];
  totalDatasets: number;
  totalFields: number;
  totalJobs: number;
};

describe('tributary emit and impact against the API', () => {
  let api: ApiProcess;
  let dir: string;
  let datasetNamespace = '';
  let jobNamespace = '';
  const env = () => ({ TRIBUTARY_URL: api.url });
  const impact = (name: string, ...extra: string[]) =>
    runCli(['impact', '--namespace', datasetNamespace, '--name', name, ...extra], env());

  before(async () => {
    api = await startApi();
    dir = mkdtempSync(join(tmpdir(), 'cli-impact-'));
    const corpus = jaffleShopEvents();
    datasetNamespace = corpus.datasetNamespace;
    jobNamespace = corpus.jobNamespace;
    tagOutput(corpus.events, 'postgres.public.orders', 'critical', '');
    writeFileSync(join(dir, 'events.ndjson'), corpus.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  });
  after(async () => {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('emit posts the 72 corpus events in batches and reports them accepted', async () => {
    const result = await runCli(['emit', join(dir, 'events.ndjson'), '--batch-size', '20'], env());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /72 events sent to .* in 4 batches: 72 accepted, 0 rejected/);
  });

  it('impact --format json prints exactly the contract with the downstream datasets and jobs', async () => {
    let contract: Contract | undefined;
    const settled = await eventually(async () => {
      const result = await impact('postgres.public.raw_orders', '--format', 'json');
      if (result.code !== 0) return false;
      contract = JSON.parse(result.stdout) as Contract;
      return contract.totalDatasets === 3 && contract.totalJobs === 3;
    }, 90_000);
    assert.ok(settled, `impact never reached 3 datasets and 3 jobs: ${JSON.stringify(contract)}`);
    assert.deepEqual(Object.keys(contract!), ['items', 'totalDatasets', 'totalFields', 'totalJobs']);
    for (const item of contract!.items) {
      assert.deepEqual(Object.keys(item), ['kind', 'namespace', 'name', 'field', 'distance']);
    }
    const rows = contract!.items
      .map((item) => `${item.distance} ${item.kind} ${item.namespace} ${item.name} ${item.field}`)
      .sort();
    assert.deepEqual(rows, [
      `1 DATASET ${datasetNamespace} postgres.public.stg_orders null`,
      `1 JOB ${jobNamespace} model.jaffle_shop.stg_orders null`,
      `2 DATASET ${datasetNamespace} postgres.public.customers null`,
      `2 DATASET ${datasetNamespace} postgres.public.orders null`,
      `2 JOB ${jobNamespace} model.jaffle_shop.customers null`,
      `2 JOB ${jobNamespace} model.jaffle_shop.orders null`,
    ]);
    assert.equal(contract!.totalFields, 0);
  });

  it('--fail-on exits 1 exactly when its condition holds', async () => {
    const cases: [string, string, number][] = [
      ['postgres.public.raw_orders', 'datasets>2', 1],
      ['postgres.public.raw_orders', 'datasets>3', 0],
      ['postgres.public.raw_orders', 'jobs>=3', 1],
      ['postgres.public.raw_orders', 'tag:critical', 1],
      ['postgres.public.raw_customers', 'tag:critical', 0], // stg_customers and customers carry no tag
      ['postgres.public.raw_customers', 'datasets>20', 0],
      ['postgres.public.stg_payments', 'tag:critical', 1],
      ['postgres.public.orders', 'datasets>0', 0], // nothing downstream of orders
    ];
    for (const [name, condition, expected] of cases) {
      const result = await impact(name, '--fail-on', condition, '--format', 'json');
      assert.equal(result.code, expected, `${name} --fail-on ${condition}: ${result.stderr}`);
      if (expected === 1) assert.match(result.stderr, new RegExp(`${condition.replace(/[>=]/g, '.')} holds`));
      JSON.parse(result.stdout); // the report is printed either way
    }
  });

  it('prints a markdown table for a pull-request comment and a plain table for logs', async () => {
    const markdown = await impact('postgres.public.raw_orders', '--format', 'markdown', '--fail-on', 'tag:critical');
    assert.equal(markdown.code, 1);
    assert.match(markdown.stdout, /^### Downstream impact of `postgres:\/\/jaffle-/);
    assert.match(markdown.stdout, /> \*\*Check failed:\*\* tag:critical holds for 1 impacted item/);
    assert.match(markdown.stdout, /\| Distance \| Kind \| Namespace \| Name \| Field \| Tags \|/);
    assert.match(
      markdown.stdout,
      /\| 2 \| DATASET \| `postgres:\/\/jaffle-\w+:5432` \| `postgres.public.orders` \| {2}\| `critical` \|/,
    );
    const table = await impact('postgres.public.raw_orders');
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^DISTANCE\s+KIND\s+NAMESPACE\s+NAME/);
    assert.match(table.stdout, /3 datasets, 0 fields, 3 jobs downstream/);
  });

  it('exits 2 for an unknown dataset or a bad flag, and 3 when the server does not answer', async () => {
    const unknown = await impact('postgres.public.no_such_table', '--format', 'json');
    assert.equal(unknown.code, 2, unknown.stderr);
    assert.match(unknown.stderr, /impact: /);
    assert.equal((await impact('postgres.public.raw_orders', '--depth', '99')).code, 2);
    assert.equal((await impact('postgres.public.raw_orders', '--fail-on', 'bananas')).code, 2);
    assert.equal((await impact('postgres.public.raw_orders', '--format', 'yaml')).code, 2);
    const closed = await freePort();
    const down = await runCli(['impact', '--namespace', 'x', '--name', 'y', '--url', `http://127.0.0.1:${closed}`]);
    assert.equal(down.code, 3, down.stderr);
    assert.match(down.stderr, new RegExp(`cannot reach http://127.0.0.1:${closed}/graphql: ECONNREFUSED`));
  });

  it('emit reads stdin, reports events the intake rejected with exit 2, and refuses unreadable input before sending', async () => {
    const { events } = jaffleShopEvents();
    const good = events.slice(0, 2);
    const bad = { ...events[2], run: { runId: 'not-a-uuid' } };
    const piped = await runCli(['emit', '-'], env(), [...good, bad].map((e) => JSON.stringify(e)).join('\n'));
    assert.equal(piped.code, 2, piped.stderr);
    assert.match(piped.stderr, /2 accepted, 1 rejected/);
    assert.match(piped.stderr, /event #2: 400 .*\/run\/runId/);

    writeFileSync(join(dir, 'broken.ndjson'), JSON.stringify(good[0]) + '\n{"eventTime": oops\n');
    const broken = await runCli(['emit', join(dir, 'broken.ndjson')], env());
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken.ndjson:2: invalid JSON/);
    assert.doesNotMatch(broken.stderr, /sent/);

    const nowhere = await runCli(['emit', join(dir, 'events.ndjson')]);
    assert.equal(nowhere.code, 2);
    assert.match(nowhere.stderr, /pass --url \(or set TRIBUTARY_URL\)/);
  });
});
