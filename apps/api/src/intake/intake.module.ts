import { join } from 'node:path';
import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LineageWriter } from '../graph/lineage-writer.js';
import { Neo4jService } from '../graph/neo4j.service.js';
import { HealthService } from '../health/health.service.js';
import { LOGGER } from '../logging/logger.js';
import { DeadLetterStore } from './dead-letters/dead-letter.store.js';
import { DeadLettersController } from './dead-letters/dead-letters.controller.js';
import { DeadLettersService } from './dead-letters/dead-letters.service.js';
import { LINEAGE_SINK, type LineageSink } from './drain/lineage-sink.js';
import { SpoolDrainer } from './drain/spool-drainer.js';
import { NORMALIZATION_RULES, normalizationRules } from './event-rules.js';
import { IntakeExceptionFilter } from './http/intake-exception.filter.js';
import { LineageController } from './http/lineage.controller.js';
import { IntakeMetrics } from './intake.metrics.js';
import { IntakeService } from './intake.service.js';
import { MetricsRegistry } from '../health/metrics/metrics.registry.js';
import { EVENT_SPOOL, type EventSpool } from './spool/event-spool.js';
import { SegmentSpool } from './spool/segment-spool.js';

const warnTo =
  (logger: Logger) =>
  (message: string, details: Record<string, unknown> = {}): void =>
    logger.warn(details, message);

/**
 * OpenLineage intake: REST endpoints → validation → durable spool → drainer →
 * graph writer; dead letters for refused events; its series on /metrics.
 */
@Module({
  controllers: [LineageController, DeadLettersController],
  providers: [
    IntakeMetrics,
    IntakeService,
    DeadLettersService,
    IntakeExceptionFilter,
    { provide: LINEAGE_SINK, useExisting: LineageWriter },
    { provide: NORMALIZATION_RULES, inject: [APP_CONFIG], useFactory: normalizationRules },
    {
      provide: EVENT_SPOOL,
      inject: [APP_CONFIG, LOGGER],
      useFactory: (config: AppConfig, logger: Logger): EventSpool =>
        new SegmentSpool({
          dir: join(config.dataDir, 'spool'),
          maxBytes: config.intake.spoolMaxBytes,
          segmentBytes: config.intake.spoolSegmentBytes,
          cacheBytes: config.intake.spoolCacheBytes,
          warn: warnTo(logger),
        }),
    },
    {
      provide: DeadLetterStore,
      inject: [APP_CONFIG, LOGGER],
      useFactory: (config: AppConfig, logger: Logger) =>
        new DeadLetterStore(join(config.dataDir, 'dead-letters'), config.intake.deadLetterMax, warnTo(logger)),
    },
    {
      provide: SpoolDrainer,
      inject: [EVENT_SPOOL, LINEAGE_SINK, DeadLetterStore, APP_CONFIG, Neo4jService, IntakeMetrics, LOGGER],
      useFactory: (
        spool: EventSpool,
        sink: LineageSink,
        deadLetters: DeadLetterStore,
        config: AppConfig,
        neo4j: Neo4jService,
        metrics: IntakeMetrics,
        logger: Logger,
      ) =>
        new SpoolDrainer(
          spool,
          sink,
          deadLetters,
          { batchSize: config.intake.drainBatchSize, retryMaxMs: config.intake.retryMaxMs },
          {
            storeIsUp: async () => (await neo4j.status()).status === 'up',
            onWritten: (count) => metrics.written.inc(count),
            onWriteFailure: (error, attempt, events) => {
              metrics.writeFailures.inc();
              // First failure and then every tenth: an outage of hours must not flood the log.
              if (attempt === 1 || attempt % 10 === 0) {
                logger.warn({ err: error, attempt, events }, 'intake: graph write failed; retrying with backoff');
              }
            },
            onDeadLettered: (_event, error) => {
              metrics.writerDeadLetters.inc();
              logger.error({ err: error }, 'intake: graph writer refused an event; moved to the dead letters');
            },
            onLoopError: (error) => logger.error({ err: error }, 'intake: spool read failed; retrying'),
          },
        ),
    },
  ],
})
export class IntakeModule implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(EVENT_SPOOL) private readonly spool: EventSpool,
    private readonly deadLetters: DeadLetterStore,
    private readonly drainer: SpoolDrainer,
    private readonly health: HealthService,
    private readonly metrics: MetricsRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.spool.open();
    await this.deadLetters.open();
    this.health.register({ name: 'intake', report: () => this.report() });
    this.metrics.gauge(
      'tributary_spool_backlog_events',
      'Events accepted but not yet written to Neo4j.',
      () => this.spool.stats().backlogEvents,
    );
    this.metrics.gauge(
      'tributary_spool_backlog_bytes',
      'Bytes of those events in the spool.',
      () => this.spool.stats().backlogBytes,
    );
    this.metrics.gauge(
      'tributary_spool_capacity_bytes',
      'Spool capacity; at it the intake answers 503.',
      () => this.spool.stats().capacityBytes,
    );
    this.metrics.gauge(
      'tributary_spool_oldest_event_age_seconds',
      'Age of the oldest event not yet written to Neo4j.',
      () => this.oldestAgeSeconds(),
    );
    this.metrics.gauge(
      'tributary_dead_letters',
      'Refused events kept in the dead-letter store.',
      () => this.deadLetters.size,
    );
    this.metrics.gauge(
      'tributary_dead_letters_dropped_total',
      'Dead letters dropped (oldest first) to stay within the bound.',
      () => this.deadLetters.droppedTotal,
    );
  }

  onApplicationBootstrap(): void {
    // Whatever a previous process left in the spool is replayed first, in order.
    this.drainer.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.drainer.stop();
    await this.spool.close();
    await this.deadLetters.flush();
  }

  private oldestAgeSeconds(): number {
    const oldest = this.spool.stats().oldestAppendedAt;
    return oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000);
  }

  private report() {
    const stats = this.spool.stats();
    return {
      backlog: {
        events: stats.backlogEvents,
        bytes: stats.backlogBytes,
        oldestAgeSeconds: Math.round(this.oldestAgeSeconds() * 10) / 10,
      },
      spoolCapacityBytes: stats.capacityBytes,
      deadLetters: this.deadLetters.size,
    };
  }
}
