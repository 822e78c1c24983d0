import { Injectable } from '@nestjs/common';
import type { WritePlan } from './batch-plan.js';
import { namespaceId } from './graph-ids.js';
import { searchName } from './search-name.js';
import type { Part } from './unit-batch.js';

export const RUN_STATE = `
UNWIND $rows AS id
MATCH (r:Run {id: id})
RETURN collect(r {.id, .facetKeys, .createdKey, .updatedKey, .startKey, .terminalKey, .otherKey}) AS runs`;

export const RUN_FACETS = `
UNWIND $rows AS id
MATCH (r:Run {id: id})
RETURN collect(r {.id, .facets}) AS runFacets`;

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
MATCH (n:Namespace {id: row.parentJobNamespaceId})
MERGE (n)-[:CONTAINS]->(pj)`;

const LATER = (node: string) =>
  `${node}.lastSuccessAt = CASE WHEN ${node}.lastSuccessAt IS NULL OR row.at > ${node}.lastSuccessAt ` +
  `THEN row.at ELSE ${node}.lastSuccessAt END`;

/**
 * Last success kept on the job and on every dataset a COMPLETE run wrote, as
 * a max rule (order-independent), so impact analysis reads one property
 * instead of scanning a node's whole run history. The job is the run's
 * HAS_RUN owner, not the event's: producers exist that reuse one run id
 * across jobs, and the run belongs to the job that created it.
 */
export const SUCCESSES = `
UNWIND $rows AS row
MATCH (r:Run {id: row.runId})
CALL (r, row) {
  MATCH (j:Job)-[:HAS_RUN]->(r)
  SET ${LATER('j')}
}
CALL (r, row) {
  MATCH (r)-[:WROTE]->(d:Dataset)
  SET ${LATER('d')}
}`;

/** The rare way back (a newer FAIL after a COMPLETE of the same run): recompute from the runs. */
export const SUCCESSES_REVOKED = `
UNWIND $rows AS row
MATCH (run:Run {id: row.runId})
CALL (run) {
  MATCH (j:Job)-[:HAS_RUN]->(run)
  CALL (j) {
    OPTIONAL MATCH (j)-[:HAS_RUN]->(r:Run) WHERE r.state = 'COMPLETE'
    RETURN max(coalesce(r.endedAt, r.lastEventTime)) AS last
  }
  SET j.lastSuccessAt = last
}
CALL (run) {
  MATCH (run)-[:WROTE]->(d:Dataset)
  CALL (d) {
    OPTIONAL MATCH (r:Run)-[:WROTE]->(d) WHERE r.state = 'COMPLETE'
    RETURN max(coalesce(r.endedAt, r.lastEventTime)) AS last
  }
  SET d.lastSuccessAt = last
}`;

@Injectable()
export class RunRepository {
  stateRead(ids: string[]): Part {
    return { name: 'runs', query: RUN_STATE, rows: ids };
  }

  facetsRead(ids: string[]): Part {
    return { name: 'runFacets', query: RUN_FACETS, rows: ids };
  }

  writes(plan: Pick<WritePlan, 'runs'>): Part[] {
    return [{ name: 'runs', query: RUNS_UPSERT, rows: plan.runs }];
  }

  /** After runs and WROTE edges are in place; revocations first, so a success in the same batch wins. */
  successWrites(plan: Pick<WritePlan, 'successes' | 'revokedSuccesses'>): Part[] {
    return [
      { name: 'successesRevoked', query: SUCCESSES_REVOKED, rows: plan.revokedSuccesses },
      { name: 'successes', query: SUCCESSES, rows: plan.successes },
    ];
  }

  parentWrites(plan: Pick<WritePlan, 'parents'>): Part[] {
    return [
      { name: 'parents', query: PARENTS_UPSERT, rows: plan.parents },
      {
        name: 'parentJobsContained',
        query: PARENT_JOBS_CONTAINED,
        rows: plan.parents.map((row) => ({ ...row, parentJobNamespaceId: namespaceId(row.parentJobNamespace) })),
      },
    ];
  }
}
