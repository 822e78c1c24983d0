import { Injectable } from '@nestjs/common';
import neo4j from 'neo4j-driver';
import { datasetId, jobId } from '../graph-ids.js';
import { Neo4jService } from '../neo4j.service.js';
import { readRecords } from './read-errors.js';

export interface NameRow {
  id: string;
  namespace: string;
  name: string;
}

export interface RunRow {
  id: string;
  state: string | null;
  /** Epoch milliseconds. */
  startedAt: number | null;
  endedAt: number | null;
  lastEventTime: number | null;
  errorMessage: string | null;
  jobNamespace: string | null;
  jobName: string | null;
  facets: string | null;
}

export interface FieldDetailRow {
  id: string;
  path: string;
  name: string | null;
  type: string | null;
  description: string | null;
  ordinal: number | null;
  tags: string[];
}

export interface VersionRow {
  hash: string;
  fields: string | null;
  createdAt: number | null;
  runId: string | null;
}

export interface DatasetDetailRow extends NameRow {
  description: string | null;
  sourceName: string | null;
  sourceUri: string | null;
  owners: string | null;
  tags: string[];
  classifications: string[];
  currentVersion: string | null;
  facets: string | null;
  /** The newest well-formed output statistics facet (JSON), kept apart from `facets`. */
  outputStatistics: string | null;
  /** The newest column lineage facet when a job's OUTPUTS edge holds it (batch-plan.ts, datasetFacetChanges). */
  columnLineageFacet: string | null;
  qualityAssertions: string | null;
  lastRowCount: number | null;
  lastByteSize: number | null;
  createdAt: number | null;
  updatedAt: number | null;
  fields: FieldDetailRow[];
  versions: VersionRow[];
  producers: NameRow[];
  consumers: NameRow[];
  latestRuns: RunRow[];
}

export interface JobDetailRow extends NameRow {
  description: string | null;
  jobType: string | null;
  processingType: string | null;
  integration: string | null;
  sql: string | null;
  sqlDialect: string | null;
  sourceCodeLanguage: string | null;
  sourceCode: string | null;
  sourceCodeUrl: string | null;
  owners: string | null;
  tags: string[];
  facets: string | null;
  createdAt: number | null;
  updatedAt: number | null;
  inputs: NameRow[];
  outputs: NameRow[];
  parent: NameRow | null;
  children: NameRow[];
  latestRun: RunRow | null;
}

export interface RunDetailRow extends RunRow {
  nominalStartTime: number | null;
  nominalEndTime: number | null;
  processingEngine: string | null;
  processingEngineVersion: string | null;
  job: NameRow | null;
  inputs: NameRow[];
  outputs: NameRow[];
}

export interface NamespaceRow {
  name: string;
  datasetCount: number;
  jobCount: number;
}

const RUN_MAP = (r: string, j: string): string =>
  `${r} {.id, .state, .errorMessage, .facets, startedAt: ${r}.startedAt.epochMillis, endedAt: ${r}.endedAt.epochMillis,
     lastEventTime: ${r}.lastEventTime.epochMillis, jobNamespace: ${j}.namespace, jobName: ${j}.name}`;

const NAMESPACES = `
MATCH (n:Namespace)
RETURN n.name AS name, COUNT { (n)-[:CONTAINS]->(:Dataset) } AS datasetCount, COUNT { (n)-[:CONTAINS]->(:Job) } AS jobCount
ORDER BY name`;

// Steward values (gov* properties, docs/graph-model.md) win over producer facets.
// Lookups go by id (graph-ids.ts), the one indexed identity: names may be too long for a range index.
// The name check keeps `dataset:a:b:c` from finding (a:b, c) when (a, b:c) was asked for.
const DATASET = `
MATCH (d:Dataset {id: $id}) WHERE d.namespace = $namespace AND d.name = $name
RETURN d {.id, .namespace, .name, .sourceName, .sourceUri, .currentVersion, .facets,
          .outputStatistics, .qualityAssertions, .lastRowCount, .lastByteSize,
          columnLineageFacet: head([(:Job)-[r:OUTPUTS]->(d) WHERE r.columnLineageKey = d.columnLineageKey
                                    AND r.columnLineageFacet IS NOT NULL | r.columnLineageFacet]),
          description: coalesce(d.govDescription, d.description), owners: coalesce(d.govOwners, d.owners),
          tags: coalesce(d.govTags, d.tags, []), classifications: coalesce(d.classifications, []),
          createdAt: d.createdAt.epochMillis, updatedAt: d.updatedAt.epochMillis,
          fields: [(d)-[:HAS_FIELD]->(f:Field) WHERE d.currentVersion IS NULL OR f.schemaHash = d.currentVersion | f {.id, .path, .name, .type, .ordinal, description: coalesce(f.govDescription, f.description),
            tags: coalesce(f.govTags, f.tags, [])}],
          versions: [(d)-[:HAS_VERSION]->(v:DatasetVersion) | v {.hash, .fields, .runId, createdAt: v.createdAt.epochMillis}],
          producers: [(j:Job)-[r:OUTPUTS]->(d) WHERE r.validTo IS NULL | j {.id, .namespace, .name}],
          consumers: [(d)-[r:INPUT_TO]->(j:Job) WHERE r.validTo IS NULL | j {.id, .namespace, .name}],
          latestRuns: COLLECT {
            MATCH (run:Run)-[:WROTE]->(d)
            OPTIONAL MATCH (job:Job)-[:HAS_RUN]->(run)
            WITH run, job ORDER BY coalesce(run.startedAt, run.lastEventTime) DESC LIMIT $runs
            RETURN ${RUN_MAP('run', 'job')}
          }} AS dataset`;

