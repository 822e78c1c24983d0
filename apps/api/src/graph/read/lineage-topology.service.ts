import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { LOGGER } from '../../logging/logger.js';
import { GraphMigrations } from '../graph-migrations.js';
import { ColumnIndex } from './column-index.js';
import { nodeDetails, type NodeDetailsRow } from './impact.repository.js';
import type { DatasetWithSymlinks, FieldRow, LayerSource } from './read-rows.js';
import { NotInTopology, TopologyIndex } from './topology-index.js';
import { TopologyRepository } from './topology.repository.js';

const PAGE_SIZE = 5_000;
/** Datasets per page of the column lineage load: ~30 edges each on a dense graph. */
const COLUMN_PAGE_SIZE = 1_000;
const RETRY_MAX_MS = 60_000;
/**
 * Jobs one sync reloads at most. A longer gap (reads resumed after hours of
 * intake) would make the request that meets it wait for a near-full load in
 * one query; a background reload serves that case, Neo4j answering meanwhile.
 */
const MAX_SYNC_JOBS = 1_000;
/** The same for details: each stamped node is one small row, but a burst of DatasetEvents stamps no job. */
const MAX_SYNC_DETAILS = 20_000;
/** Idle processes follow the clock too, so the gap a request meets stays small. */
const BACKGROUND_SYNC_MS = 5_000;
/**
 * Neo4j's read committed isolation lets a reader see part of a commit that is
 * still being applied (neo4j/neo4j#12082): the clock's new value, say, before
 * the index entries of the jobs the same commit stamped (seen in CI: a copy at
 * the clock's value without that commit's jobs). Commits that move the clock are serialized on
 * it, so only the newest one can be partly visible; its stamps are read again
 * this long after the copy first read that clock value. A large commit on a
 * busy machine was seen to take longer than the first delay (a test copy kept
 * 7 of 1,033 edges until the minute's verification), hence the later ones.
 */
const RECHECK_AFTER_MS = [200, 1_000, 5_000];
/** Counting every FEEDS edge takes ~1.6 s per 1.7 million: the column copy is checked every fifth round. */
const COLUMN_VERIFY_EVERY = 5;

export type TopologyState = 'off' | 'loading' | 'ready' | 'too-large' | 'retrying';

export interface TopologyReport {
  state: TopologyState;
  seq: number;
  datasets: number;
  jobs: number;
  edges: number;
  /** Datasets and jobs whose impact details (owners, tags, ...) the copy holds. */
  details: number;
  loadedAt: string | null;
  lastError: string | null;
  /** Current column lineage (FEEDS), loaded after the dataset lineage. */
  columns: { state: TopologyState; fields: number; edges: number; loadedAt: string | null };
  /** Traversals answered from memory, and from Neo4j (time filters, copy not ready). */
  traversals: { memory: number; graph: number };
  /** Checks against edge counts on the graph, and how many found a copy that disagreed (and reloaded it). */
  verification: { lastAt: string | null; mismatches: number };
}

class TooLarge extends Error {}

/** Layers over the synced copy, and its datasets by id (null: not held, ask Neo4j). */
export interface MemoryView extends LayerSource {
  datasetById(id: string): DatasetWithSymlinks | null;
  /** Null when the copy has not read the node: ask Neo4j. */
  nodeDetails(id: string): NodeDetailsRow | null;
  /** A column the column copy holds (one with column lineage); null: ask Neo4j. */
  fieldById(id: string): FieldRow | null;
}

/**
 * Current lineage held in memory, so the common questions ("lineage / impact
 * of this table or column, now") walk JavaScript maps instead of running a
 * Cypher query per BFS layer. Two copies: dataset lineage (Dataset→Job→Dataset
 * and SYMLINK, TopologyIndex) and column lineage (FEEDS, ColumnIndex). Neo4j
 * stays the one source of truth:
 *
 * - the copies are loaded in the background after start-up, datasets first
 *   (requests use Neo4j until a copy is ready);
 * - every traversal first reads the lineage clock (lineage-clock.ts, one small
 *   query) and reloads the jobs and datasets stamped since each copy's last
 *   `seq` before walking, so an answer is never older than the last commit
 *   seen at its start, whichever process wrote it;
 * - anything a copy does not hold (asOf, stale-edge cut-offs, a dataset it
 *   never saw) makes the walk run against Neo4j.
 */
