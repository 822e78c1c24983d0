import { Injectable } from '@nestjs/common';
import neo4j from 'neo4j-driver';
import { datasetId } from '../graph-ids.js';
import { LINEAGE_CLOCK_ID } from '../lineage-clock.js';
import { Neo4jService } from '../neo4j.service.js';
import { DATASET_DETAILS_WIRE, JOB_DETAILS_WIRE, type NodeDetailsWire } from './impact.repository.js';
import { readRecords } from './read-errors.js';
import type { DatasetRow } from './read-rows.js';
import type { ColumnFeeds, FeedsWire } from './column-index.js';
import type { TopologyJob, TopologySymlinks } from './topology-index.js';

const CLOCK = `
OPTIONAL MATCH (c:LineageClock {id: $clock})
RETURN coalesce(c.seq, 0) AS seq, coalesce(c.resetSeq, 0) AS resetSeq`;

// "Current" as liveEdge() in time-filter.ts has it without asOf: validTo null.
const JOB_TOPOLOGY = `
j {.id, .namespace, .name} AS job,
[(d:Dataset)-[e:INPUT_TO]->(j) WHERE e.validTo IS NULL | d {.id, .namespace, .name}] AS inputs,
[(j)-[e:OUTPUTS]->(d:Dataset) WHERE e.validTo IS NULL | d {.id, .namespace, .name}] AS outputs`;

// Paged by id (the unique index gives the order), so a large graph loads in
// bounded queries that each fit the transaction timeout.
const JOBS_PAGE = `
MATCH (j:Job) WHERE j.id > $after
WITH j ORDER BY j.id LIMIT $pageSize
RETURN ${JOB_TOPOLOGY}`;

const JOBS_STAMPED = `
MATCH (j:Job) WHERE j.topologySeq > $since
WITH j LIMIT $limit
RETURN ${JOB_TOPOLOGY}`;

const SYMLINKS_PAGE = `
MATCH (a:Dataset)-[:SYMLINK]->(b:Dataset) WHERE a.id > $after
WITH a, collect(b {.id, .namespace, .name}) AS targets
ORDER BY a.id LIMIT $pageSize
RETURN a {.id, .namespace, .name} AS dataset, targets`;

const DATASETS_STAMPED = `
MATCH (d:Dataset) WHERE d.topologySeq > $since
RETURN d {.id, .namespace, .name} AS dataset, [(d)-[:SYMLINK]-(s:Dataset) | s {.id, .namespace, .name}] AS symlinks`;

const DETAILS_PAGE = {
  dataset: `
MATCH (d:Dataset) WHERE d.id > $after
WITH d ORDER BY d.id LIMIT $pageSize
RETURN ${DATASET_DETAILS_WIRE} AS row`,
  job: `
MATCH (j:Job) WHERE j.id > $after
WITH j ORDER BY j.id LIMIT $pageSize
RETURN ${JOB_DETAILS_WIRE} AS row`,
};

const DETAILS_STAMPED = `
CALL () {
  MATCH (d:Dataset) WHERE d.detailsSeq > $since
  WITH d LIMIT $limit
  RETURN collect(${DATASET_DETAILS_WIRE}) AS datasets
}
CALL () {
  MATCH (j:Job) WHERE j.detailsSeq > $since
  WITH j LIMIT $limit
  RETURN collect(${JOB_DETAILS_WIRE}) AS jobs
}
RETURN datasets + jobs AS rows`;