const JOB = `
MATCH (j:Job {id: $id}) WHERE j.namespace = $namespace AND j.name = $name
RETURN j {.id, .namespace, .name, .jobType, .processingType, .integration, .sql, .sqlDialect,
          .sourceCodeLanguage, .sourceCode, .sourceCodeUrl, .facets,
          description: coalesce(j.govDescription, j.description), owners: coalesce(j.govOwners, j.owners),
          tags: coalesce(j.govTags, j.tags, []), createdAt: j.createdAt.epochMillis, updatedAt: j.updatedAt.epochMillis,
          inputs: [(d:Dataset)-[r:INPUT_TO]->(j) WHERE r.validTo IS NULL | d {.id, .namespace, .name}],
          outputs: [(j)-[r:OUTPUTS]->(d:Dataset) WHERE r.validTo IS NULL | d {.id, .namespace, .name}],
          parent: head([(j)-[:CHILD_OF]->(p:Job) | p {.id, .namespace, .name}]),
          children: [(c:Job)-[:CHILD_OF]->(j) | c {.id, .namespace, .name}],
          latestRun: head(COLLECT {
            MATCH (j)-[:HAS_RUN]->(run:Run)
            WITH run ORDER BY coalesce(run.startedAt, run.lastEventTime) DESC LIMIT 1
            RETURN ${RUN_MAP('run', 'j')}
          })} AS job`;

const JOB_RUNS = `
MATCH (j:Job {id: $id}) WHERE j.namespace = $namespace AND j.name = $name
CALL (j) {
  MATCH (j)-[:HAS_RUN]->(run:Run)
  WITH run ORDER BY coalesce(run.startedAt, run.lastEventTime) DESC, run.id SKIP $skip LIMIT $limit
  RETURN collect(${RUN_MAP('run', 'j')}) AS runs
}
RETURN runs, COUNT { (j)-[:HAS_RUN]->(:Run) } AS total`;

const RUN = `
MATCH (run:Run {id: $id})
OPTIONAL MATCH (j:Job)-[:HAS_RUN]->(run)
RETURN run {.id, .state, .errorMessage, .facets, .processingEngine, .processingEngineVersion,
            startedAt: run.startedAt.epochMillis, endedAt: run.endedAt.epochMillis,
            lastEventTime: run.lastEventTime.epochMillis,
            nominalStartTime: run.nominalStartTime.epochMillis, nominalEndTime: run.nominalEndTime.epochMillis,
            jobNamespace: j.namespace, jobName: j.name,
            job: CASE WHEN j IS NULL THEN null ELSE j {.id, .namespace, .name} END,
            inputs: [(run)-[:READ]->(d:Dataset) | d {.id, .namespace, .name}],
            outputs: [(run)-[:WROTE]->(d:Dataset) | d {.id, .namespace, .name}]} AS run`;

/** Lookups of single datasets, jobs, runs and the namespace list. */
@Injectable()
export class CatalogRepository {
  constructor(private readonly neo4j: Neo4jService) {}

  async namespaces(): Promise<NamespaceRow[]> {
    return this.run<NamespaceRow>(NAMESPACES, {});
  }

  async dataset(namespace: string, name: string, runs: number): Promise<DatasetDetailRow | null> {
    const rows = await this.run<{ dataset: DatasetDetailRow }>(DATASET, {
      id: datasetId(namespace, name),
      namespace,
      name,
      runs: neo4j.int(runs),
    });
    return rows[0]?.dataset ?? null;
  }

  async job(namespace: string, name: string): Promise<JobDetailRow | null> {
    const rows = await this.run<{ job: JobDetailRow }>(JOB, { id: jobId(namespace, name), namespace, name });
    return rows[0]?.job ?? null;
  }

  async jobRuns(
    namespace: string,
    name: string,
    skip: number,
    limit: number,
  ): Promise<{ runs: RunRow[]; total: number }> {
    const rows = await this.run<{ runs: RunRow[]; total: number }>(JOB_RUNS, {
      id: jobId(namespace, name),
      namespace,
      name,
      skip: neo4j.int(skip),
      limit: neo4j.int(limit),
    });
    return rows[0] ?? { runs: [], total: 0 };
  }

  async runById(id: string): Promise<RunDetailRow | null> {
    const rows = await this.run<{ run: RunDetailRow }>(RUN, { id });
    return rows[0]?.run ?? null;
  }

  private run<T>(query: string, params: Record<string, unknown>): Promise<T[]> {
    return readRecords<T>(this.neo4j, query, params);
  }
}
