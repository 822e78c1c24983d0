import { Global, Module } from '@nestjs/common';
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
export class HealthModule {}
