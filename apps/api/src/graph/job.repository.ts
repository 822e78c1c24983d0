import { Injectable } from '@nestjs/common';
import type { WritePlan } from './batch-plan.js';
import { withNamespaceIds } from './graph-ids.js';
import { searchName } from './search-name.js';
import type { Part } from './unit-batch.js';

export const JOB_STATE = `
UNWIND $rows AS id
MATCH (j:Job {id: id})
RETURN collect(j {.id, .facetKeys, .createdKey, .updatedKey, .latestRunKey, .jobEventKey}) AS jobs`;

export const JOB_FACETS = `
UNWIND $rows AS id
MATCH (j:Job {id: id})
RETURN collect(j {.id, .facets}) AS jobFacets`;

export const JOBS_UPSERT = `
UNWIND $rows AS row
MERGE (j:Job {id: row.id})
ON CREATE SET j.namespace = row.namespace, j.name = row.name, j.searchName = ${searchName('row.name')}
SET j += row.props
WITH j, row WHERE row.isNew
MATCH (n:Namespace {id: row.namespaceId})
MERGE (n)-[:CONTAINS]->(j)`;

@Injectable()
export class JobRepository {
  stateRead(ids: string[]): Part {
    return { name: 'jobs', query: JOB_STATE, rows: ids };
  }

  facetsRead(ids: string[]): Part {
    return { name: 'jobFacets', query: JOB_FACETS, rows: ids };
  }

  writes(plan: Pick<WritePlan, 'jobs'>): Part[] {
    return [{ name: 'jobs', query: JOBS_UPSERT, rows: withNamespaceIds(plan.jobs) }];
  }
}
