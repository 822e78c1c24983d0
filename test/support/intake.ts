import { randomBytes, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import neo4j, { type Driver } from 'neo4j-driver';
import type { EventType, RunEvent } from '@tributary/openlineage';
import { neo4jEnv } from './env.js';

/** A namespace no other test (or earlier run) uses, so tests never collide in the shared Neo4j. */
export function uniqueNamespace(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export type RunEventOptions = {
  namespace: string;
  job: string;
  runId?: string;
  eventType?: EventType;
  eventTime?: string;
  inputs?: string[];
  outputs?: string[];
  /** Columns of every output's schema facet. */
  fields?: string[];
};

/** A valid OpenLineage 2-0-2 RunEvent; datasets live in `<namespace>-db`. */
export function runEvent(options: RunEventOptions): RunEvent {
  const datasetNamespace = `${options.namespace}-db`;
  const schema = options.fields && {
    _producer: 'https://tributary.test/producer',
    _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
    fields: options.fields.map((name) => ({ name, type: 'VARCHAR' })),
  };
  return {
    eventType: options.eventType ?? 'COMPLETE',
    eventTime: options.eventTime ?? new Date().toISOString(),
    producer: 'https://tributary.test/producer',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: options.runId ?? randomUUID() },
    job: { namespace: options.namespace, name: options.job },
    inputs: (options.inputs ?? []).map((name) => ({ namespace: datasetNamespace, name })),
    outputs: (options.outputs ?? []).map((name) => ({
      namespace: datasetNamespace,
      name,
      ...(schema ? { facets: { schema } } : {}),
    })),
  };
}

export type Answer = { status: number; headers: Headers; text: string; json: () => unknown };

export type PostOptions = {
  gzip?: boolean;
  token?: string;
  contentType?: string;
  headers?: Record<string, string>;
};

/** POSTs a raw body (string or bytes) to `path` of the API. */
export async function post(
  url: string,
  path: string,
  body: string | Buffer,
  options: PostOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/json',
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: string | Buffer = body;
  if (options.gzip) {
    payload = gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: payload });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
}

/** POST /api/v1/lineage with one event. */
export function postEvent(url: string, event: unknown, options: PostOptions = {}): Promise<Answer> {
  return post(url, '/api/v1/lineage', JSON.stringify(event), options);
}

/** POST /api/v1/lineage/batch with a JSON array of events. */
export function postBatch(url: string, events: unknown[], options: PostOptions = {}): Promise<Answer> {
  return post(url, '/api/v1/lineage/batch', JSON.stringify(events), options);
}

/** A driver on the test Neo4j (or `uri`), for assertions on what the intake wrote. */
export function graphDriver(uri?: string, password?: string): Driver {
  const env = neo4jEnv();
  return neo4j.driver(uri ?? env.NEO4J_URI, neo4j.auth.basic(env.NEO4J_USER, password ?? env.NEO4J_PASSWORD), {
    disableLosslessIntegers: true,
  });
}

/** How many of the given runIds exist as Run nodes. */
export async function countRuns(driver: Driver, runIds: readonly string[]): Promise<number> {
  const result = await driver.executeQuery('MATCH (r:Run) WHERE r.id IN $ids RETURN count(r) AS n', { ids: runIds });
  return Number(result.records[0]?.get('n') ?? 0);
}

export type LoadResult = {
  /** runIds of every event that got a 201 (directly or as a batch entry). */
  accepted: string[];
  /** Answers other than 201/200 (status and body). */
  refused: { status: number; text: string }[];
  /** Requests that got no answer (connection refused or reset). */
  networkErrors: number;
};

/**
 * Posts unique RunEvents from `concurrency` workers until `until()` is true:
 * single events and gzip batches of `batchSize` in turn, the way several
 * producers would. Every event is its own run, so the graph can be checked
 * for exactly the acknowledged ones.
 */
export async function runLoad(options: {
  url: () => string;
  namespace: string;
  concurrency: number;
  batchSize: number;
  until: () => boolean;
  /** Stop once this many events are posted (keeps a slow machine from piling up a huge backlog). */
  maxEvents?: number;
  /** Pause of each worker between two requests. */
  pauseMs?: number;
}): Promise<LoadResult> {
  const result: LoadResult = { accepted: [], refused: [], networkErrors: 0 };
  let sequence = 0;
  const worker = async (id: number): Promise<void> => {
    for (let round = 0; !options.until() && sequence < (options.maxEvents ?? Infinity); round++) {
      if (options.pauseMs && round > 0) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      const size = round % 2 === 0 ? 1 : options.batchSize;
      const events = Array.from({ length: size }, () =>
        runEvent({
          namespace: options.namespace,
          job: `job-${sequence++ % 50}`,
          inputs: [`in-${id}`],
          outputs: [`out-${sequence % 20}`],
        }),
      );
      try {
        const send = () =>
          size === 1 ? postEvent(options.url(), events[0]) : postBatch(options.url(), events, { gzip: true });
        // One retry, as OpenLineage clients do: a pooled keep-alive connection the
        // server closed just as it was reused fails without any answer.
        const answer = await send().catch(async () => {
          if (options.until()) throw new Error('stopped');
          await new Promise((resolve) => setTimeout(resolve, 50));
          return send();
        });
        if (size === 1 && answer.status === 201) {
          result.accepted.push(events[0]?.run.runId as string);
        } else if (size > 1 && answer.status === 200) {
          const body = answer.json() as { results: { index: number; status: number }[] };
          for (const entry of body.results) {
            if (entry.status === 201) result.accepted.push(events[entry.index]?.run.runId as string);
            else result.refused.push({ status: entry.status, text: JSON.stringify(entry) });
          }
        } else {
          result.refused.push({ status: answer.status, text: answer.text });
        }
      } catch {
        result.networkErrors++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => worker(i)));
  return result;
}
