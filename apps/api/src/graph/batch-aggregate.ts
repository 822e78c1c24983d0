import type { EventType } from '@tributary/openlineage';
import { maxKey, minKey } from './event-time.js';
import type { ColumnLineageIn, DatasetMention, EventFacts, FacetIn, ParentIn, SchemaIn } from './event-facts.js';

/**
 * A batch reduced to one entry per node and edge. Every rule here is a min or
 * a max over keys, so the result does not depend on the order of the events;
 * the writer then merges it with what the graph holds using the same rules.
 */
export interface FacetsAgg {
  facets: Map<string, FacetIn>;
  createdKey: string;
  updatedKey: string;
}

export interface DatasetAgg extends FacetsAgg {
  id: string;
  namespace: string;
  name: string;
  /** Schema per schema-facet hash, to find the schema of the winning facet. */
  schemaByFacetHash: Map<string, SchemaIn>;
  /** Every distinct schema seen, with the earliest `time|runId` that carried it. */
  versions: Map<string, { schema: SchemaIn; key: string; runId: string | null }>;
  originalIds: Set<string>;
  symlinksByFacetHash: Map<string, NonNullable<DatasetMention['symlinks']>>;
  /**
   * Keys of the columnLineage facets that a job's output mention carried and
   * that became column lineage: those are kept on the job's OUTPUTS edge
   * (COLUMN_LINEAGE_STATE_SET), not in the dataset's facets JSON.
   */
  edgeColumnLineageKeys: Set<string>;
}

export interface JobAgg extends FacetsAgg {
  id: string;
  namespace: string;
  name: string;
  /** `time|runId` of the newest run event of this job in the batch. */
  latestRunKey: string | null;
  /** Newest JobEvent: its key and the I/O it declares ("in:<id>"/"out:<id>"). */
  jobEvent: { key: string; io: string[] } | null;
}

export interface RunAgg extends FacetsAgg {
  id: string;
  jobId: string;
  startKey: string | null;
  /** `time|rank|TYPE` of the newest terminal event (COMPLETE/ABORT/FAIL). */
  terminalKey: string | null;
  /** `time|rank|TYPE` of the newest other event (START/RUNNING/OTHER). */
  otherKey: string | null;
  parentByKey: Map<string, ParentIn>;
}

export interface RunIoAgg {
  runId: string;
  datasetId: string;
  direction: 'READ' | 'WROTE';
  /** `time|schemaHash` of the newest schema seen for this output in this run. */
  versionKey: string | null;
  /** `time` of the newest outputStatistics, with its values. */
  statsKey: string | null;
  rowCount: number | null;
  byteSize: number | null;
}

export interface JobIoAgg {
  jobId: string;
  datasetId: string;
  direction: 'INPUT_TO' | 'OUTPUTS';
  /** `time|runId` (runId empty for JobEvents). */
  firstKey: string;
  lastKey: string;
}

export interface ColumnLineageAgg {
  jobId: string;
  datasetId: string;
  /** Per mapping hash: the mapping, the newest and the oldest time it was seen. */
  mappings: Map<string, { lineage: ColumnLineageIn; maxKey: string; minTime: string }>;
}

export interface BatchAgg {
  namespaces: Map<string, string>;
  datasets: Map<string, DatasetAgg>;
  jobs: Map<string, JobAgg>;
  runs: Map<string, RunAgg>;
  runIo: Map<string, RunIoAgg>;
  jobIo: Map<string, JobIoAgg>;
  columnLineage: Map<string, ColumnLineageAgg>;
}

const TERMINAL_RANK: Partial<Record<EventType, number>> = { COMPLETE: 1, ABORT: 2, FAIL: 3 };
const OTHER_RANK: Partial<Record<EventType, number>> = { START: 1, RUNNING: 2, OTHER: 3 };

export function isTerminal(type: EventType): boolean {
  return TERMINAL_RANK[type] !== undefined;
}