@Injectable()
export class LineageTopology implements OnApplicationBootstrap, OnModuleDestroy {
  private index: TopologyIndex | null = null;
  private seq = 0;
  private columns: ColumnIndex | null = null;
  private columnSeq = 0;
  private columnState: TopologyState;
  private columnsLoadedAt: Date | null = null;
  private columnLoading: Promise<void> | null = null;
  private resetSeq = 0;
  /** The newest clock value of each copy, to read stamps after again while it settles (see RECHECK_AFTER_MS). */
  private datasetRecheck: Recheck | null = null;
  private columnRecheck: Recheck | null = null;
  private state: TopologyState;
  private loadedAt: Date | null = null;
  private lastError: string | null = null;
  private running: Promise<boolean> | null = null;
  private queued: Promise<boolean> | null = null;
  private loading: Promise<void> | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private syncTimer: NodeJS.Timeout | undefined;
  private verifyTimer: NodeJS.Timeout | undefined;
  private verifying = false;
  private verifyRound = 0;
  private verifiedAt: Date | null = null;
  private mismatches = 0;
  /** When a check last reloaded the copies, until a check agrees again. */
  private reloadedByVerify: number | null = null;
  private readonly traversals = { memory: 0, graph: 0 };

  constructor(
    private readonly repository: TopologyRepository,
    private readonly migrations: GraphMigrations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.state = config.lineageCache.enabled ? 'loading' : 'off';
    this.columnState = this.state;
  }

