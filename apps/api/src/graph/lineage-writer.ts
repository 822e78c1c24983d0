import { Inject, Injectable } from '@nestjs/common';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger.js';
import type { AcceptedEvent } from './accepted-event.js';
import { aggregate, type BatchAgg } from './batch-aggregate.js';
import {
  facetReadsNeeded,
  planWrites,
  type StoredColumnLineage,
  type StoredDataset,
  type StoredFacets,
  type StoredJob,
  type StoredRun,
  type StoredState,
  type WritePlan,
} from './batch-plan.js';
import { ColumnLineageRepository } from './column-lineage.repository.js';
import { DatasetRepository } from './dataset.repository.js';
import { eventFacts, type EventFacts } from './event-facts.js';
import { GraphMigrations } from './graph-migrations.js';
import { JobRepository } from './job.repository.js';
import { LineageClockRepository } from './lineage-clock.js';
import { LineageEdgeRepository } from './lineage-edge.repository.js';
import { Neo4jService } from './neo4j.service.js';
import { RunRepository } from './run.repository.js';
import { readParts, runParts, type Part, type StatementWatch } from './unit-batch.js';

/** Room for big first-time batches (every field and column edge new) on a busy box. */
const WRITE_TIMEOUT_MS = 120_000;
/**
 * Events per transaction. A first sighting of many jobs writes every field
 * and column edge at once; bigger transactions then risk the timeout and a
 * retry loop. Memory bounds it too: the events, their facts and the rows of
 * the statement in flight are alive until the commit, and 250 events per
 * transaction put the API's peak RSS at 421-447 MB in a 20,000-event
 * bench:ingest, 100 at 348 MB at the same rate (docs/benchmarks.md).
 * Chunks of one batch commit separately, which is safe because every write
 * is idempotent: a retried batch rewrites its committed chunks as no-ops.
 */
const EVENTS_PER_TRANSACTION = 100;
/**
 * Statements this slow get a log line naming them. The biggest ones of a
 * first sighting take 1-8 s in bench:ingest; a transaction that outlived
 * its timeout there once could not be traced to a statement.
 */
const SLOW_STATEMENT_MS = 15_000;

