import { Injectable } from '@nestjs/common';
import neo4j from 'neo4j-driver';
import { namespaceId } from '../graph-ids.js';
import { Neo4jService } from '../neo4j.service.js';
import { readRecords } from './read-errors.js';
import type { RunRow } from './catalog.repository.js';
import type { DatasetRow } from './read-rows.js';

/** A run of the feed: the catalog's run row without facets, with its job and the datasets it wrote. */
export interface RecentRunRow extends Omit<RunRow, 'facets' | 'jobNamespace' | 'jobName'> {
  jobId: string;
  jobNamespace: string;
  jobName: string;
  outputs: DatasetRow[];
}

const RUN_ROW = `run {.id, .state, .errorMessage, startedAt: run.startedAt.epochMillis, endedAt: run.endedAt.epochMillis,
  lastEventTime: run.lastEventTime.epochMillis, jobId: j.id, jobNamespace: j.namespace, jobName: j.name,
  outputs: [(run)-[:WROTE]->(d:Dataset) | d {.id, .namespace, .name}]} AS run`;

// The run's last event orders the feed: a run that just failed is news even if it started yesterday.
// A run known only as another run's parent has no event yet, so it is no activity.
// Walks the run_last_event index newest first and stops after $limit runs,
// instead of sorting every run of the catalog on each visit to the start page.
const RECENT = `
MATCH (run:Run) WHERE run.lastEventTime IS NOT NULL
WITH run ORDER BY run.lastEventTime DESC, run.id LIMIT $limit
MATCH (j:Job)-[:HAS_RUN]->(run)
RETURN ${RUN_ROW}
ORDER BY run.lastEventTime DESC, run.id`;

// A narrow caller's namespaces may be quiet: going from their Namespace
// nodes sorts only their runs, where the index walk could pass every run
// of the catalog before finding $limit of theirs.
const RECENT_IN_NAMESPACES = `
UNWIND $namespaceIds AS namespaceId
MATCH (:Namespace {id: namespaceId})-[:CONTAINS]->(j:Job)-[:HAS_RUN]->(run:Run) WHERE run.lastEventTime IS NOT NULL
WITH j, run ORDER BY run.lastEventTime DESC, run.id LIMIT $limit
RETURN ${RUN_ROW}`;

const JOB_NAMESPACES = `
MATCH (n:Namespace) WHERE EXISTS { (n)-[:CONTAINS]->(:Job) }
RETURN n.name AS name`;

/** The latest runs across the catalog, for the start page's activity feed. */
@Injectable()
export class ActivityRepository {
  constructor(private readonly neo4j: Neo4jService) {}

  /** Runs newest first (by their last event); `namespaces` limits them to the jobs in those namespaces. */
  async recentRuns(namespaces: readonly string[] | null, limit: number): Promise<RecentRunRow[]> {
    if (namespaces !== null && namespaces.length === 0) return [];
    const query = namespaces === null ? RECENT : RECENT_IN_NAMESPACES;
    const rows = await this.read(query, {
      namespaceIds: namespaces?.map(namespaceId) ?? null,
      limit: neo4j.int(limit),
    });
    return rows.map((record) => record.run as RecentRunRow);
  }

  /** Every namespace that holds a job: few enough to filter by the caller's roles before the run query. */
  async jobNamespaces(): Promise<string[]> {
    return (await this.read(JOB_NAMESPACES, {})).map((record) => record.name as string);
  }

  private read(query: string, params: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
    return readRecords<Record<string, unknown>>(this.neo4j, query, params);
  }
}
