import { Global, Module } from '@nestjs/common';
import { ColumnLineageRepository } from './column-lineage.repository.js';
import { DatasetRepository } from './dataset.repository.js';
import { GraphMigrations } from './graph-migrations.js';
import { JobRepository } from './job.repository.js';
import { LineageClockRepository } from './lineage-clock.js';
import { LineageEdgeRepository } from './lineage-edge.repository.js';
import { LineageWriter } from './lineage-writer.js';
import { Neo4jService } from './neo4j.service.js';
import { RunRepository } from './run.repository.js';

@Global()
@Module({
  providers: [
    Neo4jService,
    GraphMigrations,
    DatasetRepository,
    JobRepository,
    RunRepository,
    LineageEdgeRepository,
    ColumnLineageRepository,
    LineageClockRepository,
    LineageWriter,
  ],
  exports: [Neo4jService, GraphMigrations, LineageWriter, LineageClockRepository],
})
export class GraphModule {}
