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
