import type { ManagedTransaction } from 'neo4j-driver';
import { MAX_PLAIN_ID_LENGTH, datasetId, fieldId, jobId, namespaceId } from './graph-ids.js';

/** What the migration needs of Neo4jService (tests pass a bare driver session). */
export interface GraphTransactions {
  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
}

/** Marks a database whose ids were rewritten once; later starts skip the scans. */
export const BOUNDED_IDS_MARKER = 'bounded-ids-1';

/** One-time data migrations record themselves as (:GraphMigration {id}). */
const DONE = 'MATCH (m:GraphMigration {id: $id}) RETURN count(m) > 0 AS done';
const MARK = 'MERGE (m:GraphMigration {id: $id}) ON CREATE SET m.at = datetime()';

/** Runs `work` unless this database has the marker, then records it; null when it was done before. */
export async function oncePerDatabase(
  graph: GraphTransactions,
  marker: string,
  work: () => Promise<number>,
): Promise<number | null> {
  const done = await graph.read(async (tx) => (await tx.run(DONE, { id: marker })).records[0]?.get('done'));
  if (done === true) return null;
  const result = await work();
  await graph.write((tx) => tx.run(MARK, { id: marker }).then(() => undefined));
  return result;
}

// size() counts code points and an id's bound counts UTF-16 units (at most
// two per code point), so half the bound finds every id that may be over it.
const CANDIDATES = {
  Namespace: `MATCH (n:Namespace) WHERE size(n.id) > $min OR n.id STARTS WITH 'namespace#'
RETURN n.id AS id, n.name AS namespace, null AS name, null AS path`,
  Dataset: `MATCH (n:Dataset) WHERE size(n.id) > $min
RETURN n.id AS id, n.namespace AS namespace, n.name AS name, null AS path`,
  Job: `MATCH (n:Job) WHERE size(n.id) > $min
RETURN n.id AS id, n.namespace AS namespace, n.name AS name, null AS path`,
  Field: `MATCH (n:Field) WHERE size(n.id) > $min
RETURN n.id AS id, n.namespace AS namespace, n.datasetName AS name, n.path AS path`,
} as const;

type Label = keyof typeof CANDIDATES;

// A node whose new id is already taken (written by a newer writer first) keeps its old id.
const REWRITE: Record<Label, string[]> = {
  Namespace: [
    `UNWIND $rows AS row MATCH (n:Namespace {id: row.old}) WHERE NOT EXISTS { MATCH (:Namespace {id: row.new}) }
SET n.id = row.new`,
  ],
  Dataset: [
    `UNWIND $rows AS row MATCH (n:Dataset {id: row.old}) WHERE NOT EXISTS { MATCH (:Dataset {id: row.new}) }
SET n.id = row.new
WITH n, row MATCH (n)-[:HAS_VERSION]->(v:DatasetVersion)
SET v.id = row.new + '@' + v.hash, v.datasetId = row.new`,
  ],
  Job: [
    `UNWIND $rows AS row MATCH (n:Job {id: row.old}) WHERE NOT EXISTS { MATCH (:Job {id: row.new}) }
SET n.id = row.new`,
    `UNWIND $rows AS row MATCH (:Job {id: row.new}) MATCH (r:Run {jobId: row.old}) SET r.jobId = row.new`,
    `UNWIND $rows AS row MATCH (:Job {id: row.new}) MATCH ()-[f:FEEDS {jobId: row.old}]->() SET f.jobId = row.new`,
    `UNWIND $rows AS row MATCH (:Job {id: row.new})-[:OUTPUTS]->(:Dataset)<-[a:AFFECTS]-()
WHERE a.jobId = row.old SET a.jobId = row.new`,
  ],
  Field: [
    `UNWIND $rows AS row MATCH (n:Field {id: row.old}) WHERE NOT EXISTS { MATCH (:Field {id: row.new}) }
SET n.id = row.new`,
  ],
};

type Candidate = { id: string; namespace: string | null; name: string | null; path: string | null };

function boundedId(label: Label, row: Candidate): string | null {
  if (row.namespace === null) return null;
  if (label === 'Namespace') return namespaceId(row.namespace);
  if (row.name === null) return null;
  if (label === 'Dataset') return datasetId(row.namespace, row.name);
  if (label === 'Job') return jobId(row.namespace, row.name);
  return row.path === null ? null : fieldId(row.namespace, row.name, row.path);
}

const CHUNK = 500;

/**
 * Graphs written before ids were bounded (graph-ids.ts) may hold plain ids
 * over the bound (names of a few thousand characters were storable); they
 * get the digest form the writer now computes, once per database. Short ids
 * are untouched, so on an ordinary graph this is four label scans.
 * Returns how many ids were rewritten, or null when the database was done before.
 */
export async function rewriteLongIds(
  neo4j: GraphTransactions,
  marker: string = BOUNDED_IDS_MARKER,
): Promise<number | null> {
  return oncePerDatabase(neo4j, marker, async () => {
    let rewritten = 0;
    for (const label of Object.keys(CANDIDATES) as Label[]) {
      const candidates = await neo4j.read(async (tx) => {
        const result = await tx.run(CANDIDATES[label], { min: Math.floor(MAX_PLAIN_ID_LENGTH / 2) });
        return result.records.map((record) => record.toObject() as Candidate);
      });
      const rows = candidates
        .map((row) => ({ old: row.id, new: boundedId(label, row) }))
        .filter((row): row is { old: string; new: string } => row.new !== null && row.new !== row.old);
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        await neo4j.write(async (tx) => {
          for (const statement of REWRITE[label]) await tx.run(statement, { rows: chunk });
        });
      }
      rewritten += rows.length;
    }
    return rewritten;
  });
}