// A column's path crosses the wire only when its id does not spell it
// (digest ids, graph-ids.ts): most ids do, and paths would double the load.
// Each column names its dataset by the namespace and name the writer stored
// on it with the HAS_FIELD edge (dataset.repository.ts); the dataset id is
// derived from them here (graph-ids.ts), not found by expanding HAS_FIELD
// from every column, which was half of a reload's database hits
// (docs/benchmarks.md).
const FEEDS_WIRE = `[f.jobId, i.id, o.id, i.namespace, i.datasetName, o.namespace, o.datasetName,
  CASE WHEN i.id = 'field:' + i.namespace + ':' + i.datasetName + ':' + i.path THEN null ELSE i.path END,
  CASE WHEN o.id = 'field:' + o.namespace + ':' + o.datasetName + ':' + o.path THEN null ELSE o.path END,
  f.type, f.subtype, f.transformations, f.masking]`;

// The full load pages over the datasets holding the input fields (the id
// index gives the order). Aggregating inside CALL keeps datasets without
// column lineage as empty rows, so a page is never cut short. The per-job
// reload reads the same edges: every column is created with its HAS_FIELD
// edge, in the statement that names it (dataset.repository.ts).
const FEEDS_PAGE = `
MATCH (id:Dataset) WHERE id.id > $after
WITH id ORDER BY id.id LIMIT $pageSize
CALL (id) {
  MATCH (id)-[:HAS_FIELD]->(i:Field)-[f:FEEDS]->(o:Field)
  WHERE f.validTo IS NULL
  RETURN collect(${FEEDS_WIRE}) AS feeds
}
RETURN id.id AS key, id {.id, .namespace, .name} AS dataset, feeds`;

// A job's edges by the feeds_job relationship index (graph-migrations.ts).
const JOB_FEEDS_STAMPED = `
MATCH (j:Job) WHERE j.columnTopologySeq > $since
WITH j LIMIT $limit
CALL (j) {
  MATCH (i:Field)-[f:FEEDS]->(o:Field)
  WHERE f.jobId = j.id AND f.validTo IS NULL
  RETURN collect(${FEEDS_WIRE}) AS feeds
}
RETURN j.id AS key, feeds`;

/** What follows the two dataset ids in a FeedsWire: the paths and the transformation. */
type AfterDatasetIds = FeedsWire extends [string, string, string, string, string, ...infer Rest] ? Rest : never;

/**
 * One current FEEDS edge as the queries above return it: FeedsWire with each
 * column's dataset as namespace and name instead of its id.
 */
type StoredFeedsWire = [
  jobId: string,
  input: string,
  output: string,
  inputNamespace: string,
  inputName: string,
  outputNamespace: string,
  outputName: string,
  ...AfterDatasetIds,
];

/** The edges as the column copy takes them, with the datasets they name (and `also`, first). */
function columnFeeds(rows: StoredFeedsWire[], also?: DatasetRow): ColumnFeeds {
  const datasets = new Map<string, DatasetRow>();
  if (also) datasets.set(also.id, also);
  const dataset = (namespace: string, name: string): string => {
    const id = datasetId(namespace, name);
    if (!datasets.has(id)) datasets.set(id, { id, namespace, name });
    return id;
  };
  const feeds = rows.map(
    ([jobId, input, output, inputNamespace, inputName, outputNamespace, outputName, ...rest]): FeedsWire => [
      jobId,
      input,
      output,
      dataset(inputNamespace, inputName),
      dataset(outputNamespace, outputName),
      ...rest,
    ],
  );
  return { datasets: [...datasets.values()], feeds };
}

// What the copies should hold, counted on the graph: a check, not a load.
const CURRENT_EDGE_COUNT = `MATCH ()-[e:INPUT_TO|OUTPUTS]->() WHERE e.validTo IS NULL RETURN count(e) AS edges`;
const CURRENT_FEEDS_COUNT = `MATCH ()-[f:FEEDS]->() WHERE f.validTo IS NULL RETURN count(f) AS edges`;

export interface KeyedColumnFeeds extends ColumnFeeds {
  key: string;
}

export interface LineageClockReading {
  seq: number;
  resetSeq: number;
}

/** Reads for the in-memory lineage topology (lineage-topology.service.ts). */
@Injectable()
export class TopologyRepository {
  constructor(private readonly neo4j: Neo4jService) {}

