import { Injectable } from '@nestjs/common';
import type { FeedRow, WritePlan } from './batch-plan.js';
import type { Part } from './unit-batch.js';

/** Which column mapping each (job, output) pair last wrote; lives on the OUTPUTS edge. */
export const COLUMN_LINEAGE_STATE = `
UNWIND $rows AS p
MATCH (j:Job {id: p.jobId})-[e:OUTPUTS]->(d:Dataset {id: p.datasetId})
WHERE e.columnLineageHash IS NOT NULL
RETURN collect({jobId: p.jobId, datasetId: p.datasetId, hash: e.columnLineageHash,
                key: e.columnLineageKey, since: e.columnLineageSince,
                facetStored: e.columnLineageFacet IS NOT NULL}) AS columnLineage`;

export const COLUMN_LINEAGE_STATE_SET = `
UNWIND $rows AS row
MATCH (j:Job {id: row.jobId})-[e:OUTPUTS]->(d:Dataset {id: row.datasetId})
SET e.columnLineageHash = row.hash, e.columnLineageKey = row.key, e.columnLineageSince = row.since,
    e.columnLineageFacet = coalesce(row.facet, e.columnLineageFacet)`;

/** A FEEDS edge from column i to column o as the row describes it. */
const CREATE_FEED = `CREATE (i)-[:FEEDS {jobId: row.jobId, type: row.props.type, subtype: row.props.subtype,
                    transformations: row.props.transformations, description: row.props.description,
                    masking: row.props.masking, firstSeenAt: row.firstSeenAt,
                    validTo: CASE WHEN row.current THEN null ELSE row.closedAt END}]->(o)`;

/**
 * The first column lineage of a (job, output dataset) pair: none of its edges
 * can exist (batch-plan.ts), and rows are unique per (job, input, output), so
 * the edges are created without a lookup. This is every edge of a first
 * sighting, the biggest statements a fresh install runs.
 */
export const FEEDS_CREATE = `
UNWIND $rows AS row
MATCH (i:Field {id: row.inputFieldId})
MATCH (o:Field {id: row.outputFieldId})
${CREATE_FEED}`;

/**
 * Edges of a pair with stored column lineage (its mapping changed, or an
 * older sighting moves first-seen back): found between the two columns, or
 * created. Both past forms stalled on young databases, whose statistics
 * still say empty: a MERGE got its lookup through the feeds_job index, which
 * read every edge of the job, those the statement had just created
 * included, for every row (1.5 M index rows for 8,119 rows); index hints on
 * both columns got a scan of the whole Field index per row (3,817 rows in
 * 21 s instead of 0.6 s; docs/benchmarks.md). Here every lookup ends before
 * the first edge is created, and the rows are few.
 * Rows are unique per (job, input, output) (batch-plan.ts), so the edges not
 * found are created without looking again; a single writer per database is
 * the writer's contract already (lineage-writer.ts).
 */
export const FEEDS_UPSERT = `
UNWIND $rows AS row
MATCH (i:Field {id: row.inputFieldId})
MATCH (o:Field {id: row.outputFieldId})
OPTIONAL MATCH (i)-[f:FEEDS]->(o) WHERE f.jobId = row.jobId
WITH row, i, o, f,
     CASE WHEN row.current THEN row.props ELSE f {.type, .subtype, .transformations, .description, .masking} END AS props
SET f.type = props.type, f.subtype = props.subtype, f.transformations = props.transformations,
    f.description = props.description, f.masking = props.masking,
    f.firstSeenAt = CASE WHEN row.firstSeenAt < f.firstSeenAt THEN row.firstSeenAt ELSE f.firstSeenAt END,
    f.validTo = CASE WHEN row.current THEN null ELSE f.validTo END
WITH row, i, o, f WHERE f IS NULL
${CREATE_FEED}`;

export const AFFECTS_UPSERT = `
UNWIND $rows AS row
MATCH (i:Field {id: row.inputFieldId})
MATCH (d:Dataset {id: row.outputDatasetId})
MERGE (i)-[a:AFFECTS {jobId: row.jobId}]->(d)
ON CREATE SET a += row.props, a.firstSeenAt = row.firstSeenAt,
              a.validTo = CASE WHEN row.current THEN null ELSE row.closedAt END
ON MATCH SET a += CASE WHEN row.current THEN row.props ELSE {} END,
             a.firstSeenAt = CASE WHEN row.firstSeenAt < a.firstSeenAt THEN row.firstSeenAt ELSE a.firstSeenAt END,
             a.validTo = CASE WHEN row.current THEN null ELSE a.validTo END`;

export const FEEDS_CLOSE = `
UNWIND $rows AS row
MATCH (d:Dataset {id: row.datasetId})-[:HAS_FIELD]->(o:Field)<-[f:FEEDS]-(i:Field)
WHERE f.jobId = row.jobId AND f.validTo IS NULL AND NOT (i.id + '>' + o.id) IN row.keepFeeds
SET f.validTo = row.at`;

export const AFFECTS_CLOSE = `
UNWIND $rows AS row
MATCH (d:Dataset {id: row.datasetId})<-[a:AFFECTS]-(i:Field)
WHERE a.jobId = row.jobId AND a.validTo IS NULL AND NOT i.id IN row.keepAffects
SET a.validTo = row.at`;

/**
 * What these statements read of a plan row. The row also names both
 * datasets and both paths, for the statements that ensure them; sent along,
 * they made the rows of a first sighting's biggest statement 1.6 times as
 * large (JSON bytes, bench:ingest workload), all encoded by the driver.
 */
const edgeParams = (row: FeedRow) => ({
  jobId: row.jobId,
  inputFieldId: row.inputFieldId,
  outputFieldId: row.outputFieldId,
  outputDatasetId: row.outputDatasetId,
  props: row.props,
  firstSeenAt: row.firstSeenAt,
  current: row.current,
  closedAt: row.closedAt,
});

/** Field-level lineage from the columnLineage facet: FEEDS (field → field) and AFFECTS (field → dataset). */
@Injectable()
export class ColumnLineageRepository {
  stateRead(pairs: { jobId: string; datasetId: string }[]): Part {
    return { name: 'columnLineage', query: COLUMN_LINEAGE_STATE, rows: pairs };
  }

  writes(plan: Pick<WritePlan, 'feeds' | 'affects' | 'closeColumnLineage' | 'columnLineageState'>): Part[] {
    return [
      { name: 'feedsCreate', query: FEEDS_CREATE, rows: plan.feeds.filter((row) => row.pairIsNew).map(edgeParams) },
      { name: 'feeds', query: FEEDS_UPSERT, rows: plan.feeds.filter((row) => !row.pairIsNew).map(edgeParams) },
      { name: 'affects', query: AFFECTS_UPSERT, rows: plan.affects.map(edgeParams) },
      { name: 'closeFeeds', query: FEEDS_CLOSE, rows: plan.closeColumnLineage },
      { name: 'closeAffects', query: AFFECTS_CLOSE, rows: plan.closeColumnLineage },
      { name: 'columnLineageState', query: COLUMN_LINEAGE_STATE_SET, rows: plan.columnLineageState },
    ];
  }
}
