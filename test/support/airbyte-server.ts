// A local stand-in for Airbyte's public API v1 that serves the shapes of the
// airbyte-platform fixtures in ../shared/fixtures/airbyte (read at test time):
// the stored connection, its MySQL source and CSV destination, the Postgres
// configured catalog, the connection-create request and the failed-job
// notification, converted from Airbyte's internal forms into the public API's
// (JobResponse, ConnectionResponse, StreamProperties…) as `api.yaml` defines them.
// Faults (expired tokens, 429, 500, deletions) are injected per test.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sharedDir } from './env.js';

type Json = Record<string, unknown>;

export interface ReplayWorld {
  /** POST /api/v1/jobs/get (Configuration API) answers by job id; other ids answer 404. */
  jobInfo: Record<number, Json>;
  workspaces: Json[];
  sources: Json[];
  destinations: Json[];
  connections: Json[];
  /** GET /streams answers by sourceId. */
  streams: Record<string, Json[]>;
  jobs: Json[];
}

function sample<T = Json>(file: string): T {
  return JSON.parse(readFileSync(join(sharedDir, 'fixtures', 'airbyte', 'samples', file), 'utf8')) as T;
}

/** Airbyte's internal sync modes → the public API's ConnectionSyncModeEnum. */
function publicSyncMode(syncMode: string, destinationSyncMode: string | undefined): string {
  const destination =
    destinationSyncMode === 'append_dedup'
      ? 'deduped_history'
      : destinationSyncMode === 'overwrite'
        ? 'overwrite'
        : syncMode === 'full_refresh'
          ? 'overwrite'
          : 'append';
  return syncMode === 'full_refresh'
    ? `full_refresh_${destination === 'deduped_history' ? 'overwrite_deduped' : destination}`
    : `incremental_${destination}`;
}

function propertyFields(jsonSchema: Json | undefined): string[][] {
  const properties = (jsonSchema?.properties ?? {}) as Json;
  return Object.keys(properties).map((name) => [name]);
}