  onApplicationBootstrap(): void {
    if (!this.config.lineageCache.enabled) return;
    this.reload();
    this.syncTimer = setInterval(() => {
      if ((this.index || this.columns) && !this.running) void this.sync();
    }, BACKGROUND_SYNC_MS);
    this.syncTimer.unref();
    if (this.config.lineageCache.verifyMs > 0) {
      this.verifyTimer = setInterval(() => void this.verify(), this.config.lineageCache.verifyMs);
      this.verifyTimer.unref();
    }
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.syncTimer);
    clearInterval(this.verifyTimer);
  }

  report(): TopologyReport {
    const size = this.index?.size ?? { datasets: 0, jobs: 0, edges: 0, details: 0 };
    return {
      state: this.state,
      seq: this.seq,
      ...size,
      loadedAt: this.loadedAt?.toISOString() ?? null,
      lastError: this.lastError,
      columns: {
        state: this.columnState,
        ...(this.columns?.size ?? { fields: 0, edges: 0 }),
        loadedAt: this.columnsLoadedAt?.toISOString() ?? null,
      },
      traversals: { ...this.traversals },
      verification: { lastAt: this.verifiedAt?.toISOString() ?? null, mismatches: this.mismatches },
    };
  }

  countTraversal(from: 'memory' | 'graph'): void {
    this.traversals[from] += 1;
  }

  /**
   * A layer source over the in-memory copies brought up to the current clock,
   * or null when there is none to use (off, loading, or the clock unreadable).
   * Its layers throw NotInTopology for what only Neo4j can answer.
   */
  async source(): Promise<MemoryView | null> {
    if (!this.index && !this.columns) return null;
    if (!(await this.sync())) return null;
    const { index, columns } = this;
    const current = (time: { asOf: Date | null; staleSince: Date | null }): void => {
      if (time.asOf !== null || time.staleSince !== null) throw new NotInTopology('a time filter needs the graph');
    };
    const datasets = (): TopologyIndex => {
      if (!index) throw new NotInTopology('dataset lineage is not in memory');
      return index;
    };
    return {
      datasetLayer: async (direction, frontier, time, maxRows) => {
        current(time);
        return datasets().datasetLayer(direction, frontier, maxRows);
      },
      jobLayer: async (direction, jobIds, time) => {
        current(time);
        return datasets().jobLayer(direction, jobIds);
      },
      fieldLayer: async (direction, fieldIds, time, maxRows) => {
        current(time);
        if (!columns) throw new NotInTopology('column lineage is not in memory');
        return columns.fieldLayer(direction, fieldIds, maxRows);
      },
      datasets: async (ids) => datasets().datasetsWithSymlinks(ids),
      datasetNow: (id) => datasets().datasetWithSymlinks(id),
      datasetById: (id) => index?.dataset(id) ?? null,
      nodeDetails: (id) => index?.detailsOf(id) ?? null,
      fieldById: (id) => columns?.field(id) ?? null,
    };
  }

  /**
   * Brings the copy up to the clock. A caller arriving while a sync runs
   * waits for the next one: the running sync may have read the clock before
   * a commit this caller has already seen.
   */
  private sync(): Promise<boolean> {
    if (this.queued) return this.queued;
    if (this.running) {
      this.queued = this.running.then(() => {
        this.queued = null;
        return this.startSync();
      });
      return this.queued;
    }
    return this.startSync();
  }

  private startSync(): Promise<boolean> {
    const run = this.syncNow().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async syncNow(): Promise<boolean> {
    const { index, columns, seq, columnSeq } = this;
    if (!index && !columns) return false;
    try {
      const clock = await this.repository.clock();
      // A reset (ids rewritten) or a clock behind ours (the database was
      // replaced) cannot be caught up with stamps.
      const behind = (index && clock.seq < seq) || (columns && clock.seq < columnSeq);
      if (clock.resetSeq > this.resetSeq || behind) return this.reloadInBackground();
      const now = Date.now();
      const datasetSince = index ? stampsToRead(seq, clock.seq, this.datasetRecheck, now) : null;
      const columnSince = columns ? stampsToRead(columnSeq, clock.seq, this.columnRecheck, now) : null;
      if (datasetSince === null && columnSince === null) return this.synced();
      const [jobs, datasets, details, columnJobs] = await Promise.all([
        datasetSince !== null ? this.repository.jobsStampedAfter(datasetSince, MAX_SYNC_JOBS + 1) : [],
        datasetSince !== null ? this.repository.datasetsStampedAfter(datasetSince) : [],
        datasetSince !== null ? this.repository.detailsStampedAfter(datasetSince, MAX_SYNC_DETAILS + 1) : [],
        columnSince !== null ? this.repository.columnJobsStampedAfter(columnSince, MAX_SYNC_JOBS + 1) : [],
      ]);
      // A full load replaced a copy meanwhile: it is newer than these rows.
      if (this.index !== index || this.columns !== columns) return false;
      if (jobs.length > MAX_SYNC_JOBS || columnJobs.length > MAX_SYNC_JOBS || details.length > MAX_SYNC_DETAILS) {
        this.logger.info({ behind: clock.seq - Math.min(seq, columnSeq) }, 'lineage topology far behind; reloading');
        return this.reloadInBackground();
      }
      if (index && datasetSince !== null) {
        for (const job of jobs) index.putJob(job);
        for (const dataset of datasets) index.putSymlinks(dataset);
        for (const row of details) index.putDetails(nodeDetails(row));
        this.datasetRecheck = nextRecheck(seq, clock.seq, now, this.datasetRecheck);
        this.seq = Math.max(this.seq, clock.seq);
        if (index.size.edges > this.config.lineageCache.maxEdges) this.dropTooLarge(index.size.edges);
      }
      if (columns && columnSince !== null) {
        for (const { key, ...feeds } of columnJobs) columns.putJob(key, feeds);
        this.columnRecheck = nextRecheck(columnSeq, clock.seq, now, this.columnRecheck);
        this.columnSeq = Math.max(this.columnSeq, clock.seq);
        if (columns.size.edges > this.config.lineageCache.maxColumnEdges) this.dropColumnsTooLarge(columns.size.edges);
      }
      return this.synced();
    } catch (error) {
      // Answers still come (from Neo4j), only slower: one line when it starts, not one per request.
      if (this.lastError === null)
        this.logger.warn({ error: message(error) }, 'lineage topology sync failed; using Neo4j');
      this.lastError = message(error);
      return false;
    }
  }

  /**
   * Compares each copy's edge count with the graph's at one clock value, and
   * reloads a copy that disagrees. Stamps cover every write of the writer;
   * this bounds how long anything else (an edit in Neo4j Browser, a restored
   * backup with the same clock, a bug) can leave a copy wrong.
   */
  private async verify(): Promise<void> {
    if (this.verifying || this.stopped) return;
    this.verifying = true;
    try {
      if (!(await this.sync())) return;
      const { index, columns } = this;
      const before = await this.repository.clock();
      if (before.seq !== this.seq && before.seq !== this.columnSeq) return;
      const countColumns = columns !== null && this.verifyRound++ % COLUMN_VERIFY_EVERY === 0;
      const [edges, columnEdges] = await Promise.all([
        index ? this.repository.currentEdgeCount() : null,
        countColumns ? this.repository.currentColumnEdgeCount() : null,
      ]);
      const after = await this.repository.clock();
      // Counts taken while a write committed, or against a copy replaced meanwhile, compare nothing.
      if (after.seq !== before.seq || this.index !== index || this.columns !== columns) return;
      const stale: { copy: string; memory: number; graph: number }[] = [];
      if (index && edges !== null && this.seq === before.seq && index.size.edges !== edges)
        stale.push({ copy: 'dataset lineage', memory: index.size.edges, graph: edges });
      if (columns && columnEdges !== null && this.columnSeq === before.seq && columns.size.edges !== columnEdges)
        stale.push({ copy: 'column lineage', memory: columns.size.edges, graph: columnEdges });
      this.verifiedAt = new Date();
      if (stale.length === 0) {
        this.reloadedByVerify = null;
        return;
      }
      this.mismatches += 1;
      const reloadedSince =
        this.reloadedByVerify !== null &&
        (this.loadedAt?.getTime() ?? 0) > this.reloadedByVerify &&
        (!columns || (this.columnsLoadedAt?.getTime() ?? 0) > this.reloadedByVerify);
      if (reloadedSince) {
        // Fresh copies that still disagree count differently, they are not stale: reloading would never end.
        this.logger.warn(
          { seq: before.seq, stale },
          'lineage copy counts differ right after a full load; checks stopped',
        );
        clearInterval(this.verifyTimer);
        return;
      }
      this.logger.warn({ seq: before.seq, stale }, 'lineage copy disagrees with Neo4j at the same clock; reloading');
      this.reloadedByVerify = Date.now();
      this.reloadInBackground();
    } catch {
      // Neo4j trouble: syncs report it; the next round tries again.
    } finally {
      this.verifying = false;
    }
  }

  /**
   * Drops both copies (Neo4j answers until they are back) and reloads them.
   * A load already running finishes first; the sync after it sees that its
   * clock reading is old and comes back here.
   */
  private reloadInBackground(): false {
    this.index = null;
    this.columns = null;
    if (this.state !== 'too-large') this.state = 'loading';
    if (this.columnState !== 'too-large') this.columnState = 'loading';
    this.reload();
    return false;
  }

  private synced(): true {
    this.lastError = null;
    return true;
  }

  /**
   * Starts full loads in the background unless they run; each retries with
   * backoff. Column lineage loads after dataset lineage: it is the larger
   * (about ten times the edges) and the slower to read.
   */
  private reload(): void {
    if (this.loading || this.columnLoading || this.stopped) return;
    this.state = this.state === 'too-large' ? 'too-large' : 'loading';
    this.columnState = this.columnState === 'too-large' ? 'too-large' : 'loading';
    this.loading = this.loadWithRetry().finally(() => (this.loading = null));
    this.columnLoading = this.loading
      .then(() => this.loadColumnsWithRetry())
      .finally(() => (this.columnLoading = null));
  }

  private async loadColumnsWithRetry(): Promise<void> {
    await this.withRetry(
      'column lineage',
      async () => {
        const started = Date.now();
        const { columns, clock } = await this.loadColumns();
        this.columns = columns;
        this.columnSeq = clock.seq;
        this.columnRecheck = { since: clock.seq - 1, at: Date.now(), done: 0 };
        this.resetSeq = Math.max(this.resetSeq, clock.resetSeq);
        this.columnState = 'ready';
        this.columnsLoadedAt = new Date();
        this.logger.info({ ...columns.size, seq: clock.seq, ms: Date.now() - started }, 'column lineage loaded');
      },
      () => (this.columnState = 'retrying'),
    );
  }

  private async loadColumns(): Promise<{ columns: ColumnIndex; clock: { seq: number; resetSeq: number } }> {
    const clock = await this.repository.clock();
    const columns = new ColumnIndex();
    await this.eachPage(
      (after) => this.repository.columnPage(after, COLUMN_PAGE_SIZE),
      COLUMN_PAGE_SIZE,
      (row) => row.key,
      (page) => {
        for (const feeds of page) columns.load(feeds);
        if (columns.size.edges > this.config.lineageCache.maxColumnEdges) {
          this.dropColumnsTooLarge(columns.size.edges);
          throw new TooLarge();
        }
      },
    );
    columns.finishLoad();
    return { columns, clock };
  }

  private async loadWithRetry(): Promise<void> {
    await this.migrations.whenReady();
    await this.withRetry(
      'lineage topology',
      async () => {
        const started = Date.now();
        const { index, clock } = await this.loadAll();
        this.index = index;
        this.seq = clock.seq;
        this.datasetRecheck = { since: clock.seq - 1, at: Date.now(), done: 0 };
        this.resetSeq = clock.resetSeq;
        this.state = 'ready';
        this.loadedAt = new Date();
        this.lastError = null;
        this.logger.info({ ...index.size, seq: clock.seq, ms: Date.now() - started }, 'lineage topology loaded');
      },
      (error) => {
        this.state = 'retrying';
        this.lastError = error;
      },
    );
  }

  /** Runs `load` until it succeeds, is too large, or the module stops; backs off up to a minute between tries. */
  private async withRetry(what: string, load: () => Promise<void>, failed: (error: string) => void): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await load();
        return;
      } catch (error) {
        if (error instanceof TooLarge) return;
        failed(message(error));
        const delay = Math.min(RETRY_MAX_MS, 1_000 * 2 ** Math.min(attempt - 1, 6));
        if (attempt === 1 || attempt % 10 === 0)
          this.logger.warn({ attempt, delay, error: message(error) }, `${what} load failed, retrying`);
        await new Promise<void>((resolve) => (this.retryTimer = setTimeout(resolve, delay)));
      }
    }
  }

  /**
   * The clock is read first: whatever commits during the load is stamped
   * after it, so the first sync reloads it (some nodes twice, none missed).
   */
  private async loadAll(): Promise<{ index: TopologyIndex; clock: { seq: number; resetSeq: number } }> {
    const clock = await this.repository.clock();
    const index = new TopologyIndex();
    await this.eachPage(
      (after) => this.repository.jobsPage(after, PAGE_SIZE),
      PAGE_SIZE,
      (row) => row.job.id,
      (page) => {
        for (const job of page) index.putJob(job);
        if (index.size.edges > this.config.lineageCache.maxEdges) {
          this.dropTooLarge(index.size.edges);
          throw new TooLarge();
        }
      },
    );
    await this.eachPage(
      (after) => this.repository.symlinksPage(after, PAGE_SIZE),
      PAGE_SIZE,
      (row) => row.dataset.id,
      (page) => {
        for (const { dataset, targets } of page) for (const target of targets) index.addSymlink(dataset, target);
      },
    );
    for (const kind of ['dataset', 'job'] as const) {
      await this.eachPage(
        (after) => this.repository.detailsPage(kind, after, PAGE_SIZE),
        PAGE_SIZE,
        ([id]) => id,
        (page) => {
          for (const row of page) index.putDetails(nodeDetails(row));
        },
      );
    }
    return { index, clock };
  }

  /** Reads pages keyed by id until one comes back short (or the module stops). */
  private async eachPage<T>(
    read: (after: string) => Promise<T[]>,
    pageSize: number,
    keyOf: (row: T) => string,
    take: (page: T[]) => void,
  ): Promise<void> {
    for (let after = ''; !this.stopped;) {
      const page = await read(after);
      take(page);
      if (page.length < pageSize) return;
      after = keyOf(page[page.length - 1]!);
    }
  }

  private dropColumnsTooLarge(edges: number): void {
    const max = this.config.lineageCache.maxColumnEdges;
    this.columns = null;
    this.columnState = 'too-large';
    this.lastError = `${edges} column lineage edges exceed LINEAGE_CACHE_MAX_COLUMN_EDGES=${max}`;
    this.logger.warn({ edges, max }, 'column lineage not kept in memory');
  }

  private dropTooLarge(edges: number): void {
    this.index = null;
    this.state = 'too-large';
    this.lastError = `${edges} lineage edges exceed LINEAGE_CACHE_MAX_EDGES=${this.config.lineageCache.maxEdges}`;
    this.logger.warn({ edges, max: this.config.lineageCache.maxEdges }, 'lineage topology not kept in memory');
  }
}

