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

// Steward values (gov* properties) win over producer facets; `classifications`
// is governance's materialized list of effective classifications;
// `lastSuccessAt` is kept by the writer (run.repository.ts SUCCESSES).
const DATASET_DETAILS = `
UNWIND $ids AS id
MATCH (d:Dataset {id: id})
WITH d, d.lastSuccessAt AS last
RETURN d.id AS id, d.namespace AS namespace, d.name AS name, coalesce(d.govOwners, d.owners) AS owners,
       coalesce(d.govTags, d.tags, []) AS tags, coalesce(d.classifications, []) AS classifications,
       COUNT { (d)-[:HAS_FIELD]->() } AS fieldCount,
       CASE WHEN last IS NULL THEN null ELSE last.epochMillis END AS lastSuccessAt`;

const JOB_DETAILS = `
UNWIND $ids AS id
MATCH (j:Job {id: id})
WITH j, j.lastSuccessAt AS last
RETURN j.id AS id, j.namespace AS namespace, j.name AS name, coalesce(j.govOwners, j.owners) AS owners,
       coalesce(j.govTags, j.tags, []) AS tags, [] AS classifications, 0 AS fieldCount,
       CASE WHEN last IS NULL THEN null ELSE last.epochMillis END AS lastSuccessAt`;

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

  datasetDetails(ids: string[]): Promise<NodeDetailsRow[]> {
    return this.run<NodeDetailsRow>(DATASET_DETAILS, ids);
  }

  jobDetails(ids: string[]): Promise<NodeDetailsRow[]> {
    return this.run<NodeDetailsRow>(JOB_DETAILS, ids);
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