  async clock(): Promise<LineageClockReading> {
    // Read before every traversal: the one-round-trip form.
    const [row] = await this.neo4j.readOnce<LineageClockReading>(CLOCK, { clock: LINEAGE_CLOCK_ID });
    return row ?? { seq: 0, resetSeq: 0 };
  }

  jobsPage(after: string, pageSize: number): Promise<TopologyJob[]> {
    return readRecords<TopologyJob>(this.neo4j, JOBS_PAGE, { after, pageSize: neo4j.int(pageSize) });
  }

  /** At most `limit` jobs: a caller given `limit` rows knows it may not have them all. */
  jobsStampedAfter(since: number, limit: number): Promise<TopologyJob[]> {
    return readRecords<TopologyJob>(this.neo4j, JOBS_STAMPED, { since, limit: neo4j.int(limit) });
  }

  /** Outgoing SYMLINK edges grouped by their source dataset, one page of sources. */
  symlinksPage(after: string, pageSize: number): Promise<{ dataset: DatasetRow; targets: DatasetRow[] }[]> {
    return readRecords(this.neo4j, SYMLINKS_PAGE, { after, pageSize: neo4j.int(pageSize) });
  }

  /** Current FEEDS out of the fields of one page of datasets, keyed by dataset id, in id order. */
  async columnPage(after: string, pageSize: number): Promise<KeyedColumnFeeds[]> {
    const rows = await readRecords<{ key: string; dataset: DatasetRow; feeds: StoredFeedsWire[] }>(
      this.neo4j,
      FEEDS_PAGE,
      { after, pageSize: neo4j.int(pageSize) },
    );
    return rows.map(({ key, dataset, feeds }) => ({ key, ...columnFeeds(feeds, dataset) }));
  }

  /** All current FEEDS of each job whose column lineage was stamped after `since` (at most `limit` jobs), keyed by job id. */
  async columnJobsStampedAfter(since: number, limit: number): Promise<KeyedColumnFeeds[]> {
    const rows = await readRecords<{ key: string; feeds: StoredFeedsWire[] }>(this.neo4j, JOB_FEEDS_STAMPED, {
      since,
      limit: neo4j.int(limit),
    });
    return rows.map(({ key, feeds }) => ({ key, ...columnFeeds(feeds) }));
  }

  async currentEdgeCount(): Promise<number> {
    const [row] = await readRecords<{ edges: number }>(this.neo4j, CURRENT_EDGE_COUNT, {});
    return row?.edges ?? 0;
  }

  async currentColumnEdgeCount(): Promise<number> {
    const [row] = await readRecords<{ edges: number }>(this.neo4j, CURRENT_FEEDS_COUNT, {});
    return row?.edges ?? 0;
  }

  datasetsStampedAfter(since: number): Promise<TopologySymlinks[]> {
    return readRecords<TopologySymlinks>(this.neo4j, DATASETS_STAMPED, { since });
  }

  /** What impact shows beside datasets (or jobs), one page in id order. */
  async detailsPage(kind: 'dataset' | 'job', after: string, pageSize: number): Promise<NodeDetailsWire[]> {
    const rows = await readRecords<{ row: NodeDetailsWire }>(this.neo4j, DETAILS_PAGE[kind], {
      after,
      pageSize: neo4j.int(pageSize),
      fieldCounts: true,
    });
    return rows.map(({ row }) => row);
  }

  /** Details of the datasets and jobs stamped after `since` (lineage-clock.ts), at most `limit` of each kind. */
  async detailsStampedAfter(since: number, limit: number): Promise<NodeDetailsWire[]> {
    const [result] = await readRecords<{ rows: NodeDetailsWire[] }>(this.neo4j, DETAILS_STAMPED, {
      since,
      limit: neo4j.int(limit),
      fieldCounts: true,
    });
    return result?.rows ?? [];
  }
}
