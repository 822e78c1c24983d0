// Ingest benchmark: the same generated events through the whole API (HTTP →
// validation → spool → drainer → LineageWriter → Neo4j) and straight into
// the same LineageWriter without HTTP (the baseline), in one run.
// usage: npm run bench:ingest -- [--events N] [--concurrency C] [--batch B] [--url http://api] [--seed S] [--ceiling] [--intake] [--warmup N]
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as http from 'node:http';
import * as https from 'node:https';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, startNeo4j, stopNeo4j } from '@tributary/dev-scripts/neo4j';
import neo4j, { type Driver } from 'neo4j-driver';
import { type ApiHandle, createStandaloneWriter, repoRoot, type StandaloneWriter, startApiChild } from './api-child.js';
import { generateWorkload, type GeneratedWorkload } from './generator.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '16' },
    batch: { type: 'string', default: '500' },
    seed: { type: 'string', default: '42' },
    url: { type: 'string' },
    'neo4j-uri': { type: 'string' },
    'neo4j-password': { type: 'string' },
    token: { type: 'string' },
    'skip-baseline': { type: 'boolean', default: false },
    ceiling: { type: 'boolean', default: false },
    intake: { type: 'boolean', default: false },
    warmup: { type: 'string', default: '0' },
  },
});
const events = Number(values.events);
const concurrency = Number(values.concurrency);
const batchSize = Number(values.batch);
const seed = Number(values.seed);
const warmupEvents = Number(values.warmup);
// The API the bench starts gets this admin token; with --url pass --token.
const token = values.token ?? `bench-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}-token`;

const log = (line: string): void => console.log(line);
/** The ingest issue's target rate, against which each pass's CPU per event is set. */
const TARGET_EVENTS_PER_SECOND = 2000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function countVisible(driver: Driver, workload: GeneratedWorkload): Promise<number> {
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    const result = await session.run(
      `MATCH (r:Run) WHERE r.jobId STARTS WITH $prefix AND r.state = 'COMPLETE' AND r.startedAt IS NOT NULL
       RETURN count(r) AS n`,
      { prefix: `job:${workload.jobNamespace}:` },
    );
    return Number(result.records[0]?.get('n') ?? 0);
  } finally {
    await session.close();
  }
}

