import { Module } from '@nestjs/common';
import { GraphReadModule } from '../graph/read/graph-read.module.js';
import { LineageModule } from '../lineage/lineage.module.js';
import { CatalogResolver, JobRunsResolver } from './catalog.resolver.js';
import { CatalogService } from './catalog.service.js';

@Module({
  imports: [GraphReadModule, LineageModule],
  providers: [CatalogResolver, JobRunsResolver, CatalogService],
})
export class CatalogModule {}
