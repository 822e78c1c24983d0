import { Injectable } from '@nestjs/common';
import { datasetId, fieldId, jobId } from '../graph-ids.js';
import { Neo4jService } from '../neo4j.service.js';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type {
  DatasetHopRow,
  DatasetWithSymlinks,
  Direction,
  EdgeTimeFilter,
  FieldHopRow,
  FieldRow,
  JobRow,
  LayerSource,
} from './read-rows.js';
import type { NodeDetailsRow } from './impact.repository.js';
import { LineageTopology } from './lineage-topology.service.js';
import { readRecords, translateReadError } from './read-errors.js';
import { NotInTopology } from './topology-index.js';
import { liveEdge, timeParams } from './time-filter.js';

// A symlink component is small (a table and its aliases in two or three
// tools); the bound keeps a malformed chain from exploding.
// The degree check first: most datasets have no symlink, and it is far
// cheaper than a variable-length expansion over all their relationships.
const SYMLINKS = (v: string): string =>
  `CASE WHEN COUNT { (${v})-[:SYMLINK]-() } = 0 THEN [] ELSE ` +
  `COLLECT { MATCH (${v})-[:SYMLINK*1..3]-(s:Dataset) WHERE s <> ${v} RETURN DISTINCT s {.id, .namespace, .name} } END`;

// By id (graph-ids.ts), the one indexed identity: names may be too long for a range index.
// The name check keeps `dataset:a:b:c` from finding (a:b, c) when (a, b:c) was asked for.
const DATASET_BY_NAME = `
MATCH (d:Dataset {id: $id}) WHERE d.namespace = $namespace AND d.name = $name
RETURN d {.id, .namespace, .name, symlinks: ${SYMLINKS('d')}} AS dataset`;

// Identities as the producer spelled them before normalization still find the
// dataset (docs/graph-model.md: "Lookup by a name before normalization").
const DATASET_BY_ORIGINAL_ID = `
MATCH (d:Dataset) WHERE $id IN d.originalIds
RETURN d {.id, .namespace, .name, symlinks: ${SYMLINKS('d')}} AS dataset
LIMIT 1`;

const JOB_BY_NAME = `
MATCH (j:Job {id: $id}) WHERE j.namespace = $namespace AND j.name = $name
RETURN j {.id, .namespace, .name} AS job`;

const FIELD_BY_PATH = `
MATCH (f:Field {id: $id}) WHERE f.namespace = $namespace AND f.datasetName = $name AND f.path = $path
RETURN f {.id, .namespace, .datasetName, .path} AS field`;

const FIELDS_OF_DATASETS = `
UNWIND $ids AS id
MATCH (:Dataset {id: id})-[:HAS_FIELD]->(f:Field)
RETURN f {.id, .namespace, .datasetName, .path} AS field`;

// Names and symlinks of the far side come with the layer: a separate lookup
// per layer doubled the round trips of a traversal, and per-query overhead
// (in the driver and in Neo4j) was most of a lineage request's cost.
const FAR_DATASETS = `collect(o {.id, .namespace, .name, symlinks: ${SYMLINKS('o')}}) AS nextDatasets`;

/**
 * Frontier datasets (each with its symlink members) → jobs → the datasets on
 * the far side, one layer. Rows are cut at $maxRows before the far side is
 * read, so a nearly spent node budget costs little.
 */
function datasetLayer(direction: Direction): string {
  const [near, far] =
    direction === 'DOWNSTREAM'
      ? ['(d)-[r1:INPUT_TO]->(j:Job)', '(j)-[r2:OUTPUTS]->(o:Dataset)']
      : ['(d)<-[r1:OUTPUTS]-(j:Job)', '(j)<-[r2:INPUT_TO]-(o:Dataset)'];
  return `
UNWIND $frontier AS f
UNWIND f.members AS member
MATCH (d:Dataset {id: member})
MATCH ${near}
WHERE ${liveEdge('r1')}
WITH DISTINCT f.key AS from, j
ORDER BY from, j.id
LIMIT $maxRows
OPTIONAL MATCH ${far}
WHERE ${liveEdge('r2')}
RETURN from, j {.id, .namespace, .name} AS job, collect(o.id) AS next, ${FAR_DATASETS}`;
}

/** From jobs straight to their datasets (a lineage rooted at a job). */
function jobLayer(direction: Direction): string {
  const far = direction === 'DOWNSTREAM' ? '(j)-[r2:OUTPUTS]->(o:Dataset)' : '(j)<-[r2:INPUT_TO]-(o:Dataset)';
  return `
UNWIND $ids AS id
MATCH (j:Job {id: id})
MATCH ${far}
WHERE ${liveEdge('r2')}
RETURN j.id AS from, j {.id, .namespace, .name} AS job, collect(o.id) AS next, ${FAR_DATASETS}`;
}