/** Polls `check` every 100 ms until it answers null; past the deadline, fails with its last answer. */
async function pollUntilDone(timeoutMs: number, check: () => Promise<string | null>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await check();
    if (pending === null) return;
    if (Date.now() > deadline) throw new Error(`${pending} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitVisible(driver: Driver, workload: GeneratedWorkload, timeoutMs: number): Promise<void> {
  await pollUntilDone(timeoutMs, async () => {
    const visible = await countVisible(driver, workload);
    return visible >= workload.runs.length ? null : `only ${visible}/${workload.runs.length} runs visible`;
  });
}

/**
 * Every event got its 201, so it is in the spool: an empty backlog means the
 * drainer committed them all. Asking the API's /health is cheap, where
 * counting runs in Neo4j every 100 ms would scan them all and take CPU from
 * the writes being measured (the baseline counts only once its writes end).
 */
async function waitDrained(url: string, timeoutMs: number): Promise<void> {
  await pollUntilDone(timeoutMs, async () => {
    const backlog = await spoolBacklog(url);
    return backlog === 0 ? null : `${backlog} events still in the spool`;
  });
}

async function spoolBacklog(url: string): Promise<number> {
  const health = (await (await fetch(`${url}/health`)).json()) as {
    components?: { intake?: { backlog?: { events?: number } } };
  };
  const backlog = health.components?.intake?.backlog?.events;
  if (backlog === undefined) throw new Error('/health does not report the intake backlog');
  return backlog;
}

/** The API's graph writer without HTTP, on a migrated database, closed after `use`. */
async function withWriter<T>(
  neo4jEnv: NodeJS.ProcessEnv,
  use: (standalone: StandaloneWriter) => Promise<T>,
): Promise<T> {
  const standalone = await createStandaloneWriter({ ...neo4jEnv, LOG_LEVEL: 'warn' });
  try {
    await standalone.migrations.whenReady();
    return await use(standalone);
  } finally {
    await standalone.close();
  }
}

/** Events through `writeBatch`, `--batch` at a time, as the baseline writes them. */
async function writeInBatches(writer: StandaloneWriter['writer'], accepted: unknown[]): Promise<void> {
  for (let i = 0; i < accepted.length; i += batchSize) await writer.writeBatch(accepted.slice(i, i + batchSize));
}

/** The events as the intake hands them to the writer: valid, nothing renamed. */
function asAccepted(workload: GeneratedWorkload): unknown[] {
  const receivedAt = new Date().toISOString();
  return workload.events.map((event) => ({ event, kind: 'RunEvent', unusableFacets: [], renamed: [], receivedAt }));
}

/**
 * With `--warmup N`, runs each Neo4j the bench started through its first
 * minutes (N events of another workload, written, then deleted) before the
 * pass measures an empty database. A freshly started JVM spends those
 * minutes compiling: in 2,500-event rounds written into one Neo4j, the
 * first round cost it 67 s of CPU and the third 14 s (docs/benchmarks.md),
 * and a server in production is past that. The default, 0, measures a cold
 * Neo4j, as every figure before this option did.
 */
async function warmUp(neo4jEnv: NodeJS.ProcessEnv, driver: Driver): Promise<void> {
  if (warmupEvents <= 0) return;
  const workload = generateWorkload({ events: warmupEvents, seed: seed + 1, prefix: `warm${Date.now().toString(36)}` });
  const accepted = asAccepted(workload);
  const started = performance.now();
  await withWriter(neo4jEnv, ({ writer }) => writeInBatches(writer, accepted));
  const session = driver.session();
  try {
    // The migrations' record stays, so the pass starts as a migrated, empty database.
    await session.run('MATCH (n) WHERE NOT n:GraphMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
    const left = await session.run('MATCH (n) WHERE NOT n:GraphMigration RETURN count(n) AS n');
    if (Number(left.records[0]?.get('n')) !== 0) throw new Error('the warm-up graph was not deleted');
  } finally {
    await session.close();
  }
  log(
    `warm-up: ${accepted.length} events written and deleted in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function baseline(neo4jEnv: NodeJS.ProcessEnv, driver: Driver, neo4jPid: number | undefined): Promise<number> {
  const workload = generateWorkload({ events, seed, prefix: `base${Date.now().toString(36)}` });
  const accepted = asAccepted(workload);
  return withWriter(neo4jEnv, async ({ writer }) => {
    const cpu = cpuMeter({ writer: process.pid, neo4j: neo4jPid });
    const started = performance.now();
    await writeInBatches(writer, accepted);
    await waitVisible(driver, workload, 60_000);
    const seconds = (performance.now() - started) / 1000;
    const rate = accepted.length / seconds;
    log(
      `baseline: ${accepted.length} events in ${seconds.toFixed(1)} s through LineageWriter.writeBatch (batches of ${batchSize}) = ${rate.toFixed(0)} events/s`,
    );
    log(`baseline ${cpu.stop(accepted.length)}`);
    return rate;
  });
}

/**
 * The same events written as one plan (every event aggregated first, each
 * node and edge written once, 5,000 rows per transaction) into an empty
 * database: what the writer's statements cost with perfect batching, a
 * ceiling for any writer that commits events as they arrive.
 */
async function ceiling(neo4jEnv: NodeJS.ProcessEnv): Promise<void> {
  const workload = generateWorkload({ events, seed, prefix: `ceil${Date.now().toString(36)}` });
  const accepted = asAccepted(workload);
  const { planMs, writeMs, rows } = await withWriter(neo4jEnv, ({ writeAsOnePlan }) => writeAsOnePlan(accepted, 5_000));
  const seconds = (planMs + writeMs) / 1000;
  log(
    `ceiling: ${accepted.length} events as one plan in ${seconds.toFixed(1)} s (facts and plan ${(planMs / 1000).toFixed(1)} s, ` +
      `writes ${(writeMs / 1000).toFixed(1)} s for ${rows} rows) = ${(accepted.length / seconds).toFixed(0)} events/s, ` +
      `writes alone ${(accepted.length / (writeMs / 1000)).toFixed(0)} events/s`,
  );
}

/** Peak resident memory of a process (kB → MB), sampled, plus the kernel's high-water mark. */
function rssSampler(pid: number | undefined): { stop(): number } {
  let peak = 0;
  const read = (): void => {
    if (!pid) return;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+)/.exec(status);
      const rss = /VmRSS:\s+(\d+)/.exec(status);
      peak = Math.max(peak, Number(hwm?.[1] ?? 0), Number(rss?.[1] ?? 0));
    } catch {
      // the process is gone; keep what was sampled
    }
  };
  const timer = setInterval(read, 200);
  return {
    stop: () => {
      read();
      clearInterval(timer);
      return peak / 1024;
    },
  };
}

