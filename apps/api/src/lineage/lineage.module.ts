import { Module } from '@nestjs/common';
import { GraphReadModule } from '../graph/read/graph-read.module.js';
import { QueryLimitsPlugin } from '../query-limits/query-limits.plugin.js';
import { LineageErrorFilter } from './lineage-error.filter.js';
import { LineageResolver } from './lineage.resolver.js';
import { LineageService } from './lineage.service.js';
import { NodeResolver } from './node-resolver.service.js';

@Module({
  imports: [GraphReadModule],
  providers: [LineageResolver, LineageService, NodeResolver, LineageErrorFilter, QueryLimitsPlugin],
  exports: [LineageService, NodeResolver, LineageErrorFilter],
})
export class LineageModule {}