const DATASETS = `
UNWIND $ids AS id
MATCH (d:Dataset {id: id})
RETURN d {.id, .namespace, .name, symlinks: ${SYMLINKS('d')}} AS dataset`;

function fieldLayer(direction: Direction): string {
  const hop = direction === 'DOWNSTREAM' ? '(f)-[r:FEEDS]->(g:Field)' : '(f)<-[r:FEEDS]-(g:Field)';
  // FEEDS carry no lastSeenAt: a column mapping was last confirmed when its
  // job's OUTPUTS edge into the output field's dataset was last seen.
  const outputDataset = direction === 'DOWNSTREAM' ? 'ds' : 'fds';
  return `
UNWIND $ids AS id
MATCH (f:Field {id: id})
MATCH ${hop}
WHERE ${liveEdge('r', false)}
MATCH (ds:Dataset)-[:HAS_FIELD]->(g)
${direction === 'UPSTREAM' ? 'MATCH (fds:Dataset)-[:HAS_FIELD]->(f)' : ''}
WITH id, g, ds, r${direction === 'UPSTREAM' ? ', fds' : ''}
WHERE $staleSince IS NULL OR EXISTS {
  MATCH (:Job {id: r.jobId})-[o:OUTPUTS]->(${outputDataset}) WHERE o.lastSeenAt >= $staleSince
}
WITH id, g, ds, r
ORDER BY id, g.id, r.jobId
LIMIT $maxRows
RETURN id AS from, g {.id, .namespace, .datasetName, .path} AS node,
       ds.id AS datasetNodeId, r {.jobId, .type, .subtype, .transformations, .masking} AS edge`;
}

const QUERIES = {
  datasetLayer: { DOWNSTREAM: datasetLayer('DOWNSTREAM'), UPSTREAM: datasetLayer('UPSTREAM') },
  jobLayer: { DOWNSTREAM: jobLayer('DOWNSTREAM'), UPSTREAM: jobLayer('UPSTREAM') },
  fieldLayer: { DOWNSTREAM: fieldLayer('DOWNSTREAM'), UPSTREAM: fieldLayer('UPSTREAM') },
} as const;

/** What a traversal will ask, so the repository can tell whether the memory copy can answer it. */
export interface TraversalShape {
  time: EdgeTimeFilter;
}

/** Traversals, and dataset lookups, against one synced view of the lineage. */
export interface TraversalView {
  run<T>(work: (source: LayerSource) => Promise<T>): Promise<T>;
  /** The dataset by exact name when the memory copy holds it; null means "ask Neo4j", not "unknown". */
  cachedDataset(namespace: string, name: string): DatasetWithSymlinks | null;
  /** What impact shows beside a dataset or job, when the synced copy holds it; null means "ask Neo4j". */
  cachedDetails(id: string): NodeDetailsRow | null;
  /** The column by exact dataset and path when the column copy holds it; null means "ask Neo4j". */
  cachedField(namespace: string, name: string, path: string): FieldRow | null;
}

type FieldHopWireRow = Omit<FieldHopRow, 'dataset'> & { datasetNodeId: string };

function layerSource(tx: ManagedTransaction): LayerSource {
  const run = async <T>(query: string, params: Record<string, unknown>): Promise<T[]> => {
    const result = await tx.run(query, params);
    return result.records.map((record) => record.toObject() as T);
  };
  return {
    datasetLayer: async (direction, frontier, time, maxRows) =>
      frontier.length === 0
        ? []
        : run<DatasetHopRow>(QUERIES.datasetLayer[direction], {
            frontier,
            maxRows: neo4j.int(maxRows),
            ...timeParams(time),
          }),
    jobLayer: async (direction, jobIds, time) =>
      jobIds.length === 0 ? [] : run<DatasetHopRow>(QUERIES.jobLayer[direction], { ids: jobIds, ...timeParams(time) }),
    fieldLayer: async (direction, fieldIds, time, maxRows) => {
      if (fieldIds.length === 0) return [];
      const rows = await run<FieldHopWireRow>(QUERIES.fieldLayer[direction], {
        ids: fieldIds,
        maxRows: neo4j.int(maxRows),
        ...timeParams(time),
      });
      // A field's namespace and datasetName are its dataset's: only the id
      // crosses the wire (a layer can be thousands of rows).
      return rows.map(({ datasetNodeId, ...row }) => ({
        ...row,
        dataset: { id: datasetNodeId, namespace: row.node.namespace, name: row.node.datasetName },
      }));
    },
    datasets: async (ids) =>
      ids.length === 0
        ? []
        : (await run<{ dataset: DatasetWithSymlinks }>(DATASETS, { ids })).map((row) => row.dataset),
  };
}

