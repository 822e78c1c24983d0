import { Module } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository.js';
import { ImpactRepository } from './impact.repository.js';
import { LineageRepository } from './lineage.repository.js';
import { SearchRepository } from './search.repository.js';

/** Read-only repositories behind the GraphQL API. */
@Module({
  providers: [LineageRepository, ImpactRepository, CatalogRepository, SearchRepository],
  exports: [LineageRepository, ImpactRepository, CatalogRepository, SearchRepository],
})
export class GraphReadModule {}