interface Recheck {
  /** Read the stamps after this value again (the newest clock value's, and later ones). */
  since: number;
  /** When that clock value was first read. */
  at: number;
  /** How many of RECHECK_AFTER_MS have been read. */
  done: number;
}

/**
 * After which clock value to read stamps now, or null for nothing to read:
 * everything after the copy's value when the clock moved (and the newest
 * value it knew of again, as that commit is surely whole now), the newest
 * value's own stamps at each recheck delay, else nothing.
 */
export function stampsToRead(copySeq: number, clockSeq: number, recheck: Recheck | null, now: number): number | null {
  if (clockSeq > copySeq) return Math.min(copySeq, recheck?.since ?? copySeq);
  const due = recheck ? RECHECK_AFTER_MS[recheck.done] : undefined;
  if (recheck && due !== undefined && now - recheck.at >= due) return recheck.since;
  return null;
}

/**
 * What is left to read again after a sync that read stamps at `now`: a new
 * clock value from its first delay, the same one at its next delay.
 */
export function nextRecheck(copySeq: number, clockSeq: number, now: number, previous: Recheck | null): Recheck | null {
  if (clockSeq > copySeq) return { since: clockSeq - 1, at: now, done: 0 };
  if (!previous || previous.done + 1 >= RECHECK_AFTER_MS.length) return null;
  return { ...previous, done: previous.done + 1 };
}

function message(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
