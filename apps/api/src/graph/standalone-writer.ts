import { pino } from 'pino';
import { loadConfig } from '../config/config.js';
import type { AcceptedEvent } from './accepted-event.js';
import { aggregate } from './batch-aggregate.js';
import { planWrites } from './batch-plan.js';
import { ColumnLineageRepository } from './column-lineage.repository.js';
import { DatasetRepository } from './dataset.repository.js';
import { eventFacts } from './event-facts.js';
import { GraphMigrations } from './graph-migrations.js';
import { JobRepository } from './job.repository.js';
import { LineageClockRepository } from './lineage-clock.js';
import { LineageEdgeRepository } from './lineage-edge.repository.js';
import { LineageWriter } from './lineage-writer.js';
import { Neo4jService } from './neo4j.service.js';
import { RunRepository } from './run.repository.js';

export interface StandaloneWriter {
  writer: LineageWriter;
  migrations: GraphMigrations;
  neo4j: Neo4jService;
  /**
   * Writes events into an empty database as one plan: every event
   * aggregated first, so each node and edge of the final graph is written
   * once, with the writer's own statements, `rowsPerTransaction` rows per
   * transaction. No writer that commits events as they arrive can write
   * that graph faster through these statements: the ingest benchmark's
   * ceiling.
   */
  writeAsOnePlan: (events: readonly AcceptedEvent[], rowsPerTransaction: number) => Promise<OnePlanTimes>;
  close: () => Promise<void>;
}

export interface OnePlanTimes {
  /** Facts, aggregation and plan, in milliseconds. */
  planMs: number;
  writeMs: number;
  rows: number;
}

/**
 * The same LineageWriter the API runs, wired by hand without Nest, for the
 * ingest benchmark's no-HTTP baseline and for graph tests.
 */
export function createStandaloneWriter(env: NodeJS.ProcessEnv = process.env): StandaloneWriter {
  const config = loadConfig(env);
  const logger = pino({ level: env.LOG_LEVEL ?? 'warn' });
  const neo4j = new Neo4jService(config, logger);
  const migrations = new GraphMigrations(neo4j, logger);
  migrations.start();
  const writer = new LineageWriter(
    neo4j,
    migrations,
    new DatasetRepository(),
    new JobRepository(),
    new RunRepository(),
    new LineageEdgeRepository(),
    new ColumnLineageRepository(),
    new LineageClockRepository(),
    logger,
  );
  const writeAsOnePlan = async (events: readonly AcceptedEvent[], rowsPerTransaction: number) => {
    await migrations.whenReady();
    const started = performance.now();
    const empty = { datasets: new Map(), jobs: new Map(), runs: new Map(), columnLineage: new Map() };
    const plan = planWrites(aggregate(events.map((event) => eventFacts(event))), empty, {
      datasets: new Map(),
      jobs: new Map(),
      runs: new Map(),
    });
    const statements = writer.statements(plan);
    const planned = performance.now();
    let rows = 0;
    for (const { query, rows: all } of statements) {
      for (let i = 0; i < all.length; i += rowsPerTransaction) {
        const slice = all.slice(i, i + rowsPerTransaction);
        await neo4j.write((tx) => tx.run(query, { rows: slice }), 600_000);
      }
      rows += all.length;
    }
    return { planMs: planned - started, writeMs: performance.now() - planned, rows };
  };
  return {
    writer,
    migrations,
    neo4j,
    writeAsOnePlan,
    close: async () => {
      migrations.onModuleDestroy();
      await neo4j.onModuleDestroy();
    },
  };
}
