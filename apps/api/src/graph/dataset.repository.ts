import { Injectable } from '@nestjs/common';
import type { WritePlan } from './batch-plan.js';
import { namespaceId, withNamespaceIds } from './graph-ids.js';
import { searchName } from './search-name.js';
import type { Part } from './unit-batch.js';

export const DATASET_STATE = `
UNWIND $rows AS id
MATCH (d:Dataset {id: id})
OPTIONAL MATCH (d)-[:HAS_VERSION]->(v:DatasetVersion) WHERE v.hash = d.currentVersion
RETURN collect(d {.id, .facetKeys, .createdKey, .updatedKey, .currentVersion, .originalIds, .columnLineageKey,
                  currentVersionKey: v.createdKey}) AS datasets`;

export const DATASET_FACETS = `
UNWIND $rows AS id
MATCH (d:Dataset {id: id})
RETURN collect(d {.id, .facets}) AS datasetFacets`;

export const NAMESPACES_UPSERT = `
UNWIND $rows AS row
MERGE (n:Namespace {id: row.id})
ON CREATE SET n.name = row.name
WITH n, row WHERE n.createdKey IS NULL OR row.createdKey < n.createdKey
SET n.createdKey = row.createdKey, n.createdAt = row.createdAt`;

export const DATASETS_UPSERT = `
UNWIND $rows AS row
MERGE (d:Dataset {id: row.id})
ON CREATE SET d.namespace = row.namespace, d.name = row.name, d.searchName = ${searchName('row.name')}
SET d += row.props
WITH d, row WHERE row.isNew
MATCH (n:Namespace {id: row.namespaceId})
MERGE (n)-[:CONTAINS]->(d)`;

/** Datasets named only by other facts (column lineage inputs): identity only, no times. */
export const DATASETS_ENSURE = `
UNWIND $rows AS row
MERGE (d:Dataset {id: row.id})
ON CREATE SET d.namespace = row.namespace, d.name = row.name, d.searchName = ${searchName('row.name')}
WITH d, row WHERE NOT EXISTS { (:Namespace)-[:CONTAINS]->(d) }
MERGE (n:Namespace {id: row.namespaceId})
ON CREATE SET n.name = row.namespace
MERGE (n)-[:CONTAINS]->(d)`;

/**
 * The current schema overwrites its fields' types; an older schema only adds
 * fields it names (and fills fields that column lineage created bare).
 */
export const FIELDS_UPSERT = `
UNWIND $rows AS row
MATCH (d:Dataset {id: row.datasetId})
UNWIND row.fields AS f
MERGE (x:Field {id: f.id})
ON CREATE SET x.namespace = row.namespace, x.datasetName = row.datasetName, x.path = f.path, x.name = f.name,
              x.searchName = ${searchName('f.name')}, x += f.props
ON MATCH SET x += CASE WHEN row.current OR x.schemaHash IS NULL THEN f.props ELSE {} END
MERGE (d)-[:HAS_FIELD]->(x)`;

export const FIELDS_ENSURE = `
UNWIND $rows AS row
MATCH (d:Dataset {id: row.datasetId})
MERGE (x:Field {id: row.id})
ON CREATE SET x.namespace = row.namespace, x.datasetName = row.datasetName, x.path = row.path, x.name = row.name,
              x.searchName = ${searchName('row.name')}
MERGE (d)-[:HAS_FIELD]->(x)`;

export const VERSIONS_UPSERT = `
UNWIND $rows AS row
MATCH (d:Dataset {id: row.datasetId})
MERGE (v:DatasetVersion {id: row.id})
ON CREATE SET v.hash = row.hash, v.datasetId = row.datasetId, v.fields = row.fields
WITH d, v, row WHERE v.createdKey IS NULL OR row.createdKey < v.createdKey
SET v.createdKey = row.createdKey, v.createdAt = row.createdAt, v.runId = row.runId
MERGE (d)-[:HAS_VERSION]->(v)`;

/** A target named only here is a placeholder dataset, in its namespace like any other. */
export const SYMLINKS_UPSERT = `
UNWIND $rows AS row
MATCH (d:Dataset {id: row.datasetId})
UNWIND row.targets AS t
MERGE (s:Dataset {id: t.id})
ON CREATE SET s.namespace = t.namespace, s.name = t.name, s.searchName = ${searchName('t.name')}
MERGE (d)-[l:SYMLINK]->(s)
SET l.type = t.type
WITH s, t WHERE NOT EXISTS { (:Namespace)-[:CONTAINS]->(s) }
MERGE (n:Namespace {id: t.namespaceId})
ON CREATE SET n.name = t.namespace
MERGE (n)-[:CONTAINS]->(s)`;

/** Datasets, their namespaces, fields, schema versions and symlinks. */
@Injectable()
export class DatasetRepository {
  stateRead(ids: string[]): Part {
    return { name: 'datasets', query: DATASET_STATE, rows: ids };
  }

  facetsRead(ids: string[]): Part {
    return { name: 'datasetFacets', query: DATASET_FACETS, rows: ids };
  }

  /** Nodes first: every later statement MATCHes them. */
  nodeWrites(plan: Pick<WritePlan, 'namespaces' | 'datasets'>): Part[] {
    return [
      {
        name: 'namespaces',
        query: NAMESPACES_UPSERT,
        rows: plan.namespaces.map((row) => ({ ...row, id: namespaceId(row.id), name: row.id })),
      },
      { name: 'datasets', query: DATASETS_UPSERT, rows: withNamespaceIds(plan.datasets) },
    ];
  }

  schemaWrites(plan: Pick<WritePlan, 'fields' | 'versions' | 'symlinks'>): Part[] {
    return [
      { name: 'fields', query: FIELDS_UPSERT, rows: plan.fields },
      { name: 'versions', query: VERSIONS_UPSERT, rows: plan.versions },
      {
        name: 'symlinks',
        query: SYMLINKS_UPSERT,
        rows: plan.symlinks.map((row) => ({ ...row, targets: withNamespaceIds(row.targets) })),
      },
    ];
  }

  /** Datasets and fields named only by column lineage. */
  ensureWrites(
    datasets: { id: string; namespace: string; name: string }[],
    fields: { datasetId: string; id: string; namespace: string; datasetName: string; path: string; name: string }[],
  ): Part[] {
    return [
      { name: 'ensureDatasets', query: DATASETS_ENSURE, rows: withNamespaceIds(datasets) },
      { name: 'ensureFields', query: FIELDS_ENSURE, rows: fields },
    ];
  }
}
