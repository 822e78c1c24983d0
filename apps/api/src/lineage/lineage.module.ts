import { Module, type OnModuleInit } from '@nestjs/common';
import { GraphReadModule } from '../graph/read/graph-read.module.js';
import { LineageTopology } from '../graph/read/lineage-topology.service.js';
import { HealthService } from '../health/health.service.js';
import { MetricsRegistry } from '../health/metrics/metrics.registry.js';
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
    private readonly metrics: MetricsRegistry,
    private readonly topology: LineageTopology,
  ) {}

  onModuleInit(): void {
    const report = () => this.topology.report();
    this.health.register({ name: 'lineageCache', report });
    this.metrics.gauge(
      'tributary_lineage_cache_ready',
      '1 while current lineage is answered from the in-memory copy, 0 while every traversal reads Neo4j.',
      () => (report().state === 'ready' ? 1 : 0),
    );
    this.metrics.gauge(
      'tributary_lineage_cache_edges',
      'Current dataset lineage edges held in memory.',
      () => report().edges,
    );
    this.metrics.gauge(
      'tributary_lineage_cache_column_edges',
      'Current column lineage edges held in memory (0 while loading, off or too large).',
      () => report().columns.edges,
    );
    this.metrics.observedCounter(
      'tributary_lineage_traversals_memory_total',
      'Lineage and impact traversals answered from the in-memory copy.',
      () => report().traversals.memory,
    );
    this.metrics.observedCounter(
      'tributary_lineage_traversals_graph_total',
      'Lineage and impact traversals that read Neo4j (time filters, copy not ready).',
      () => report().traversals.graph,
    );
  }
}
