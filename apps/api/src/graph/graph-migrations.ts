import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger.js';
import { rewriteLongIds } from './bounded-ids.migration.js';
import { backfillLastSuccess } from './last-success.migration.js';
import { LineageClockRepository } from './lineage-clock.js';
import { Neo4jService } from './neo4j.service.js';

/** Name of the full-text index over Dataset/Job/Field names and descriptions (used by search). */
export const SEARCH_INDEX = 'lineage_search';

/**
 * Schema of the graph, applied at start-up. Every statement is idempotent
 * (IF NOT EXISTS / IF EXISTS), so running them on every start is the
 * migration scheme; a changed index needs a new name.
 */
export const MIGRATIONS: readonly string[] = [
  'CREATE CONSTRAINT namespace_id IF NOT EXISTS FOR (n:Namespace) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT field_id IF NOT EXISTS FOR (n:Field) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT job_id IF NOT EXISTS FOR (n:Job) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT run_id IF NOT EXISTS FOR (n:Run) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT dataset_version_id IF NOT EXISTS FOR (n:DatasetVersion) REQUIRE n.id IS UNIQUE',
  // Range indexes refuse values over 8,167 bytes, and names have no such bound:
  // these indexes made a long name unstorable. Lookups by name go by id
  // (graph-ids.ts), whose length is bounded.
  'DROP INDEX dataset_namespace_name IF EXISTS',
  'DROP INDEX dataset_name IF EXISTS',
  'DROP INDEX job_namespace_name IF EXISTS',
  'DROP INDEX job_name IF EXISTS',
  'DROP INDEX field_dataset IF EXISTS',
  'CREATE INDEX run_state IF NOT EXISTS FOR (n:Run) ON (n.state)',
  'CREATE INDEX run_job IF NOT EXISTS FOR (n:Run) ON (n.jobId)',
  'CREATE INDEX run_last_event IF NOT EXISTS FOR (n:Run) ON (n.lastEventTime)',
  'CREATE INDEX feeds_job IF NOT EXISTS FOR ()-[r:FEEDS]-() ON (r.jobId)',
  // The lineage clock (lineage-clock.ts): MERGE on a constrained id is safe under concurrent writers.
  'CREATE CONSTRAINT lineage_clock_id IF NOT EXISTS FOR (n:LineageClock) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX job_topology_seq IF NOT EXISTS FOR (n:Job) ON (n.topologySeq)',
  'CREATE INDEX job_column_topology_seq IF NOT EXISTS FOR (n:Job) ON (n.columnTopologySeq)',
  'CREATE INDEX dataset_topology_seq IF NOT EXISTS FOR (n:Dataset) ON (n.topologySeq)',
  'CREATE INDEX dataset_details_seq IF NOT EXISTS FOR (n:Dataset) ON (n.detailsSeq)',
  'CREATE INDEX job_details_seq IF NOT EXISTS FOR (n:Job) ON (n.detailsSeq)',
];

const SEARCH_PROPERTIES = ['name', 'searchName', 'description'];
const SEARCH_INDEX_SHOW = `SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties WHERE name = '${SEARCH_INDEX}'
RETURN labelsOrTypes, properties`;
const SEARCH_INDEX_CREATE = `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS FOR (n:Dataset|Job|Field)
ON EACH [${SEARCH_PROPERTIES.map((p) => `n.${p}`).join(', ')}]`;

export type MigrationStatus =
  | { state: 'pending' | 'running' }
  | { state: 'done'; at: string }
  | { state: 'retrying'; attempts: number; error: string };

/**
 * Runs MIGRATIONS in the background with backoff, so the API starts (and
 * accepts events into its spool) while Neo4j is still down; graph writes
 * wait on whenReady().
 */
@Injectable()
export class GraphMigrations implements OnApplicationBootstrap, OnModuleDestroy {
  private current: MigrationStatus = { state: 'pending' };
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly neo4j: Neo4jService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  status(): MigrationStatus {
    return this.current;
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
  }

  /** Starts the background loop once; later calls are no-ops. */
  start(): void {
    if (this.current.state !== 'pending') return;
    this.current = { state: 'running' };
    void this.loop();
  }

  /** The one index whose definition changed since it was first shipped: recreated when it differs. */
  private async ensureSearchIndex(): Promise<void> {
    const existing = await this.neo4j.read((tx) => tx.run(SEARCH_INDEX_SHOW));
    const properties = existing.records[0]?.get('properties') as string[] | undefined;
    if (properties && properties.join(',') !== SEARCH_PROPERTIES.join(',')) {
      await this.neo4j.schema(`DROP INDEX ${SEARCH_INDEX} IF EXISTS`);
    }
    await this.neo4j.schema(SEARCH_INDEX_CREATE);
  }

  private async loop(): Promise<void> {
    let attempts = 0;
    while (!this.stopped) {
      try {
        for (const statement of MIGRATIONS) await this.neo4j.schema(statement);
        const rewrittenIds = await rewriteLongIds(this.neo4j);
        const lastSuccessBackfilled = await backfillLastSuccess(this.neo4j);
        // Both write without stamps: every copy reloads in full.
        if (rewrittenIds || lastSuccessBackfilled !== null) await new LineageClockRepository().reset(this.neo4j);
        await this.ensureSearchIndex();
        this.current = { state: 'done', at: new Date().toISOString() };
        this.logger.info(
          { statements: MIGRATIONS.length, rewrittenIds, lastSuccessBackfilled },
          'graph migrations applied',
        );
        this.markReady();
        return;
      } catch (error) {
        attempts += 1;
        const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        this.current = { state: 'retrying', attempts, error: message };
        const delay = Math.min(30_000, 500 * 2 ** Math.min(attempts - 1, 6));
        if (attempts === 1 || attempts % 10 === 0)
          this.logger.warn({ attempts, delay, error: message }, 'graph migrations failed, retrying');
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, delay);
        });
      }
    }
  }
}
