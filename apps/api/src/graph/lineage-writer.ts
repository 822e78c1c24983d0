import { Inject, Injectable } from '@nestjs/common';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger.js';
import type { AcceptedEvent } from './accepted-event.js';
import { aggregate } from './batch-aggregate.js';
import { facetReadsNeeded, planWrites, type StoredState, type WritePlan } from './batch-plan.js';
import { ColumnLineageRepository } from './column-lineage.repository.js';
import { DatasetRepository } from './dataset.repository.js';
import { eventFacts, type EventFacts } from './event-facts.js';
import { GraphMigrations } from './graph-migrations.js';
import { JobRepository } from './job.repository.js';
import { LineageEdgeRepository } from './lineage-edge.repository.js';
import { Neo4jService } from './neo4j.service.js';
import { RunRepository } from './run.repository.js';

/** Room for big first-time batches (every field and column edge new) on a busy box. */
const WRITE_TIMEOUT_MS = 120_000;

/**
 * Turns accepted OpenLineage events into the graph of docs/graph-model.md.
 *
 * One batch is one transaction: read the stored state of every node the
 * batch touches, merge it with the batch in TypeScript (min/max rules over
 * sortable keys, so any order of the same events gives the same result and a
 * replay changes nothing), then write only what changed with a fixed series
 * of `UNWIND $rows` statements. The whole unit re-runs on a driver retry.
 *
 * Batches are written one at a time: the plan is computed from a read, so two
 * concurrent writers in one process could each miss the other's update.
 */
@Injectable()
export class LineageWriter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly neo4j: Neo4jService,
    private readonly migrations: GraphMigrations,
    private readonly datasets: DatasetRepository,
    private readonly jobs: JobRepository,
    private readonly runs: RunRepository,
    private readonly edges: LineageEdgeRepository,
    private readonly columns: ColumnLineageRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Resolves once the batch is committed; rejects (nothing written) when Neo4j fails. */
  writeBatch(events: readonly AcceptedEvent[]): Promise<void> {
    const next = this.queue.then(() => this.write(events));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(events: readonly AcceptedEvent[]): Promise<void> {
    const facts: EventFacts[] = [];
    for (const accepted of events) {
      try {
        facts.push(eventFacts(accepted));
      } catch (error) {
        // Validated events always extract; if one ever does not, retrying the
        // batch forever would block every event behind it.
        this.logger.error({ err: error, eventTime: accepted.event.eventTime }, 'event skipped by the graph writer');
      }
    }
    if (facts.length === 0) return;
    await this.migrations.whenReady();
    const batch = aggregate(facts);
    await this.neo4j.write(async (tx) => {
      const state = await this.readState(tx, batch);
      const need = facetReadsNeeded(batch, state);
      const stored = {
        datasets: await this.datasets.facets(tx, need.datasets),
        jobs: await this.jobs.facets(tx, need.jobs),
        runs: await this.runs.facets(tx, need.runs),
      };
      await this.apply(tx, planWrites(batch, state, stored));
    }, WRITE_TIMEOUT_MS);
  }

  private async readState(tx: ManagedTransaction, batch: ReturnType<typeof aggregate>): Promise<StoredState> {
    return {
      datasets: await this.datasets.state(tx, [...batch.datasets.keys()]),
      jobs: await this.jobs.state(tx, [...batch.jobs.keys()]),
      runs: await this.runs.state(tx, [...batch.runs.keys()]),
      columnLineage: await this.columns.state(
        tx,
        [...batch.columnLineage.values()].map(({ jobId, datasetId }) => ({ jobId, datasetId })),
      ),
    };
  }

  private async apply(tx: ManagedTransaction, plan: WritePlan): Promise<void> {
    await this.datasets.upsertNamespaces(tx, plan.namespaces);
    await this.datasets.upsertMany(tx, plan.datasets);
    await this.jobs.upsertMany(tx, plan.jobs);
    await this.runs.upsertMany(tx, plan.runs);
    await this.datasets.upsertFields(tx, plan.fields);
    await this.datasets.upsertVersions(tx, plan.versions);
    await this.datasets.upsertSymlinks(tx, plan.symlinks);
    await this.runs.upsertParents(tx, plan.parents);
    await this.edges.upsertRunIo(tx, plan);
    await this.edges.upsertJobIo(tx, plan);

    const columnRows = [...plan.feeds, ...plan.affects];
    if (columnRows.length > 0) {
      const datasets = new Map<string, { id: string; namespace: string; name: string }>();
      const fields = new Map<string, { datasetId: string; id: string; namespace: string; datasetName: string; path: string; name: string }>();
      for (const row of columnRows) {
        datasets.set(row.inputDatasetId, { id: row.inputDatasetId, namespace: row.inputNamespace, name: row.inputName });
        fields.set(row.inputFieldId, {
          datasetId: row.inputDatasetId,
          id: row.inputFieldId,
          namespace: row.inputNamespace,
          datasetName: row.inputName,
          path: row.inputPath,
          name: leaf(row.inputPath),
        });
        if (row.outputFieldId && row.outputPath) {
          fields.set(row.outputFieldId, {
            datasetId: row.outputDatasetId,
            id: row.outputFieldId,
            namespace: row.outputNamespace,
            datasetName: row.outputName,
            path: row.outputPath,
            name: leaf(row.outputPath),
          });
        }
      }
      await this.datasets.ensureMany(tx, [...datasets.values()]);
      await this.datasets.ensureFields(tx, [...fields.values()]);
    }
    await this.columns.write(tx, plan);
    await this.edges.refreshCurrent(tx, plan.jobsToRefresh);
  }
}

function leaf(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