export function stateKey(timeKey: string, type: EventType): string {
  return `${timeKey}|${TERMINAL_RANK[type] ?? OTHER_RANK[type] ?? 0}|${type}`;
}

function mergeFacetsInto(target: Map<string, FacetIn>, facets: FacetIn[]): void {
  for (const facet of facets) {
    const current = target.get(facet.name);
    if (!current || facet.key > current.key) target.set(facet.name, facet);
  }
}

function touch(agg: FacetsAgg, timeKey: string): void {
  agg.createdKey = minKey(agg.createdKey, timeKey)!;
  agg.updatedKey = maxKey(agg.updatedKey, timeKey)!;
}

export function emptyBatch(): BatchAgg {
  return {
    namespaces: new Map(),
    datasets: new Map(),
    jobs: new Map(),
    runs: new Map(),
    runIo: new Map(),
    jobIo: new Map(),
    columnLineage: new Map(),
  };
}

export function aggregate(all: EventFacts[]): BatchAgg {
  const batch = emptyBatch();
  for (const facts of all) addEvent(batch, facts);
  return batch;
}

function addNamespace(batch: BatchAgg, namespace: string, timeKey: string): void {
  batch.namespaces.set(namespace, minKey(batch.namespaces.get(namespace), timeKey)!);
}

