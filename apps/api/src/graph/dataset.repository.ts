import { Injectable } from '@nestjs/common';
import type { ManagedTransaction } from 'neo4j-driver';
import type { StoredDataset, WritePlan } from './batch-plan.js';
import { searchName } from './search-name.js';

export const DATASET_STATE = `
UNWIND $ids AS id
MATCH (d:Dataset {id: id})
RETURN d.id AS id, d.facetKeys AS facetKeys, d.createdKey AS createdKey, d.updatedKey AS updatedKey,
       d.currentVersion AS currentVersion, d.originalIds AS originalIds`;

export const DATASET_FACETS = `
UNWIND $ids AS id
MATCH (d:Dataset {id: id})
RETURN d.id AS id, d.facets AS facets`;

export const NAMESPACES_UPSERT = `
UNWIND $rows AS row
MERGE (n:Namespace {id: row.id})
ON CREATE SET n.name = row.id
WITH n, row WHERE n.createdKey IS NULL OR row.createdKey < n.createdKey
SET n.createdKey = row.createdKey, n.createdAt = row.createdAt`;

export const DATASETS_UPSERT = `
UNWIND $rows AS row
MERGE (d:Dataset {id: row.id})
ON CREATE SET d.namespace = row.namespace, d.name = row.name, d.searchName = ${searchName('row.name')}
SET d += row.props
WITH d, row WHERE row.isNew
MATCH (n:Namespace {id: row.namespace})
MERGE (n)-[:CONTAINS]->(d)`;

/** Datasets named only by other facts (column lineage inputs): identity only, no times. */
export const DATASETS_ENSURE = `
UNWIND $rows AS row
MERGE (d:Dataset {id: row.id})
ON CREATE SET d.namespace = row.namespace, d.name = row.name, d.searchName = ${searchName('row.name')}
WITH d, row WHERE NOT EXISTS { (:Namespace)-[:CONTAINS]->(d) }
MERGE (n:Namespace {id: row.namespace})
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

export const SYMLINKS_UPSERT = `
UNWIND $rows AS row
MATCH (d:Dataset {id: row.datasetId})
UNWIND row.targets AS t
MERGE (s:Dataset {id: t.id})
ON CREATE SET s.namespace = t.namespace, s.name = t.name, s.searchName = ${searchName('t.name')}
MERGE (d)-[l:SYMLINK]->(s)
SET l.type = t.type`;

export type Rows = Record<string, unknown>[];

/** Datasets, their namespaces, fields, schema versions and symlinks. */
@Injectable()
export class DatasetRepository {
  async state(tx: ManagedTransaction, ids: string[]): Promise<Map<string, StoredDataset>> {
    const out = new Map<string, StoredDataset>();
    if (ids.length === 0) return out;
    const result = await tx.run(DATASET_STATE, { ids });
    for (const r of result.records) {
      const row = r.toObject() as unknown as StoredDataset;
      out.set(row.id, row);
    }
    return out;
  }

  async facets(tx: ManagedTransaction, ids: string[]): Promise<Map<string, string>> {
    return readFacets(tx, DATASET_FACETS, ids);
  }

  async upsertNamespaces(tx: ManagedTransaction, rows: WritePlan['namespaces']): Promise<void> {
    await runRows(tx, NAMESPACES_UPSERT, rows);
  }

  async upsertMany(tx: ManagedTransaction, rows: WritePlan['datasets']): Promise<void> {
    await runRows(tx, DATASETS_UPSERT, rows);
  }

  async ensureMany(tx: ManagedTransaction, rows: { id: string; namespace: string; name: string }[]): Promise<void> {
    await runRows(tx, DATASETS_ENSURE, rows);
  }

  async upsertFields(tx: ManagedTransaction, rows: WritePlan['fields']): Promise<void> {
    await runRows(tx, FIELDS_UPSERT, rows);
  }

  async ensureFields(
    tx: ManagedTransaction,
    rows: { datasetId: string; id: string; namespace: string; datasetName: string; path: string; name: string }[],
  ): Promise<void> {
    await runRows(tx, FIELDS_ENSURE, rows);
  }

  async upsertVersions(tx: ManagedTransaction, rows: WritePlan['versions']): Promise<void> {
    await runRows(tx, VERSIONS_UPSERT, rows);
  }

  async upsertSymlinks(tx: ManagedTransaction, rows: WritePlan['symlinks']): Promise<void> {
    await runRows(tx, SYMLINKS_UPSERT, rows);
  }
}

export async function runRows(tx: ManagedTransaction, query: string, rows: readonly object[]): Promise<void> {
  if (rows.length > 0) await tx.run(query, { rows });
}

export async function readFacets(tx: ManagedTransaction, query: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const result = await tx.run(query, { ids });
  for (const r of result.records) {
    const facets = r.get('facets') as string | null;
    if (facets) out.set(r.get('id') as string, facets);
  }
  return out;
}
