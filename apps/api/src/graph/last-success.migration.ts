import neo4j from 'neo4j-driver';
import { oncePerDatabase, type GraphTransactions } from './bounded-ids.migration.js';

/** Marks a database whose jobs and datasets got `lastSuccessAt` from their run history once. */
export const LAST_SUCCESS_MARKER = 'last-success-1';

const PAGE = 2_000;

// Paged by id (the unique index gives the order) so each transaction stays
// small whatever the graph's size; the writer waits for migrations, so no
// batch races the backfill.
const BACKFILL = {
  Job: `
MATCH (j:Job) WHERE j.id > $after
WITH j ORDER BY j.id LIMIT $page
CALL (j) {
  OPTIONAL MATCH (j)-[:HAS_RUN]->(r:Run) WHERE r.state = 'COMPLETE'
  RETURN max(coalesce(r.endedAt, r.lastEventTime)) AS last
}
SET j.lastSuccessAt = last
RETURN max(j.id) AS lastId, count(j) AS count`,
  Dataset: `
MATCH (d:Dataset) WHERE d.id > $after
WITH d ORDER BY d.id LIMIT $page
CALL (d) {
  OPTIONAL MATCH (r:Run)-[:WROTE]->(d) WHERE r.state = 'COMPLETE'
  RETURN max(coalesce(r.endedAt, r.lastEventTime)) AS last
}
SET d.lastSuccessAt = last
RETURN max(d.id) AS lastId, count(d) AS count`,
} as const;

/**
 * Graphs written before the writer kept `lastSuccessAt` (run.repository.ts
 * SUCCESSES) get it computed from their runs, once per database. Returns how
 * many nodes were visited, or null when the database was done before.
 */
export async function backfillLastSuccess(
  graph: GraphTransactions,
  marker: string = LAST_SUCCESS_MARKER,
): Promise<number | null> {
  return oncePerDatabase(graph, marker, async () => {
    let visited = 0;
    for (const query of Object.values(BACKFILL)) {
      for (let after = ''; ;) {
        const { lastId, count } = await graph.write(async (tx) => {
          const record = (await tx.run(query, { after, page: neo4j.int(PAGE) })).records[0];
          return { lastId: record?.get('lastId') as string | null, count: Number(record?.get('count') ?? 0) };
        });
        visited += count;
        if (count < PAGE || lastId === null) break;
        after = lastId;
      }
    }
    return visited;
  });
}
