import type { ManagedTransaction, QueryResult } from 'neo4j-driver';

/** One `UNWIND $rows …` statement of a batch, with its rows. */
export interface Part {
  name: string;
  query: string;
  rows: readonly unknown[];
}

/** Told about every statement that ran: how long it took, and its error when it failed. */
export type StatementWatch = (statement: { name: string; rows: number; ms: number; error?: unknown }) => void;

async function run(tx: ManagedTransaction, part: Part, watch: StatementWatch | undefined): Promise<QueryResult> {
  const started = performance.now();
  try {
    const result = await tx.run(part.query, { rows: part.rows });
    watch?.({ name: part.name, rows: part.rows.length, ms: performance.now() - started });
    return result;
  } catch (error) {
    watch?.({ name: part.name, rows: part.rows.length, ms: performance.now() - started, error });
    throw error;
  }
}

/**
 * Runs the statements of a batch in order, skipping those without rows.
 *
 * Tried and dropped: one query of unit subqueries (`CALL () { … }` per
 * statement) to save round trips. Neo4j keys its plan cache on parameter
 * types too, so the combinations of empty and non-empty row lists kept
 * re-planning a 25-part query; per-statement plans stay cached.
 */
export async function runParts(tx: ManagedTransaction, parts: readonly Part[], watch?: StatementWatch): Promise<void> {
  for (const part of parts) if (part.rows.length > 0) await run(tx, part, watch);
}

/** Reads the same way: each part ends in `RETURN collect(…) AS <name>`; parts without rows read nothing. */
export async function readParts(
  tx: ManagedTransaction,
  parts: readonly Part[],
  watch?: StatementWatch,
): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const part of parts) {
    out[part.name] = [];
    if (part.rows.length === 0) continue;
    const result = await run(tx, part, watch);
    out[part.name] = (result.records[0]?.get(part.name) as unknown[] | undefined) ?? [];
  }
  return out;
}
