import { Module } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository.js';
import { ImpactRepository } from './impact.repository.js';
import { LineageTopology } from './lineage-topology.service.js';
import { LineageRepository } from './lineage.repository.js';
import { SearchRepository } from './search.repository.js';
import { TopologyRepository } from './topology.repository.js';

/** Read-only repositories behind the GraphQL API. */
@Module({
  providers: [
    LineageRepository,
    ImpactRepository,
    CatalogRepository,
    SearchRepository,
    TopologyRepository,
    LineageTopology,
  ],
  exports: [LineageRepository, ImpactRepository, CatalogRepository, SearchRepository, LineageTopology],
})
export class GraphReadModule {}
