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
