import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { GovernanceRepository } from '../graph/governance.repository.js';
import { LOGGER } from '../logging/logger.js';
import { propagate } from './propagation.js';

/** Lineage changes arrive through the intake at any time; this is how stale the materialized copy may get. */
const REFRESH_MS = 5_000;

/**
 * Keeps `Field.classifications` and `Dataset.classifications` (the effective
 * names, direct and inherited) in step with classifications, blocks and
 * current column lineage, for readers such as impact and the catalog that
 * show classifications without traversing. Governance changes recompute at
 * once; lineage changes are picked up by a periodic pass that writes only
 * the differences. The governance queries themselves never read this copy.
 */
@Injectable()
export class ClassificationSync implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private pendingDatasets = new Set<string>();

  constructor(
    private readonly repository: GovernanceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    void this.repository.ensureSchema().catch(() => undefined);
    this.timer = setInterval(() => {
      this.recompute().catch((error: unknown) => {
        this.logger.debug({ err: error instanceof Error ? error.message : String(error) }, 'governance: sync failed');
      });
    }, REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass at a time; a request during a pass runs one more pass after it. */
  async recompute(datasetIds: string[] = []): Promise<void> {
    for (const id of datasetIds) this.pendingDatasets.add(id);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const datasets = [...this.pendingDatasets];
          this.pendingDatasets = new Set();
          await this.pass(datasets);
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async pass(datasetIds: string[]): Promise<void> {
    const types = this.config.governance.propagateIndirect ? ['DIRECT', 'INDIRECT'] : ['DIRECT'];
    const effective = new Map<string, Set<string>>();
    for (const name of await this.repository.classificationNames()) {
      const sources = await this.repository.classifiedFields(name);
      const reached = await propagate(name, sources, (ids) => this.repository.feedsDown(ids, types));
      for (const id of reached.keys()) {
        let names = effective.get(id);
        if (!names) effective.set(id, (names = new Set()));
        names.add(name);
      }
    }
    const current = await this.repository.materializedFieldClassifications();
    const rows: Array<{ id: string; names: string[] | null }> = [];
    for (const [id, names] of effective) {
      const sorted = [...names].sort();
      if (sorted.join('\u0000') !== [...(current.get(id) ?? [])].sort().join('\u0000'))
        rows.push({ id, names: sorted });
    }
    for (const id of current.keys()) if (!effective.has(id)) rows.push({ id, names: null });
    if (rows.length > 0 || datasetIds.length > 0) await this.repository.writeMaterialized(rows, datasetIds);
  }
}