/**
 * Turns accepted OpenLineage events into the graph of docs/graph-model.md.
 *
 * One batch (up to EVENTS_PER_TRANSACTION events) is one transaction: read the stored state of every node the
 * batch touches, merge it with the batch in TypeScript (min/max rules over
 * sortable keys, so any order of the same events gives the same result and a
 * replay changes nothing), then write only what changed with a fixed series
 * of `UNWIND $rows` statements (about 25 per batch whatever its size, sent
 * together and run in order; statements without rows are skipped). The whole
 * unit re-runs on a driver retry.
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
    private readonly clock: LineageClockRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Resolves once the batch is committed; rejects (nothing written) when Neo4j fails. */
  writeBatch(events: readonly AcceptedEvent[]): Promise<void> {
    const next = this.queue.then(async () => {
      for (let i = 0; i < events.length; i += EVENTS_PER_TRANSACTION) {
        await this.write(events.slice(i, i + EVENTS_PER_TRANSACTION));
      }
    });
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
      const watch = this.watchAttempt();
      const state = await this.readState(tx, batch, watch);
      const need = facetReadsNeeded(batch, state);
      const stored: StoredFacets = { datasets: new Map(), jobs: new Map(), runs: new Map() };
      if (need.datasets.length + need.jobs.length + need.runs.length > 0) {
        const read = await readParts(
          tx,
          [this.datasets.facetsRead(need.datasets), this.jobs.facetsRead(need.jobs), this.runs.facetsRead(need.runs)],
          watch,
        );
        for (const [name, target] of [
          ['datasetFacets', stored.datasets],
          ['jobFacets', stored.jobs],
          ['runFacets', stored.runs],
        ] as const) {
          for (const row of read[name] as { id: string; facets: string | null }[])
            if (row.facets) target.set(row.id, row.facets);
        }
      }
      await runParts(tx, this.statements(planWrites(batch, state, stored)), watch);
    }, WRITE_TIMEOUT_MS);
  }

  /**
   * Logs the statements of one transaction attempt that fail or run slow,
   * with how far into the attempt they ended: a statement that fails fast
   * deep into the attempt says the time went elsewhere.
   */
  private watchAttempt(): StatementWatch {
    const started = performance.now();
    return ({ name, rows, ms, error }) => {
      if (error === undefined && ms < SLOW_STATEMENT_MS) return;
      const statement = {
        statement: name,
        rows,
        ms: Math.round(ms),
        attemptMs: Math.round(performance.now() - started),
      };
      if (error === undefined) this.logger.warn(statement, 'slow graph write statement');
      else this.logger.warn({ ...statement, code: (error as { code?: unknown }).code }, 'graph write statement failed');
    };
  }

  /** The stored state of every node the batch touches. */
  private async readState(tx: ManagedTransaction, batch: BatchAgg, watch: StatementWatch): Promise<StoredState> {
    const read = await readParts(
      tx,
      [
        this.datasets.stateRead([...batch.datasets.keys()]),
        this.jobs.stateRead([...batch.jobs.keys()]),
        this.runs.stateRead([...batch.runs.keys()]),
        this.columns.stateRead([...batch.columnLineage.values()].map(({ jobId, datasetId }) => ({ jobId, datasetId }))),
      ],
      watch,
    );
    const byId = <T extends { id: string }>(rows: unknown[]): Map<string, T> =>
      new Map((rows as T[]).map((row) => [row.id, row]));
    return {
      datasets: byId<StoredDataset>(read.datasets ?? []),
      jobs: byId<StoredJob>(read.jobs ?? []),
      runs: byId<StoredRun>(read.runs ?? []),
      columnLineage: new Map(
        ((read.columnLineage ?? []) as StoredColumnLineage[]).map((row) => [`${row.jobId}|${row.datasetId}`, row]),
      ),
    };
  }

  /** Every statement of a plan, in dependency order (public for the ingest benchmark's ceiling pass). */
  statements(plan: WritePlan): Part[] {
    // Column lineage names columns of datasets the batch may not describe;
    // those are ensured. Columns and datasets the batch writes anyway (a
    // first sighting: nearly all of them) are not sent twice.
    const written = new Set(plan.datasets.map((row) => row.id));
    for (const row of plan.fields) for (const field of row.fields) written.add(field.id);
    const datasets = new Map<string, { id: string; namespace: string; name: string }>();
    const fields = new Map<
      string,
      { datasetId: string; id: string; namespace: string; datasetName: string; path: string; name: string }
    >();
    for (const row of [...plan.feeds, ...plan.affects]) {
      if (!written.has(row.inputDatasetId))
        datasets.set(row.inputDatasetId, {
          id: row.inputDatasetId,
          namespace: row.inputNamespace,
          name: row.inputName,
        });
      if (!written.has(row.inputFieldId))
        fields.set(row.inputFieldId, {
          datasetId: row.inputDatasetId,
          id: row.inputFieldId,
          namespace: row.inputNamespace,
          datasetName: row.inputName,
          path: row.inputPath,
          name: leaf(row.inputPath),
        });
      if (row.outputFieldId && row.outputPath && !written.has(row.outputFieldId)) {
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
    return [
      ...this.datasets.nodeWrites(plan),
      ...this.jobs.writes(plan),
      ...this.runs.writes(plan),
      ...this.datasets.schemaWrites(plan),
      ...this.runs.parentWrites(plan),
      ...this.edges.writes(plan),
      ...this.runs.successWrites(plan),
      ...this.datasets.ensureWrites([...datasets.values()], [...fields.values()]),
      ...this.columns.writes(plan),
      ...this.edges.refreshCurrent(plan.jobsToRefresh),
      ...this.clock.writes(plan),
    ];
  }
}

function leaf(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
