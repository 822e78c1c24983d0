import { Injectable } from '@nestjs/common';
import neo4j from 'neo4j-driver';
import { Neo4jService } from '../neo4j.service.js';
import { readRecords } from './read-errors.js';

/** What impact analysis shows beside each dataset or job it reaches. */
export interface NodeDetailsRow {
  id: string;
  namespace: string;
  name: string;
  /** The writer's JSON string of owners, or null. */
  owners: string | null;
  tags: string[];
  classifications: string[];
  fieldCount: number;
  /** Epoch milliseconds of the end of the latest COMPLETE run that wrote the dataset (or of the job). */
  lastSuccessAt: number | null;
}

/** [id, namespace, name, owners, tags, classifications, fieldCount, lastSuccessAt], as NodeDetailsRow. */
export type NodeDetailsWire = [string, string, string, string | null, string[], string[], number, number | null];

// The in-memory copies (topology.repository.ts) load details with these same
// expressions, so memory and Neo4j cannot show a node differently.
export const DATASET_DETAILS_WIRE = `[d.id, d.namespace, d.name, coalesce(d.govOwners, d.owners),
  coalesce(d.govTags, d.tags, []), coalesce(d.classifications, []),
  CASE WHEN $fieldCounts THEN COUNT { (d)-[:HAS_FIELD]->() } ELSE 0 END, d.lastSuccessAt.epochMillis]`;
export const JOB_DETAILS_WIRE = `[j.id, j.namespace, j.name, coalesce(j.govOwners, j.owners),
  coalesce(j.govTags, j.tags, []), [], 0, j.lastSuccessAt.epochMillis]`;

export function nodeDetails([
  id,
  namespace,
  name,
  owners,
  tags,
  classifications,
  fieldCount,
  lastSuccessAt,
]: NodeDetailsWire): NodeDetailsRow {
  return { id, namespace, name, owners, tags, classifications, fieldCount, lastSuccessAt };
}

// Steward values (gov* properties) win over producer facets; `classifications`
// is governance's materialized list of effective classifications;
// `lastSuccessAt` is kept by the writer (run.repository.ts SUCCESSES).
// An impact answer asks for thousands of nodes: one row of positional lists
// costs the driver a fraction of a record per node.
const DATASET_DETAILS = `
UNWIND $ids AS id
MATCH (d:Dataset {id: id})
RETURN collect(${DATASET_DETAILS_WIRE}) AS rows`;

const JOB_DETAILS = `
UNWIND $ids AS id
MATCH (j:Job {id: id})
RETURN collect(${JOB_DETAILS_WIRE}) AS rows`;

// Only datasets whose materialized union is non-empty hold classified fields.
const CLASSIFIED_FIELDS = `
UNWIND $ids AS id
MATCH (:Dataset {id: id})-[:HAS_FIELD]->(f:Field)
WHERE f.classifications IS NOT NULL AND size(f.classifications) > 0
RETURN f.id AS id, f.classifications AS classifications`;

export interface RunStatRow {
  id: string;
  state: string | null;
  startedAt: number | null;
  endedAt: number | null;
  lastEventTime: number | null;
  errorMessage: string | null;
}

const RECENT_RUNS = `
UNWIND $ids AS id
MATCH (j:Job {id: id})
CALL (j) {
  OPTIONAL MATCH (j)-[:HAS_RUN]->(r:Run)
  WITH r ORDER BY coalesce(r.startedAt, r.lastEventTime) DESC LIMIT $perJob
  RETURN collect(r {.id, .state, .errorMessage, startedAt: r.startedAt.epochMillis, endedAt: r.endedAt.epochMillis,
                    lastEventTime: r.lastEventTime.epochMillis}) AS runs
}
RETURN id, runs`;

@Injectable()
export class ImpactRepository {
  constructor(private readonly neo4j: Neo4jService) {}

  /** `fieldCount` is 0 unless `fieldCounts` asks for it (a count per dataset). */
  datasetDetails(ids: string[], options: { fieldCounts: boolean }): Promise<NodeDetailsRow[]> {
    return this.details(DATASET_DETAILS, ids, { fieldCounts: options.fieldCounts });
  }

  jobDetails(ids: string[]): Promise<NodeDetailsRow[]> {
    return this.details(JOB_DETAILS, ids);
  }

  private async details(query: string, ids: string[], extra: Record<string, unknown> = {}): Promise<NodeDetailsRow[]> {
    const [result] = await this.run<{ rows: NodeDetailsWire[] }>(query, ids, extra);
    return (result?.rows ?? []).map(nodeDetails);
  }

  /** Fields with effective classifications among the fields of these datasets. */
  classifiedFields(datasetIds: string[]): Promise<{ id: string; classifications: string[] }[]> {
    return this.run(CLASSIFIED_FIELDS, datasetIds);
  }

  /** The newest runs of each job, newest first. */
  recentRuns(ids: string[], perJob: number): Promise<{ id: string; runs: RunStatRow[] }[]> {
    return this.run(RECENT_RUNS, ids, { perJob: neo4j.int(perJob) });
  }

  private async run<T>(query: string, ids: string[], extra: Record<string, unknown> = {}): Promise<T[]> {
    if (ids.length === 0) return [];
    return readRecords<T>(this.neo4j, query, { ids, ...extra });
  }
}
