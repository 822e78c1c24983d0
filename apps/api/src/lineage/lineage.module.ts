import { Module, type OnModuleInit } from '@nestjs/common';
import { GraphReadModule } from '../graph/read/graph-read.module.js';
import { LineageTopology } from '../graph/read/lineage-topology.service.js';
import { HealthService } from '../health/health.service.js';
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
export class LineageModule implements OnModuleInit {
  constructor(
    private readonly health: HealthService,
    private readonly topology: LineageTopology,
  ) {}

  onModuleInit(): void {
    this.health.register({ name: 'lineageCache', report: () => this.topology.report() });
  }
}