function addEvent(batch: BatchAgg, facts: EventFacts): void {
  const t = facts.timeKey;
  const runId = facts.run?.id ?? null;
  const tieKey = `${t}|${runId ?? ''}`;

  for (const mention of facts.datasets) {
    addNamespace(batch, mention.namespace, t);
    let dataset = batch.datasets.get(mention.id);
    if (!dataset) {
      dataset = {
        id: mention.id,
        namespace: mention.namespace,
        name: mention.name,
        facets: new Map(),
        createdKey: t,
        updatedKey: t,
        schemaByFacetHash: new Map(),
        versions: new Map(),
        originalIds: new Set(),
        symlinksByFacetHash: new Map(),
        edgeColumnLineageKeys: new Set(),
      };
      batch.datasets.set(mention.id, dataset);
    }
    touch(dataset, t);
    mergeFacetsInto(dataset.facets, mention.facets);
    for (const original of facts.originalIds.get(mention.id) ?? []) dataset.originalIds.add(original);
    const schemaFacet = mention.facets.find((f) => f.name === 'schema');
    if (mention.schema && schemaFacet) {
      dataset.schemaByFacetHash.set(schemaFacet.hash, mention.schema);
      const version = dataset.versions.get(mention.schema.hash);
      if (!version || tieKey < version.key) {
        dataset.versions.set(mention.schema.hash, { schema: mention.schema, key: tieKey, runId });
      }
    }
    const symlinkFacet = mention.facets.find((f) => f.name === 'symlinks');
    if (mention.symlinks && symlinkFacet) dataset.symlinksByFacetHash.set(symlinkFacet.hash, mention.symlinks);
  }

  const job = facts.job;
  if (job) {
    addNamespace(batch, job.namespace, t);
    let agg = batch.jobs.get(job.id);
    if (!agg) {
      agg = {
        id: job.id,
        namespace: job.namespace,
        name: job.name,
        facets: new Map(),
        createdKey: t,
        updatedKey: t,
        latestRunKey: null,
        jobEvent: null,
      };
      batch.jobs.set(job.id, agg);
    }
    touch(agg, t);
    mergeFacetsInto(agg.facets, job.facets);
    if (runId) agg.latestRunKey = maxKey(agg.latestRunKey ?? undefined, tieKey) ?? null;
    if (job.isJobEvent) {
      const io = facts.datasets.map((d) => `${d.role === 'input' ? 'in' : 'out'}:${d.id}`).sort();
      const key = `${t}|${io.join(',')}`;
      if (!agg.jobEvent || key > agg.jobEvent.key) agg.jobEvent = { key, io };
    }
    for (const mention of facts.datasets) {
      if (mention.role === 'static') continue;
      const direction = mention.role === 'input' ? 'INPUT_TO' : 'OUTPUTS';
      const ioKey = `${job.id}|${direction}|${mention.id}`;
      const io = batch.jobIo.get(ioKey);
      if (!io)
        batch.jobIo.set(ioKey, { jobId: job.id, datasetId: mention.id, direction, firstKey: tieKey, lastKey: tieKey });
      else {
        io.firstKey = minKey(io.firstKey, tieKey)!;
        io.lastKey = maxKey(io.lastKey, tieKey)!;
      }
      if (mention.columnLineage) {
        addColumnLineage(batch, job.id, mention.id, mention.columnLineage, t);
        batch.datasets.get(mention.id)!.edgeColumnLineageKeys.add(mention.columnLineage.key);
      }
    }
  }

  const run = facts.run;
  if (run && job) {
    let agg = batch.runs.get(run.id);
    if (!agg) {
      agg = {
        id: run.id,
        jobId: job.id,
        facets: new Map(),
        createdKey: t,
        updatedKey: t,
        startKey: null,
        terminalKey: null,
        otherKey: null,
        parentByKey: new Map(),
      };
      batch.runs.set(run.id, agg);
    }
    touch(agg, t);
    mergeFacetsInto(agg.facets, run.facets);
    const key = stateKey(t, run.eventType);
    if (run.eventType === 'START') agg.startKey = minKey(agg.startKey ?? undefined, t) ?? null;
    if (isTerminal(run.eventType)) agg.terminalKey = maxKey(agg.terminalKey ?? undefined, key) ?? null;
    else agg.otherKey = maxKey(agg.otherKey ?? undefined, key) ?? null;
    const parentFacet = run.facets.find((f) => f.name === 'parent');
    if (run.parent && parentFacet) {
      agg.parentByKey.set(parentFacet.key, run.parent);
      addNamespace(batch, run.parent.jobNamespace, t);
    }

    for (const mention of facts.datasets) {
      if (mention.role === 'static') continue;
      const direction = mention.role === 'input' ? 'READ' : 'WROTE';
      const ioKey = `${run.id}|${direction}|${mention.id}`;
      let io = batch.runIo.get(ioKey);
      if (!io) {
        io = {
          runId: run.id,
          datasetId: mention.id,
          direction,
          versionKey: null,
          statsKey: null,
          rowCount: null,
          byteSize: null,
        };
        batch.runIo.set(ioKey, io);
      }
      if (direction === 'WROTE' && mention.schema) {
        io.versionKey = maxKey(io.versionKey ?? undefined, `${t}|${mention.schema.hash}`) ?? null;
      }
      if (direction === 'WROTE' && (mention.rowCount !== null || mention.byteSize !== null)) {
        const statsKey = `${t}|${mention.rowCount ?? ''}|${mention.byteSize ?? ''}`;
        if (!io.statsKey || statsKey > io.statsKey) {
          io.statsKey = statsKey;
          io.rowCount = mention.rowCount;
          io.byteSize = mention.byteSize;
        }
      }
    }
  }
}

function addColumnLineage(
  batch: BatchAgg,
  jobId: string,
  datasetId: string,
  lineage: ColumnLineageIn,
  t: string,
): void {
  const key = `${jobId}|${datasetId}`;
  let agg = batch.columnLineage.get(key);
  if (!agg) {
    agg = { jobId, datasetId, mappings: new Map() };
    batch.columnLineage.set(key, agg);
  }
  const mapping = agg.mappings.get(lineage.hash);
  if (!mapping) agg.mappings.set(lineage.hash, { lineage, maxKey: lineage.key, minTime: t });
  else {
    mapping.maxKey = maxKey(mapping.maxKey, lineage.key)!;
    mapping.minTime = minKey(mapping.minTime, t)!;
  }
}