/**
 * Traversals for lineage and impact. Each call expands one BFS layer with the
 * frontier passed as a parameter (UNWIND), so the caller bounds depth, node
 * count and fan-out between layers instead of asking Neo4j for unbounded
 * variable-length paths.
 */
@Injectable()
export class LineageRepository {
  constructor(
    private readonly neo4j: Neo4jService,
    private readonly topology: LineageTopology,
  ) {}

  async datasetByName(namespace: string, name: string): Promise<DatasetWithSymlinks | null> {
    const rows = await this.run<{ dataset: DatasetWithSymlinks }>(DATASET_BY_NAME, {
      id: datasetId(namespace, name),
      namespace,
      name,
    });
    return rows[0]?.dataset ?? null;
  }

  async datasetByOriginalId(id: string): Promise<DatasetWithSymlinks | null> {
    const rows = await this.run<{ dataset: DatasetWithSymlinks }>(DATASET_BY_ORIGINAL_ID, { id });
    return rows[0]?.dataset ?? null;
  }

  async jobByName(namespace: string, name: string): Promise<JobRow | null> {
    const rows = await this.run<{ job: JobRow }>(JOB_BY_NAME, { id: jobId(namespace, name), namespace, name });
    return rows[0]?.job ?? null;
  }

  async fieldByPath(namespace: string, name: string, path: string): Promise<FieldRow | null> {
    const rows = await this.run<{ field: FieldRow }>(FIELD_BY_PATH, {
      id: fieldId(namespace, name, path),
      namespace,
      name,
      path,
    });
    return rows[0]?.field ?? null;
  }

  async fieldsOf(datasetIds: string[]): Promise<FieldRow[]> {
    const rows = await this.run<{ field: FieldRow }>(FIELDS_OF_DATASETS, { ids: datasetIds });
    return rows.map((row) => row.field);
  }

  /** Runs one traversal; see view(). */
  async traversal<T>(work: (source: LayerSource) => Promise<T>, shape?: TraversalShape): Promise<T> {
    return (await this.view(shape)).run(work);
  }

  /**
   * Brings the in-memory topology up to the lineage clock once, for every
   * traversal of one request (both directions of a lineage share one sync).
   * Each traversal runs over memory when it can answer every layer, else in
   * one read transaction: one BEGIN/COMMIT and one timeout for all its
   * layers. `work` must be free of side effects: it runs again against Neo4j
   * when the memory copy cannot finish it. A `shape` the copy cannot answer
   * (a time filter) skips the sync. The same synced copy
   * resolves the request's root dataset or column, saving queries.
   */
  async view(shape?: TraversalShape): Promise<TraversalView> {
    const memoryCanAnswer = !shape || (shape.time.asOf === null && shape.time.staleSince === null);
    const memory = memoryCanAnswer ? await this.topology.source() : null;
    const cachedDataset = (namespace: string, name: string): DatasetWithSymlinks | null => {
      const found = memory?.datasetById(datasetId(namespace, name)) ?? null;
      // As DATASET_BY_NAME: the id alone could match another split of the same string.
      return found && found.namespace === namespace && found.name === name ? found : null;
    };
    const run = async <T>(work: (source: LayerSource) => Promise<T>): Promise<T> => {
      if (memory) {
        try {
          const result = await work(memory);
          this.topology.countTraversal('memory');
          return result;
        } catch (error) {
          if (!(error instanceof NotInTopology)) throw error;
        }
      }
      this.topology.countTraversal('graph');
      try {
        return await this.neo4j.read((tx) => work(layerSource(tx)));
      } catch (error) {
        return translateReadError(error);
      }
    };
    const cachedField = (namespace: string, name: string, path: string): FieldRow | null => {
      const found = memory?.fieldById(fieldId(namespace, name, path)) ?? null;
      // As FIELD_BY_PATH.
      return found && found.namespace === namespace && found.datasetName === name && found.path === path ? found : null;
    };
    return { run, cachedDataset, cachedField, cachedDetails: (id) => memory?.nodeDetails(id) ?? null };
  }

  private run<T>(query: string, params: Record<string, unknown>): Promise<T[]> {
    return readRecords<T>(this.neo4j, query, params);
  }
}
