import { Module } from '@nestjs/common';
import { ImpactRepository } from './impact.repository.js';
import { LineageRepository } from './lineage.repository.js';

/** Read-only repositories behind the GraphQL API. */
@Module({
  providers: [LineageRepository, ImpactRepository],
  exports: [LineageRepository, ImpactRepository],
})
export class GraphReadModule {}
