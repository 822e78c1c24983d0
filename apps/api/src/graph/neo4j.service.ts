import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../logging/logger.js';

export type Neo4jStatus = { status: 'up'; version: string; edition: string } | { status: 'down'; error: string };

const SERVER_COMPONENTS = 'CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition';

/**
 * Owns the single neo4j-driver instance of the process. Only repositories in
 * this folder use it; they pass work functions that must be idempotent because
 * executeRead/executeWrite retry transient errors.
 */
@Injectable()
export class Neo4jService implements OnModuleDestroy {
  readonly driver: Driver;
  private readonly database: string;
  private readonly timeoutMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.database = config.neo4j.database;
    this.timeoutMs = config.neo4j.queryTimeoutMs;
    this.driver = neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.user, config.neo4j.password), {
      // Counts and sizes in this graph stay far below 2^53; plain numbers keep
      // the driver's Integer type out of every layer above this one.
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 10_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 10_000,
      logging: {
        level: 'warn',
        logger: (level, message) =>
          this.logger[level === 'error' ? 'error' : 'warn']({ context: 'neo4j-driver' }, message),
      },
    });
  }

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.withSession('READ', (session) => session.executeRead(work, { timeout: timeoutMs }));
  }

  async write<T>(work: (tx: ManagedTransaction) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.withSession('WRITE', (session) => session.executeWrite(work, { timeout: timeoutMs }));
  }

  /**
   * One read statement as an auto-commit query: a single round trip where a
   * transaction takes three messages. No retries: for cheap checks whose
   * caller has a fallback.
   */
  async readOnce<T>(query: string, params: Record<string, unknown>): Promise<T[]> {
    return this.withSession('READ', async (session) => {
      const result = await session.run(query, params, { timeout: this.timeoutMs });
      return result.records.map((record) => record.toObject() as T);
    });
  }

  /** Schema commands run as auto-commit statements: they may not share a transaction with data writes. */
  async schema(statement: string): Promise<void> {
    await this.withSession('WRITE', async (session) => {
      await session.run(statement, {}, { timeout: this.timeoutMs });
    });
  }

  /** Asks the server itself, so a dead server shows as down within the timeout. */
  async status(timeoutMs = 2_000): Promise<Neo4jStatus> {
    try {
      const session = this.driver.session({ database: 'system', defaultAccessMode: 'READ' });
      try {
        const result = await withDeadline(session.run(SERVER_COMPONENTS, {}, { timeout: timeoutMs }), timeoutMs + 500);
        const record = result.records[0];
        return {
          status: 'up',
          version: String(record?.get('version') ?? 'unknown'),
          edition: String(record?.get('edition') ?? 'unknown'),
        };
      } finally {
        void session.close().catch(() => undefined);
      }
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.driver.close();
  }

  private async withSession<T>(mode: 'READ' | 'WRITE', work: (session: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode });
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
