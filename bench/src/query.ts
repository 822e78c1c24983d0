// Query benchmark: p50/p95 latency of `lineage` (depth 5, limit 500) and of
// `impact` (depth 10, DATASET and COLUMN granularity) through the GraphQL API,
// at 1, 4 and 16 concurrent clients, on a synthetic graph made by the ingest
// benchmark's generator and written with the intake's LineageWriter. The graph
// stays in Neo4j under a name derived from --datasets and --seed, so the next
// run with the same arguments reuses it.
// usage: npm run bench:query -- [--datasets N] [--seed S] [--requests R] [--rebuild]
// Neo4j: NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD (default: the local one of `npm run neo4j:start`).
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { createStandaloneWriter, startApiChild } from './api-child.js';
import { generateWorkload, rng, type GeneratedWorkload } from './generator.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '7' },
    requests: { type: 'string', default: '120', short: 'r' },
    batch: { type: 'string', default: '200' },
    rebuild: { type: 'boolean', default: false },
  },
});
const datasets = Number(values.datasets);
const seed = Number(values.seed);
const requestsPerCase = Number(values.requests);
const batchSize = Number(values.batch);
if (!Number.isInteger(datasets) || datasets < 12) throw new Error('--datasets must be an integer >= 12');

const neo4jEnv = {
  NEO4J_URI: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
  NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j',
  NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? 'tributary-dev',
};
const log = (line: string): void => console.log(line);

/**
 * The generator makes 2.5 tables per job and each job reads and writes 3-10
 * of them at random; a few tables end up unused, hence the 2 % margin.
 */
function workloadFor(count: number): GeneratedWorkload {
  const jobs = Math.ceil((count * 1.02) / 2.5);
  return generateWorkload({ events: jobs * 2, seed, prefix: `qbench-d${count}-s${seed}`, runsPerJob: 1 });
}

interface GraphSize {
  datasets: number;
  fields: number;
  jobs: number;
  runs: number;
}

async function graphSize(driver: Driver, workload: GeneratedWorkload): Promise<GraphSize> {
  const result = await driver.executeQuery(
    `CALL () { MATCH (j:Job) WHERE j.namespace = $jobNamespace RETURN count(j) AS jobs }
     CALL () { MATCH (r:Run) WHERE r.jobId STARTS WITH $jobPrefix AND r.state = 'COMPLETE' RETURN count(r) AS runs }
     CALL () {
       MATCH (d:Dataset) WHERE d.id IN $sample RETURN collect(DISTINCT d.namespace)[0] AS namespace
     }
     CALL (namespace) { MATCH (d:Dataset {namespace: namespace}) RETURN count(d) AS datasets }
     CALL (namespace) { MATCH (f:Field) WHERE f.namespace = namespace RETURN count(f) AS fields }
     RETURN datasets, fields, jobs, runs`,
    {
      jobNamespace: workload.jobNamespace,
      jobPrefix: `job:${workload.jobNamespace}:`,
      sample: await sampleDatasetIds(driver, workload),
    },
    { routing: neo4j.routing.READ },
  );
  const row = result.records[0];
  return {
    datasets: Number(row?.get('datasets') ?? 0),
    fields: Number(row?.get('fields') ?? 0),
    jobs: Number(row?.get('jobs') ?? 0),
    runs: Number(row?.get('runs') ?? 0),
  };
}

/** Dataset ids as the writer stored them (the namespace is normalized), read from the jobs' outputs. */
async function sampleDatasetIds(driver: Driver, workload: GeneratedWorkload): Promise<string[]> {
  const result = await driver.executeQuery(
    `MATCH (j:Job {namespace: $ns})-[:OUTPUTS]->(d:Dataset) RETURN d.id AS id LIMIT 1`,
    { ns: workload.jobNamespace },
    { routing: neo4j.routing.READ },
  );
  return result.records.map((record) => String(record.get('id')));
}

