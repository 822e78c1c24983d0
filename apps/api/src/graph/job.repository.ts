import { Injectable } from '@nestjs/common';
import type { ManagedTransaction } from 'neo4j-driver';
import type { StoredJob, WritePlan } from './batch-plan.js';
import { readFacets, runRows } from './dataset.repository.js';
import { searchName } from './search-name.js';

export const JOB_STATE = `
UNWIND $ids AS id
MATCH (j:Job {id: id})
RETURN j.id AS id, j.facetKeys AS facetKeys, j.createdKey AS createdKey, j.updatedKey AS updatedKey,
       j.latestRunKey AS latestRunKey, j.jobEventKey AS jobEventKey`;

export const JOB_FACETS = `
UNWIND $ids AS id
MATCH (j:Job {id: id})
RETURN j.id AS id, j.facets AS facets`;

export const JOBS_UPSERT = `
UNWIND $rows AS row
MERGE (j:Job {id: row.id})
ON CREATE SET j.namespace = row.namespace, j.name = row.name, j.searchName = ${searchName('row.name')}
SET j += row.props
WITH j, row WHERE row.isNew
MATCH (n:Namespace {id: row.namespace})
MERGE (n)-[:CONTAINS]->(j)`;

@Injectable()
export class JobRepository {
  async state(tx: ManagedTransaction, ids: string[]): Promise<Map<string, StoredJob>> {
    const out = new Map<string, StoredJob>();
    if (ids.length === 0) return out;
    const result = await tx.run(JOB_STATE, { ids });
    for (const r of result.records) {
      const row = r.toObject() as unknown as StoredJob;
      out.set(row.id, row);
    }
    return out;
  }

  async facets(tx: ManagedTransaction, ids: string[]): Promise<Map<string, string>> {
    return readFacets(tx, JOB_FACETS, ids);
  }

  async upsertMany(tx: ManagedTransaction, rows: WritePlan['jobs']): Promise<void> {
    await runRows(tx, JOBS_UPSERT, rows);
  }
}
