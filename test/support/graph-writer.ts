import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateEvent, type DatasetRename, type EventKind, type OpenLineageEvent } from '@tributary/openlineage';
import { completeEvent } from '@tributary/openlineage/corpus';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { neo4jEnv, repoRoot } from './env.js';

/** The AcceptedEvent contract of apps/api/src/graph/accepted-event.ts (tests do not import api sources). */
export interface AcceptedEvent {
  event: OpenLineageEvent;
  kind: EventKind;
  unusableFacets: string[];
  renamed: DatasetRename[];
  receivedAt: string;
}

export interface GraphWriterHandle {
  writeBatch(events: AcceptedEvent[]): Promise<void>;
  /** The ingest benchmark's ceiling pass: every event aggregated into one plan, written once. */
  writeAsOnePlan(events: AcceptedEvent[], rowsPerTransaction: number): Promise<unknown>;
  driver: Driver;
  close(): Promise<void>;
}

interface StandaloneModule {
  createStandaloneWriter(env: NodeJS.ProcessEnv): {
    writer: { writeBatch(events: AcceptedEvent[]): Promise<void> };
    migrations: { whenReady(): Promise<void> };
    writeAsOnePlan(events: AcceptedEvent[], rowsPerTransaction: number): Promise<unknown>;
    close(): Promise<void>;
  };
}

/** The API's own LineageWriter (compiled apps/api/dist), wired without Nest, against the test Neo4j. */
export async function openGraphWriter(): Promise<GraphWriterHandle> {
  const env = neo4jEnv();
  const url = pathToFileURL(join(repoRoot, 'apps', 'api', 'dist', 'graph', 'standalone-writer.js')).href;
  const mod = (await import(url)) as StandaloneModule;
  const standalone = mod.createStandaloneWriter({ ...env, LOG_LEVEL: 'warn' });
  await standalone.migrations.whenReady();
  const driver = neo4j.driver(env.NEO4J_URI, neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD), {
    disableLosslessIntegers: true,
  });
  return {
    writeBatch: (events) => standalone.writer.writeBatch(events),
    writeAsOnePlan: (events, rowsPerTransaction) => standalone.writeAsOnePlan(events, rowsPerTransaction),
    driver,
    close: async () => {
      await standalone.close();
      await driver.close();
    },
  };
}

/**
 * A copy of `event` whose every namespace gets `-<suffix>` and whose run ids
 * are replaced consistently through `runIds`, so each test writes its own
 * corner of the shared database.
 */
export function isolate<T>(event: T, suffix: string, runIds: Map<string, string>): T {
  const walk = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item, ''));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    if (typeof value === 'string' && key === 'namespace') return `${value}-${suffix}`;
    if (typeof value === 'string' && key === 'runId') {
      if (!runIds.has(value)) runIds.set(value, randomUUID());
      return runIds.get(value);
    }
    return value;
  };
  return walk(event, '') as T;
}

const FACET_MAPS = new Set(['facets', 'inputFacets', 'outputFacets']);

/**
 * Corpus expectations omit every facet's `_producer`/`_schemaURL`, which makes
 * the validator (rightly) treat standard facets as unusable; a real producer
 * sends them, so graph tests add them.
 */
export function withFacetProducers<T>(event: T): T {
  const walk = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item, ''));
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value).map(([k, v]) => [k, walk(v, k)] as const);
    if (!FACET_MAPS.has(key)) return Object.fromEntries(entries);
    return Object.fromEntries(
      entries.map(([name, facet]) =>
        typeof facet === 'object' && facet !== null && !Array.isArray(facet)
          ? [
              name,
              {
                _producer: 'https://example.com/producer',
                _schemaURL: `https://openlineage.io/spec/facets/1-0-0/${name}.json`,
                ...facet,
              },
            ]
          : [name, facet],
      ),
    );
  };
  return walk(event, '') as T;
}

/** A corpus event made ready to write: required fields filled, facets attributed, namespaces and run ids isolated. */
export function prepare(raw: unknown, suffix: string, runIds: Map<string, string>): unknown {
  return isolate(withFacetProducers(completeEvent(raw as Record<string, unknown>).event), suffix, runIds);
}

/** Validates like the intake does and wraps the result as an AcceptedEvent. */
export function accept(event: unknown, renamed: DatasetRename[] = []): AcceptedEvent {
  const result = validateEvent(event);
  if (!result.ok) throw new Error(`test event invalid: ${JSON.stringify(result.problems)}`);
  return {
    event: result.event,
    kind: result.kind,
    unusableFacets: [...result.unusableFacets],
    renamed,
    receivedAt: new Date().toISOString(),
  };
}

function show(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(show).join(',')}]`;
  if (typeof value === 'object' && 'toString' in value && value.constructor?.name === 'DateTime') return String(value);
  return JSON.stringify(value);
}

/**
 * Write bookkeeping, not lineage: the lineage clock's stamp records the commit
 * that last touched a node, so it follows arrival order by design
 * (docs/graph-model.md, LineageClock). Everything else must not.
 */
const COMMIT_ORDER_PROPERTIES = new Set(['topologySeq', 'columnTopologySeq', 'detailsSeq']);

function props(p: Record<string, unknown>): string {
  return Object.keys(p)
    .filter((k) => !COMMIT_ORDER_PROPERTIES.has(k))
    .sort()
    .map((k) => `${k}=${show(p[k])}`)
    .join(' ');
}

/**
 * Every node whose id, namespace or jobId contains `marker` (runs through
 * their jobId) and every relationship leaving them, one sorted line each.
 */
export async function dumpGraph(driver: Driver, marker: string): Promise<string[]> {
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    const result = await session.run(
      `MATCH (n) WHERE n.id CONTAINS $m OR n.namespace CONTAINS $m OR n.jobId CONTAINS $m
       OPTIONAL MATCH (n)-[r]->(o)
       RETURN labels(n) AS labels, properties(n) AS node, type(r) AS type, properties(r) AS rel, o.id AS target`,
      { m: marker },
    );
    const lines = new Set<string>();
    for (const record of result.records) {
      const node = record.get('node') as Record<string, unknown>;
      lines.add(`(${(record.get('labels') as string[]).join(':')} ${props(node)})`);
      const type = record.get('type') as string | null;
      if (type)
        lines.add(
          `${String(node.id)} -[${type} ${props(record.get('rel') as Record<string, unknown>)}]-> ${String(record.get('target'))}`,
        );
    }
    return [...lines].sort();
  } finally {
    await session.close();
  }
}

export async function query<T = Record<string, unknown>>(
  driver: Driver,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    const result = await session.run(cypher, params);
    return result.records.map((r) => r.toObject() as T);
  } finally {
    await session.close();
  }
}

export const uniqueSuffix = (): string => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/** What the one-time graph migrations of apps/api take: read and write transactions. */
export interface MigrationTransactions {
  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
}

/**
 * Runs `use` with a compiled migration module of apps/api/dist/graph (by file
 * name) and transactions over one session of `driver`, closed after.
 */
export async function withMigration<M, T>(
  driver: Driver,
  file: string,
  use: (migration: M, db: MigrationTransactions) => Promise<T>,
): Promise<T> {
  const migration = (await import(pathToFileURL(join(repoRoot, 'apps', 'api', 'dist', 'graph', file)).href)) as M;
  const session = driver.session();
  try {
    return await use(migration, {
      read: (work) => session.executeRead(work),
      write: (work) => session.executeWrite(work),
    });
  } finally {
    await session.close();
  }
}
