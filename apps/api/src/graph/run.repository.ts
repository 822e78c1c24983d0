import { Injectable } from '@nestjs/common';
import type { ManagedTransaction } from 'neo4j-driver';
import type { StoredRun, WritePlan } from './batch-plan.js';
import { readFacets, runRows } from './dataset.repository.js';
import { searchName } from './search-name.js';

export const RUN_STATE = `
UNWIND $ids AS id
MATCH (r:Run {id: id})
RETURN r.id AS id, r.facetKeys AS facetKeys, r.createdKey AS createdKey, r.updatedKey AS updatedKey,
       r.startKey AS startKey, r.terminalKey AS terminalKey, r.otherKey AS otherKey`;

export const RUN_FACETS = `
UNWIND $ids AS id
MATCH (r:Run {id: id})
RETURN r.id AS id, r.facets AS facets`;

export const RUNS_UPSERT = `
UNWIND $rows AS row
MERGE (r:Run {id: row.id})
ON CREATE SET r.jobId = row.jobId
SET r += row.props
WITH r, row WHERE row.isNew
MATCH (j:Job {id: row.jobId})
MERGE (j)-[:HAS_RUN]->(r)`;

/** Parent facet: the parent run and job may not have arrived yet, so they are created bare. */
export const PARENTS_UPSERT = `
UNWIND $rows AS row
MATCH (r:Run {id: row.runId})
MATCH (j:Job {id: row.jobId})
MERGE (pj:Job {id: row.parentJobId})
ON CREATE SET pj.namespace = row.parentJobNamespace, pj.name = row.parentJobName,
              pj.searchName = ${searchName('row.parentJobName')}
MERGE (pr:Run {id: row.parentRunId})
ON CREATE SET pr.jobId = row.parentJobId
MERGE (pj)-[:HAS_RUN]->(pr)
MERGE (r)-[:CHILD_OF]->(pr)
WITH j, pj, row WHERE j <> pj
MERGE (j)-[:CHILD_OF]->(pj)`;

export const PARENT_JOBS_CONTAINED = `
UNWIND $rows AS row
MATCH (pj:Job {id: row.parentJobId})
WHERE NOT EXISTS { (:Namespace)-[:CONTAINS]->(pj) }
MATCH (n:Namespace {id: row.parentJobNamespace})
MERGE (n)-[:CONTAINS]->(pj)`;

@Injectable()
export class RunRepository {
  async state(tx: ManagedTransaction, ids: string[]): Promise<Map<string, StoredRun>> {
    const out = new Map<string, StoredRun>();
    if (ids.length === 0) return out;
    const result = await tx.run(RUN_STATE, { ids });
    for (const r of result.records) {
      const row = r.toObject() as unknown as StoredRun;
      out.set(row.id, row);
    }
    return out;
  }

  async facets(tx: ManagedTransaction, ids: string[]): Promise<Map<string, string>> {
    return readFacets(tx, RUN_FACETS, ids);
  }

  async upsertMany(tx: ManagedTransaction, rows: WritePlan['runs']): Promise<void> {
    await runRows(tx, RUNS_UPSERT, rows);
  }

  async upsertParents(tx: ManagedTransaction, rows: WritePlan['parents']): Promise<void> {
    await runRows(tx, PARENTS_UPSERT, rows);
    await runRows(tx, PARENT_JOBS_CONTAINED, rows);
  }
}
