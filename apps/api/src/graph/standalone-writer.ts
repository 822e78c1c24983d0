import { pino } from 'pino';
import { loadConfig } from '../config/config.js';
import { ColumnLineageRepository } from './column-lineage.repository.js';
import { DatasetRepository } from './dataset.repository.js';
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
  close: () => Promise<void>;
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
  return {
    writer,
    migrations,
    neo4j,
    close: async () => {
      migrations.onModuleDestroy();
      await neo4j.onModuleDestroy();
    },
  };
}