function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h}H${m}M${s}S`;
}

export const IDS = {
  workspace: '', // from the fixtures
  mysqlSource: '',
  csvDestination: '',
  mysqlToCsv: '',
  pgSource: '1f1b0c52-5b55-4d59-9d2c-4a2f3c9a0001',
  pgWarehouse: '1f1b0c52-5b55-4d59-9d2c-4a2f3c9a0002',
  pgToWarehouse: '1f1b0c52-5b55-4d59-9d2c-4a2f3c9a0003',
  dataStream: '1f1b0c52-5b55-4d59-9d2c-4a2f3c9a0004',
  doomed: '1f1b0c52-5b55-4d59-9d2c-4a2f3c9a0005',
};

/**
 * The world the fixtures describe, as the public API would list it:
 * - "default": MySQL `localhost_test` → CSV, two streams (fixture STANDARD_SYNC), and
 *   the failed job 100 of the notification fixture (48 rows, 9000 bytes);
 * - "pg-to-warehouse": the 44-stream Postgres configured catalog → a Postgres warehouse
 *   with namespace `airbyte_${SOURCE_NAMESPACE}` and prefix `pg_`; `organization`
 *   selects three fields, the others sync all discovered fields;
 * - "replace_connection_name": the connection-create fixture (one stream `data_stream`,
 *   destination namespace) from the MySQL source to the warehouse;
 * - a copy of "default" that tests delete between two calls.
 */
export function fixtureWorld(): ReplayWorld {
  const sync = sample<Json & { catalog: { streams: Json[] } }>('standard_sync_49dae3f0.json');
  const mysql = sample('source_connection_28ffee2b.json');
  const csv = sample('destination_connection_5434615d.json');
  const create = sample<Json & { syncCatalog: { streams: Json[] } }>('connection_create_request.json');
  const pgCatalog = sample<{ streams: Json[] }>('configured_catalog_internal-pg.json');
  const failure = sample<{ message_data: Json }>('job_failure_notification.json').message_data;

  const workspaceId = String(mysql.workspaceId);
  Object.assign(IDS, {
    workspace: workspaceId,
    mysqlSource: String(mysql.sourceId),
    csvDestination: String(csv.destinationId),
    mysqlToCsv: String(sync.connectionId),
  });
  const createdAt = 1_700_000_000;

  const sources: Json[] = [
    // 435bb9a5-… is the MySQL source definition in Airbyte's registry.
    { ...mysql, sourceType: 'mysql', definitionId: mysql.sourceDefinitionId, createdAt },
    {
      sourceId: IDS.pgSource,
      name: 'Airbyte config database',
      sourceType: 'postgres',
      definitionId: 'decd338e-5647-4c0b-adf4-da0e75f5a750',
      workspaceId,
      configuration: { host: 'DB.internal', port: 5432, database: 'airbyte', schemas: ['public'], username: 'reader' },
      createdAt,
    },
  ];
  const destinations: Json[] = [
    // 8be1cf83-… is the local CSV destination.
    { ...csv, destinationType: 'csv', definitionId: csv.destinationDefinitionId, createdAt },
    {
      destinationId: IDS.pgWarehouse,
      name: 'Warehouse',
      destinationType: 'postgres',
      definitionId: '25c5221d-dce2-4163-ade9-739ef790f503',
      workspaceId,
      configuration: { host: 'warehouse', port: 5432, database: 'analytics', schema: 'landing' },
      createdAt,
    },
  ];

  // The stored sync names MySQL streams "database.table" without a namespace (an older
  // connector); the public API lists them as namespace + name.
  const mysqlStreams = sync.catalog.streams.map((entry) => {
    const stream = entry.stream as Json;
    const [database, table] = String(stream.name).split('.');
    return {
      name: table,
      namespace: database,
      syncMode: publicSyncMode(String(entry.sync_mode), entry.destination_sync_mode as string | undefined),
      cursorField: entry.cursor_field,
      primaryKey: [],
    };
  });
  const mysqlProperties = sync.catalog.streams.map((entry) => {
    const stream = entry.stream as Json;
    const [database, table] = String(stream.name).split('.');
    return {
      streamName: table,
      streamnamespace: database,
      syncModes: (stream.supported_sync_modes as string[]).map((mode) => publicSyncMode(mode, undefined)),
      propertyFields: propertyFields(stream.json_schema as Json),
    };
  });
  const connection = (id: string, name: string, extra: Json): Json => ({
    connectionId: id,
    name,
    workspaceId,
    status: 'active',
    schedule: { scheduleType: 'manual' },
    createdAt,
    tags: [],
    ...extra,
  });
  const connections: Json[] = [
    connection(IDS.mysqlToCsv, String(sync.name), {
      sourceId: sync.sourceId,
      destinationId: sync.destinationId,
      prefix: sync.prefix,
      namespaceDefinition: 'source',
      configurations: { streams: mysqlStreams },
    }),
    connection(IDS.pgToWarehouse, 'pg-to-warehouse', {
      sourceId: IDS.pgSource,
      destinationId: IDS.pgWarehouse,
      namespaceDefinition: 'custom_format',
      namespaceFormat: 'airbyte_${SOURCE_NAMESPACE}',
      prefix: 'pg_',
      configurations: {
        streams: pgCatalog.streams.map((entry) => {
          const stream = entry.stream as Json;
          return {
            name: stream.name,
            namespace: stream.namespace,
            syncMode: publicSyncMode(String(entry.sync_mode), entry.destination_sync_mode as string | undefined),
            cursorField: entry.cursor_field,
            primaryKey: entry.primary_key,
            ...(stream.name === 'organization'
              ? { selectedFields: [{ fieldPath: ['id'] }, { fieldPath: ['name'] }, { fieldPath: ['email'] }] }
              : {}),
          };
        }),
      },
    }),
    connection(IDS.dataStream, String(create.name), {
      sourceId: IDS.mysqlSource,
      destinationId: IDS.pgWarehouse,
      prefix: create.prefix,
      namespaceDefinition: create.namespaceDefinition,
      namespaceFormat: create.namespaceFormat,
      configurations: {
        streams: create.syncCatalog.streams.map((entry) => {
          const config = entry.config as Json;
          const stream = entry.stream as Json;
          return {
            name: stream.name,
            syncMode: publicSyncMode(String(config.syncMode), String(config.destinationSyncMode)),
            cursorField: config.cursorField,
            primaryKey: config.primaryKey,
            selectedFields: propertyFields(stream.jsonSchema as Json).map((fieldPath) => ({ fieldPath })),
          };
        }),
      },
    }),
    connection(IDS.doomed, 'soon-deleted', {
      sourceId: sync.sourceId,
      destinationId: sync.destinationId,
      namespaceDefinition: 'source',
      configurations: { streams: mysqlStreams },
    }),
  ];
  const streams: Record<string, Json[]> = {
    [IDS.mysqlSource]: mysqlProperties,
    [IDS.pgSource]: pgCatalog.streams.map((entry) => {
      const stream = entry.stream as Json;
      return {
        streamName: stream.name,
        streamnamespace: stream.namespace,
        syncModes: ['full_refresh_overwrite', 'incremental_append', 'incremental_deduped_history'],
        sourceDefinedPrimaryKey: stream.source_defined_primary_key,
        propertyFields: propertyFields(stream.json_schema as Json),
      };
    }),
  };

  const started = Date.parse(String(failure.startedAt));
  const finished = Date.parse(String(failure.finishedAt));
  const jobs: Json[] = [
    {
      jobId: failure.jobId,
      status: failure.success ? 'succeeded' : 'failed',
      jobType: 'sync',
      startTime: new Date(started).toISOString().replace('T', ' ').replace('.000Z', '+00:00'),
      connectionId: IDS.mysqlToCsv,
      lastUpdatedAt: new Date(finished).toISOString(),
      duration: isoDuration(Number(failure.durationInSeconds)),
      rowsSynced: failure.recordsCommitted,
      bytesSynced: failure.bytesCommitted,
    },
  ];
  // The notification's failed job as the Configuration API's JobInfoRead: two attempts, the
  // notification's committed totals split over the connection's two streams, its error message.
  const [newTable, testTable] = mysqlStreams;
  const attempt = (id: number, rows: [number, number], bytes: [number, number]) => ({
    attempt: {
      id,
      status: 'failed',
      createdAt: started / 1000,
      updatedAt: finished / 1000,
      streamStats: [
        {
          streamName: newTable!.name,
          streamNamespace: newTable!.namespace,
          stats: { recordsCommitted: rows[0], bytesCommitted: bytes[0] },
        },
        {
          streamName: testTable!.name,
          streamNamespace: testTable!.namespace,
          stats: { recordsCommitted: rows[1], bytesCommitted: bytes[1] },
        },
      ],
      failureSummary: {
        failures: [
          { failureOrigin: failure.errorOrigin, failureType: failure.errorType, externalMessage: failure.errorMessage },
        ],
      },
    },
  });
  const jobInfo: Record<number, Json> = {
    [Number(failure.jobId)]: {
      job: { id: failure.jobId, configType: 'sync', configId: IDS.mysqlToCsv, status: 'failed' },
      attempts: [attempt(0, [20, 0], [4000, 0]), attempt(1, [8, 20], [2000, 3000])],
    },
  };
  return {
    jobInfo,
    workspaces: [{ workspaceId, name: 'workspace-name', dataResidency: 'auto' }],
    sources,
    destinations,
    connections,
    streams,
    jobs,
  };
}

export interface Fault {
  status: number;
  retryAfter?: string;
  times?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

/** The replaying server; `url` is the public API base as a collector is given it. */
export class AirbyteReplayServer {
  readonly log: LoggedRequest[] = [];
  private server!: Server;
  private readonly tokens = new Map<string, number>();
  private readonly faults: { match: RegExp; fault: Fault }[] = [];
  private readonly hooks: { match: RegExp; run: () => void }[] = [];
  url = '';
  /** The Configuration API base (self-hosted Airbyte's /api/v1). */
  configUrl = '';
  tokensIssued = 0;

  constructor(
    readonly world: ReplayWorld,
    readonly credentials = { clientId: 'tributary-test', clientSecret: randomBytes(8).toString('hex') },
    /** Seconds a token lives, as Airbyte's `expires_in` (3 minutes on Airbyte Cloud). */
    readonly tokenTtl = 180,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
    });
    this.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.url = `${origin}/api/public/v1`;
    this.configUrl = `${origin}/api/v1`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Every token issued so far stops working (answers 401), as after expiry. */
  expireTokens(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }

  /** The next `times` (default 1) requests whose path matches answer `status`. */
  fail(match: RegExp, fault: Fault): void {
    this.faults.push({ match, fault: { times: 1, ...fault } });
  }

  /** Runs `run` right after the first answered request whose path matches. */
  after(match: RegExp, run: () => void): void {
    this.hooks.push({ match, run });
  }

  deleteConnection(connectionId: string): void {
    this.world.connections = this.world.connections.filter((c) => c.connectionId !== connectionId);
    this.world.jobs = this.world.jobs.filter((j) => j.connectionId !== connectionId);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/api\/public\/v1/, '');
    const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      this.log.push({ method: request.method ?? 'GET', path: path + url.search, status });
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(body === undefined ? undefined : JSON.stringify(body));
      const hook = this.hooks.findIndex((h) => h.match.test(path + url.search));
      if (hook >= 0 && status < 300) this.hooks.splice(hook, 1)[0]!.run();
    };
    const problem = (status: number, title: string, detail: string) =>
      answer(status, { type: 'https://reference.airbyte.com/reference/errors', title, status, detail });

    const fault = this.faults.find((f) => f.match.test(path + url.search));
    if (fault) {
      if (--fault.fault.times! <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      return answer(
        fault.fault.status,
        { message: 'injected' },
        fault.fault.retryAfter ? { 'retry-after': fault.fault.retryAfter } : {},
      );
    }

    if (request.method === 'POST' && path === '/applications/token') {
      const body = JSON.parse(await readBody(request)) as Json;
      if (body.client_id !== this.credentials.clientId || body.client_secret !== this.credentials.clientSecret) {
        return problem(401, 'unauthorized', 'invalid client credentials');
      }
      const token = randomBytes(16).toString('hex');
      this.tokens.set(token, Date.now() + this.tokenTtl * 1000);
      this.tokensIssued++;
      return answer(200, { access_token: token, token_type: 'Bearer', expires_in: this.tokenTtl });
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const expiry = bearer ? this.tokens.get(bearer) : undefined;
    if (expiry === undefined || expiry < Date.now()) return problem(401, 'unauthorized', 'token expired or unknown');
    if (request.method === 'POST' && url.pathname === '/api/v1/jobs/get') {
      const { id } = JSON.parse(await readBody(request)) as { id: number };
      const info = this.world.jobInfo[id];
      return info ? answer(200, info) : problem(404, 'resource-not-found', `job ${id} not found`);
    }
    if (request.method !== 'GET') return problem(405, 'method-not-allowed', request.method ?? '');

    const workspaceIds = url.searchParams.get('workspaceIds')?.split(',').filter(Boolean) ?? [];
    const inWorkspaces = (item: Json) => workspaceIds.length === 0 || workspaceIds.includes(String(item.workspaceId));
    const byId = (list: Json[], key: string, id: string) => list.find((item) => item[key] === id);
    let match: RegExpExecArray | null;
    if (path === '/workspaces') return this.page(url, path, this.world.workspaces.filter(inWorkspaces), answer);
    if (path === '/connections') return this.page(url, path, this.world.connections.filter(inWorkspaces), answer);
    if (path === '/sources') return this.page(url, path, this.world.sources.filter(inWorkspaces), answer);
    if (path === '/destinations') return this.page(url, path, this.world.destinations.filter(inWorkspaces), answer);
    if ((match = /^\/(connections|sources|destinations)\/([\w-]+)$/.exec(path))) {
      const [, kind, id] = match;
      const key = kind === 'connections' ? 'connectionId' : kind === 'sources' ? 'sourceId' : 'destinationId';
      const found = byId(this.world[kind as 'connections' | 'sources' | 'destinations'], key, id!);
      return found ? answer(200, found) : problem(404, 'resource-not-found', `${kind} ${id} not found`);
    }
    if (path === '/streams') {
      const sourceId = url.searchParams.get('sourceId') ?? '';
      const streams = this.world.streams[sourceId];
      return streams ? answer(200, streams) : problem(404, 'resource-not-found', `source ${sourceId} not found`);
    }
    if (path === '/jobs') {
      const connectionId = url.searchParams.get('connectionId');
      if (connectionId && !byId(this.world.connections, 'connectionId', connectionId)) {
        return problem(404, 'resource-not-found', `connection ${connectionId} not found`);
      }
      const descending = (url.searchParams.get('orderBy') ?? 'createdAt|ASC').endsWith('DESC');
      const jobs = this.world.jobs
        .filter((job) => !connectionId || job.connectionId === connectionId)
        .sort((a, b) => (Number(a.jobId) - Number(b.jobId)) * (descending ? -1 : 1));
      return this.page(url, path, jobs, answer);
    }
    return problem(404, 'not-found', path);
  }

  private page(url: URL, path: string, items: Json[], answer: (status: number, body: unknown) => void): void {
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 20));
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const data = items.slice(offset, offset + limit);
    // Like Airbyte, `next`/`previous` name the public host, not the one the client called.
    const link = (at: number) => {
      const next = new URL(`https://api.airbyte.com/v1${path}${url.search}`);
      next.searchParams.set('offset', String(at));
      return next.toString();
    };
    answer(200, {
      data,
      ...(offset + limit < items.length ? { next: link(offset + limit) } : {}),
      ...(offset > 0 ? { previous: link(Math.max(0, offset - limit)) } : {}),
    });
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}
