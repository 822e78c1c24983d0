import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { MetricsRegistry } from './metrics/metrics.registry.js';

@Global()
@Module({
  controllers: [HealthController, MetricsController],
  providers: [HealthService, MetricsRegistry],
  exports: [HealthService, MetricsRegistry],
})
export class HealthModule implements OnModuleInit {
  constructor(private readonly metrics: MetricsRegistry) {}

  /** The process's own memory under the names Prometheus' Node.js client uses, so existing dashboards work. */
  onModuleInit(): void {
    this.metrics.gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', () =>
      process.memoryUsage.rss(),
    );
    const heap: [string, string, (usage: NodeJS.MemoryUsage) => number][] = [
      ['nodejs_heap_size_total_bytes', 'V8 heap reserved for JavaScript objects, in bytes.', (u) => u.heapTotal],
      ['nodejs_heap_size_used_bytes', 'V8 heap in use by JavaScript objects, in bytes.', (u) => u.heapUsed],
      [
        'nodejs_external_memory_bytes',
        'Memory outside the V8 heap held by JavaScript objects (Buffers included), in bytes.',
        (u) => u.external,
      ],
    ];
    for (const [name, help, read] of heap) this.metrics.gauge(name, help, () => read(process.memoryUsage()));
  }
}