/** CPU time (user + system) a process has used so far, in seconds; undefined once it is gone. */
function cpuSeconds(pid: number): number | undefined {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name,
    // which may hold spaces; in USER_HZ, 100 per second on Linux.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/**
 * CPU each process of a pass used per event. Every process shares the
 * machine's cores, so the sum bounds the rate: at the target's 2,000
 * events/s, 2 cores leave 1 ms of CPU per event for all of them together.
 */
function cpuMeter(processes: Record<string, number | undefined>): { stop(events: number): string } {
  const start = new Map<string, number>();
  for (const [name, pid] of Object.entries(processes)) {
    const used = pid === undefined ? undefined : cpuSeconds(pid);
    if (used !== undefined) start.set(name, used);
  }
  return {
    stop: (events) => {
      const parts: string[] = [];
      let total = 0;
      let unmeasured = false;
      for (const [name, pid] of Object.entries(processes)) {
        const before = start.get(name);
        const after = pid === undefined ? undefined : cpuSeconds(pid);
        if (before === undefined || after === undefined) {
          parts.push(`${name} not measured`);
          unmeasured = true;
          continue;
        }
        const msPerEvent = ((after - before) * 1000) / events;
        total += msPerEvent;
        parts.push(`${name} ${msPerEvent.toFixed(2)}`);
      }
      const cores = availableParallelism();
      return (
        `cpu per event: ${parts.join(', ')} = ${total.toFixed(2)} ms${unmeasured ? ' (measured ones only)' : ''}; ` +
        `${TARGET_EVENTS_PER_SECOND} events/s on ${cores} cores allow ${((cores * 1000) / TARGET_EVENTS_PER_SECOND).toFixed(2)} ms`
      );
    },
  };
}

/**
 * Posts every body to `/api/v1/lineage`, `--concurrency` at a time, over
 * keep-alive connections; a 503 is retried after its Retry-After. node:http
 * rather than fetch: the client shares the 2 cores with the API and Neo4j,
 * and fetch cost it 1.3-1.6 ms of CPU per event against node:http's
 * 0.35-0.47 ms (6,000-event intake passes, docs/benchmarks.md).
 */
async function postAll(url: string, bodies: readonly string[]): Promise<{ latencies: number[]; failures: number }> {
  const target = new URL('/api/v1/lineage', url);
  // `--url` may name an API behind TLS.
  const transport = target.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: concurrency });
  const post = (body: string): Promise<{ status: number; retryAfter: string | undefined }> =>
    new Promise((resolve, reject) => {
      const request = transport.request(
        target,
        {
          agent,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${token}`,
          },
        },
        (response) => {
          response.resume();
          response.once('error', reject);
          response.once('end', () =>
            resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] }),
          );
        },
      );
      request.once('error', reject);
      request.end(body);
    });
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= bodies.length) return;
      for (;;) {
        const t0 = performance.now();
        const { status, retryAfter } = await post(bodies[i]!);
        latencies.push(performance.now() - t0);
        if (status === 201 || status === 200) break;
        failures++;
        if (status !== 503) throw new Error(`POST answered ${status}`);
        await new Promise((r) => setTimeout(r, Number(retryAfter ?? 1) * 1000));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { latencies, failures };
}

/**
 * The intake alone: the same workload posted to an API whose Neo4j is not
 * there, so every event is parsed, validated, normalized and fsync'd into
 * the spool and none is written to a graph (the outage mode the intake must
 * survive). What the HTTP half of the pipeline costs on this machine, apart
 * from Neo4j: an upper bound for the end-to-end rate.
 */
async function intakeAlone(): Promise<void> {
  const workload = generateWorkload({ events, seed, prefix: `intake${Date.now().toString(36)}` });
  const bodies = workload.events.map((event) => JSON.stringify(event));
  const spooled = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
  const api = await startApiChild(
    {
      // A port nothing listens on: the drainer retries with backoff and never writes.
      NEO4J_URI: `bolt://127.0.0.1:${await freePort()}`,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: 'unused',
      TRIBUTARY_ADMIN_TOKEN: token,
      LOG_LEVEL: 'fatal',
      // Room for the whole workload: the pass measures the intake, not the 503 of a full spool.
      INTAKE_SPOOL_MAX_BYTES: String(Math.max(1024 ** 3, 2 * spooled)),
    },
    'bench-intake-',
  );
  try {
    const cpu = cpuMeter({ client: process.pid, api: api.pid });
    const started = performance.now();
    const { latencies, failures } = await postAll(api.url, bodies);
    const seconds = (performance.now() - started) / 1000;
    const backlog = await spoolBacklog(api.url);
    if (backlog < bodies.length) throw new Error(`only ${backlog} of ${bodies.length} events in the spool`);
    latencies.sort((a, b) => a - b);
    log(
      `intake alone: ${bodies.length} events posted in ${seconds.toFixed(1)} s (concurrency ${concurrency}, ${failures} retried 503s, ` +
        `no Neo4j: all in the spool) = ${(bodies.length / seconds).toFixed(0)} events/s; ` +
        `http latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
    );
    log(`intake alone ${cpu.stop(bodies.length)}`);
  } finally {
    await api.stop();
  }
}

async function endToEnd(
  url: string,
  pid: number | undefined,
  driver: Driver,
  neo4jPid: number | undefined,
): Promise<{ rate: number; p50: number; p99: number; rssMb: number }> {
  const workload = generateWorkload({ events, seed, prefix: `e2e${Date.now().toString(36)}` });
  const bodies = workload.events.map((event) => JSON.stringify(event));
  const rss = rssSampler(pid);
  const cpu = cpuMeter({ client: process.pid, api: pid, neo4j: neo4jPid });
  const started = performance.now();
  const { latencies, failures } = await postAll(url, bodies);
  const postedSeconds = (performance.now() - started) / 1000;
  // How far the drainer kept up while the API was also answering posts.
  const backlogAtLastPost = await spoolBacklog(url);
  await waitDrained(url, 600_000);
  await waitVisible(driver, workload, 60_000);
  const seconds = (performance.now() - started) / 1000;
  const rssMb = rss.stop();
  const cpuLine = cpu.stop(bodies.length);
  latencies.sort((a, b) => a - b);
  const rate = bodies.length / seconds;
  log(
    `end-to-end: ${bodies.length} events posted in ${postedSeconds.toFixed(1)} s (concurrency ${concurrency}, ${failures} retried 503s, ` +
      `${backlogAtLastPost} still in the spool then), all visible in Neo4j after ${seconds.toFixed(1)} s = ${rate.toFixed(0)} events/s`,
  );
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  log(`http latency: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; peak API RSS ${rssMb.toFixed(0)} MB`);
  log(`end-to-end ${cpuLine}`);
  return { rate, p50, p99, rssMb };
}

async function main(): Promise<void> {
  const sample = generateWorkload({ events: Math.min(events, 2000), seed });
  const bytes = sample.events.reduce((sum, e) => sum + JSON.stringify(e).length, 0) / sample.events.length;
  log(
    `workload: ${events} events (${Math.ceil(events / 2)} task runs, ~${sample.jobCount * Math.ceil(events / 2000)} jobs), mean event ${(bytes / 1024).toFixed(1)} KiB, seed ${seed}`,
  );

  const uri = values['neo4j-uri'] ?? (values.url ? process.env.NEO4J_URI : undefined);
  let cleanup = async (): Promise<void> => {};
  let api: ApiHandle | undefined;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void (async () => {
        await api?.stop();
        await cleanup();
        process.exit(130);
      })();
    });
  }
  /**
   * Each pass writes into an empty database of its own when the bench owns
   * Neo4j: the end-to-end pass must not start against the baseline's graph
   * (slower writes, and an API whose lineage copies load that graph too).
   * With --neo4j-uri both passes share the given database.
   */
  const withNeo4j = async <T>(
    pass: (env: NodeJS.ProcessEnv, driver: Driver, neo4jPid: number | undefined) => Promise<T>,
  ): Promise<T> => {
    let env: NodeJS.ProcessEnv;
    // Known only for a Neo4j the bench started; one given with --neo4j-uri is not measured.
    let neo4jPid: number | undefined;
    if (uri) {
      env = {
        NEO4J_URI: uri,
        NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j',
        NEO4J_PASSWORD: values['neo4j-password'] ?? process.env.NEO4J_PASSWORD ?? 'tributary-dev',
      };
    } else {
      mkdirSync(join(repoRoot, '.data'), { recursive: true });
      const home = mkdtempSync(join(repoRoot, '.data', 'bench-neo4j-'));
      const port = await freePort();
      const password = 'bench-' + Math.random().toString(36).slice(2);
      const server = await startNeo4j({ home, port, password, heap: '1g', pageCacheMb: 512, log: () => {} });
      neo4jPid = server.pid;
      log(`neo4j: ${server.version} on bolt://127.0.0.1:${port} (throw-away, ${home})`);
      env = { NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: password };
      cleanup = async () => {
        await stopNeo4j({ home, log: () => {} });
        rmSync(home, { recursive: true, force: true });
      };
    }
    const driver = neo4j.driver(env.NEO4J_URI!, neo4j.auth.basic(env.NEO4J_USER!, env.NEO4J_PASSWORD!));
    try {
      // Never on a database given with --neo4j-uri: warming up empties it.
      if (!uri) await warmUp(env, driver);
      else if (warmupEvents > 0) log('warm-up: skipped, the database is not one the bench started');
      return await pass(env, driver, neo4jPid);
    } finally {
      await driver.close();
      await cleanup();
      cleanup = async () => {};
    }
  };

  if (values.intake) await intakeAlone();
  if (values.ceiling) await withNeo4j((env) => ceiling(env));
  const base = values['skip-baseline']
    ? Number.NaN
    : await withNeo4j((env, driver, neo4jPid) => baseline(env, driver, neo4jPid));
  const e2e = await withNeo4j(async (env, driver, neo4jPid) => {
    let url = values.url;
    try {
      if (!url) {
        api = await startApiChild({ ...env, TRIBUTARY_ADMIN_TOKEN: token }, 'bench-api-');
        url = api.url;
      }
      return await endToEnd(url, api?.pid, driver, neo4jPid);
    } finally {
      await api?.stop();
      api = undefined;
    }
  });
  log(
    `ingest: ${e2e.rate.toFixed(0)} events/s end-to-end, baseline ${base.toFixed(0)} events/s, ratio ${(e2e.rate / base).toFixed(2)}`,
  );
}

main().catch((error: unknown) => {
  console.error(`bench:ingest failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