async function buildGraph(driver: Driver, workload: GeneratedWorkload): Promise<void> {
  const accepted = workload.events.map((event) => ({
    event,
    kind: 'RunEvent',
    unusableFacets: [],
    renamed: [],
    receivedAt: new Date().toISOString(),
  }));
  const { writer, migrations, close } = await createStandaloneWriter({
    ...process.env,
    ...neo4jEnv,
    LOG_LEVEL: 'warn',
  });
  try {
    await migrations.whenReady();
    const started = performance.now();
    for (let i = 0; i < accepted.length; i += batchSize) {
      await writer.writeBatch(accepted.slice(i, i + batchSize));
      if ((i / batchSize) % 10 === 0)
        log(`build: ${Math.min(i + batchSize, accepted.length)}/${accepted.length} events`);
    }
    log(`build: ${accepted.length} events written in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await close();
  }
  void driver;
}

interface Targets {
  datasets: { namespace: string; name: string }[];
  fields: { namespace: string; name: string; field: string }[];
}

/**
 * Random datasets that some job reads (so lineage has somewhere to go) and
 * random columns that feed other columns, from the built graph itself.
 */
async function pickTargets(driver: Driver, workload: GeneratedWorkload, count: number): Promise<Targets> {
  const random = rng(seed + 1);
  const read = async (query: string): Promise<Record<string, string>[]> => {
    const result = await driver.executeQuery(query, { ns: workload.jobNamespace }, { routing: neo4j.routing.READ });
    return result.records.map((record) => record.toObject() as Record<string, string>);
  };
  const inputs = await read(
    `MATCH (d:Dataset)-[:INPUT_TO]->(:Job {namespace: $ns}) RETURN DISTINCT d.namespace AS namespace, d.name AS name`,
  );
  const fields = await read(
    `MATCH (:Job {namespace: $ns})<-[:INPUT_TO]-(d:Dataset)-[:HAS_FIELD]->(f:Field)
     WHERE EXISTS { (f)-[r:FEEDS]->() WHERE r.validTo IS NULL }
     RETURN d.namespace AS namespace, d.name AS name, f.path AS field LIMIT 20000`,
  );
  const sample = <T>(list: T[]): T[] => Array.from({ length: count }, () => list[Math.floor(random() * list.length)]!);
  if (inputs.length === 0 || fields.length === 0) throw new Error('the built graph has no lineage to query');
  return {
    datasets: sample(inputs).map((row) => ({ namespace: row.namespace!, name: row.name! })),
    fields: sample(fields).map((row) => ({ namespace: row.namespace!, name: row.name!, field: row.field! })),
  };
}

const LINEAGE = `query ($node: NodeRef!) { lineage(node: $node, depth: 5, limit: 500) { truncated nodes { id kind label } edges { id source target kind } } }`;
const IMPACT = `query ($targets: [NodeRef!]!, $granularity: LineageGranularity) {
  impact(targets: $targets, depth: 10, granularity: $granularity) {
    totalDatasets totalFields totalJobs truncated
    items { node { id kind label } distance path owners lastSuccessfulRunAt strongestTransformation }
  }
}`;

interface Case {
  name: string;
  variables: (i: number) => Record<string, unknown>;
  query: string;
}

interface Measured {
  p50: number;
  p95: number;
  mean: number;
  errors: number;
  detail: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(url: string, c: Case, clients: number, total: number): Promise<Measured> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  let sizes = 0;
  let truncated = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const t0 = performance.now();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: c.query, variables: c.variables(i) }),
      });
      const body = (await response.json()) as {
        data?: Record<string, { nodes?: unknown[]; items?: unknown[]; truncated?: boolean }>;
        errors?: unknown[];
      };
      latencies.push(performance.now() - t0);
      const answer = body.data ? Object.values(body.data)[0] : undefined;
      if (body.errors || !answer) {
        errors++;
        if (errors === 1) log(`  ${c.name}: ${JSON.stringify(body.errors).slice(0, 300)}`);
        continue;
      }
      sizes += (answer.nodes ?? answer.items ?? []).length;
      if (answer.truncated) truncated++;
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  latencies.sort((a, b) => a - b);
  const ok = Math.max(1, latencies.length - errors);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    mean: latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length),
    errors,
    detail: `${(sizes / ok).toFixed(0)} nodes/items avg, ${truncated} truncated`,
  };
}

async function main(): Promise<void> {
  const workload = workloadFor(datasets);
  const driver = neo4j.driver(neo4jEnv.NEO4J_URI, neo4j.auth.basic(neo4jEnv.NEO4J_USER, neo4jEnv.NEO4J_PASSWORD), {
    disableLosslessIntegers: true,
  });
  try {
    let size = await graphSize(driver, workload).catch(() => null);
    if (values.rebuild || !size || size.runs < workload.runs.length) {
      log(
        `build: ${workload.jobCount} jobs, ${workload.datasetCount} tables, ${workload.events.length} events (prefix ${workload.jobNamespace})`,
      );
      await buildGraph(driver, workload);
      size = await graphSize(driver, workload);
    } else {
      log(`reusing the graph built earlier (prefix ${workload.jobNamespace}; --rebuild to write it again)`);
    }
    log(`graph: ${size.datasets} datasets, ${size.fields} fields, ${size.jobs} jobs, ${size.runs} runs`);

    const targets = await pickTargets(driver, workload, 500);
    const api = await startApiChild({ ...neo4jEnv, TRIBUTARY_AUTH: 'off' }, 'bench-query-api-');
    log(`api: lineage cache ${await lineageCacheReady(api.url)}`);
    // Ctrl-C stops the API this run started too.
    const stop = (): void => void api.stop().finally(() => process.exit(130));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const cases: Case[] = [
        {
          name: 'lineage5',
          query: LINEAGE,
          variables: (i) => ({ node: { kind: 'DATASET', ...targets.datasets[i % targets.datasets.length]! } }),
        },
        {
          name: 'impact10 dataset',
          query: IMPACT,
          variables: (i) => ({
            targets: [{ kind: 'DATASET', ...targets.datasets[(i * 7) % targets.datasets.length]! }],
            granularity: 'DATASET',
          }),
        },
        {
          name: 'impact10 column',
          query: IMPACT,
          variables: (i) => ({
            targets: [{ kind: 'FIELD', ...targets.fields[i % targets.fields.length]! }],
            granularity: 'COLUMN',
          }),
        },
      ];
      // Warm the page cache and the JIT once per case.
      for (const c of cases) await measure(api.url, c, 2, 10);
      const rows: string[] = [];
      const at4: Record<string, number> = {};
      log('');
      log('| query | clients | requests | p50 ms | p95 ms | mean ms | errors | answer size |');
      log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
      for (const clients of [1, 4, 16]) {
        for (const c of cases) {
          const total = Math.max(requestsPerCase, clients * 2);
          const m = await measure(api.url, c, clients, total);
          if (clients === 4) at4[c.name] = m.p95;
          const row = `| ${c.name} | ${clients} | ${total} | ${m.p50.toFixed(1)} | ${m.p95.toFixed(1)} | ${m.mean.toFixed(1)} | ${m.errors} | ${m.detail} |`;
          rows.push(row);
          log(row);
        }
      }
      // Baseline in the same run: the same targets with every layer read from Neo4j.
      const baseline = await startApiChild(
        { ...neo4jEnv, TRIBUTARY_AUTH: 'off', LINEAGE_CACHE: 'off' },
        'bench-query-baseline-',
      );
      try {
        log('');
        for (const c of cases) {
          await measure(baseline.url, c, 2, 10);
          const m = await measure(baseline.url, c, 4, requestsPerCase);
          log(
            `baseline (LINEAGE_CACHE=off): ${c.name} p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms (4 clients); ` +
              `p95 ratio cached/baseline ${(at4[c.name]! / m.p95).toFixed(2)}`,
          );
        }
      } finally {
        await baseline.stop();
      }
      log('');
      log(
        `query: lineage5 p95 ${at4['lineage5']!.toFixed(0)} ms, impact10 dataset p95 ${at4['impact10 dataset']!.toFixed(0)} ms, ` +
          `impact10 column p95 ${at4['impact10 column']!.toFixed(0)} ms (4 clients)`,
      );
    } finally {
      await api.stop();
    }
  } finally {
    await driver.close();
  }
}

/** Waits until the API's in-memory lineage copies are loaded (or known to be off), so the run measures steady state. */
async function lineageCacheReady(url: string): Promise<string> {
  const started = Date.now();
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as {
      components?: {
        lineageCache?: {
          state: string;
          datasets: number;
          jobs: number;
          edges: number;
          columns?: { state: string; fields: number; edges: number };
        };
      };
    };
    const cache = health.components?.lineageCache;
    if (!cache || (cache.state !== 'loading' && cache.columns?.state !== 'loading')) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const columns = cache?.columns
        ? `; column lineage ${cache.columns.state} (${cache.columns.fields} columns, ${cache.columns.edges} edges)`
        : '';
      return cache
        ? `${cache.state} after ${seconds} s (${cache.datasets} datasets, ${cache.jobs} jobs, ${cache.edges} edges${columns})`
        : 'not reported';
    }
    if (Date.now() - started > 600_000) throw new Error('the lineage cache did not load within 600 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

main().catch((error: unknown) => {
  console.error(`bench:query: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
