import { Injectable } from '@nestjs/common';
import type { ManagedTransaction } from 'neo4j-driver';
import type { StoredColumnLineage, WritePlan } from './batch-plan.js';
import { runRows } from './dataset.repository.js';

/** Which column mapping each (job, output) pair last wrote; lives on the OUTPUTS edge. */
export const COLUMN_LINEAGE_STATE = `
UNWIND $pairs AS p
MATCH (j:Job {id: p.jobId})-[e:OUTPUTS]->(d:Dataset {id: p.datasetId})
RETURN p.jobId AS jobId, p.datasetId AS datasetId, e.columnLineageHash AS hash,
       e.columnLineageKey AS key, e.columnLineageSince AS since`;

export const COLUMN_LINEAGE_STATE_SET = `
UNWIND $rows AS row
MATCH (j:Job {id: row.jobId})-[e:OUTPUTS]->(d:Dataset {id: row.datasetId})
SET e.columnLineageHash = row.hash, e.columnLineageKey = row.key, e.columnLineageSince = row.since`;

export const FEEDS_UPSERT = `
UNWIND $rows AS row
MATCH (i:Field {id: row.inputFieldId})
MATCH (o:Field {id: row.outputFieldId})
MERGE (i)-[f:FEEDS {jobId: row.jobId}]->(o)
ON CREATE SET f += row.props, f.firstSeenAt = row.firstSeenAt,
              f.validTo = CASE WHEN row.current THEN null ELSE row.closedAt END
ON MATCH SET f += CASE WHEN row.current THEN row.props ELSE {} END,
             f.firstSeenAt = CASE WHEN row.firstSeenAt < f.firstSeenAt THEN row.firstSeenAt ELSE f.firstSeenAt END,
             f.validTo = CASE WHEN row.current THEN null ELSE f.validTo END`;

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

/** Field-level lineage from the columnLineage facet: FEEDS (field → field) and AFFECTS (field → dataset). */
@Injectable()
export class ColumnLineageRepository {
  async state(tx: ManagedTransaction, pairs: { jobId: string; datasetId: string }[]): Promise<Map<string, StoredColumnLineage>> {
    const out = new Map<string, StoredColumnLineage>();
    if (pairs.length === 0) return out;
    const result = await tx.run(COLUMN_LINEAGE_STATE, { pairs });
    for (const r of result.records) {
      const row = r.toObject() as unknown as StoredColumnLineage;
      if (row.hash !== null) out.set(`${row.jobId}|${row.datasetId}`, row);
    }
    return out;
  }

  async write(
    tx: ManagedTransaction,
    plan: Pick<WritePlan, 'feeds' | 'affects' | 'closeColumnLineage' | 'columnLineageState'>,
  ): Promise<void> {
    await runRows(tx, FEEDS_UPSERT, plan.feeds);
    await runRows(tx, AFFECTS_UPSERT, plan.affects);
    await runRows(tx, FEEDS_CLOSE, plan.closeColumnLineage);
    await runRows(tx, AFFECTS_CLOSE, plan.closeColumnLineage);
    await runRows(tx, COLUMN_LINEAGE_STATE_SET, plan.columnLineageState);
  }
}
