import type { ManagedTransaction, QueryResult } from 'neo4j-driver';

/** One `UNWIND $rows …` statement of a batch, with its rows. */
export interface Part {
  name: string;
  query: string;
  rows: readonly unknown[];
}

/** Told about every statement that ran: how long it took, and its error when it failed. */
export type StatementWatch = (statement: { name: string; rows: number; ms: number; error?: unknown }) => void;

/**
 * Sends every statement with rows at once and waits for their answers in
 * order. A transaction's statements run one after the other on the server
 * in the order they were sent, so a statement still sees what the ones
 * before it wrote; sending them together lets the driver pack the next
 * statement's rows while Neo4j runs the current one, instead of each side
 * waiting for the other.
 *
 * A statement's time is taken from the previous answer to its own: under
 * in-order execution that is its own run time (and the packing of its rows
 * when that is the slower side).
 */
async function runInOrder(
  tx: ManagedTransaction,
  parts: readonly Part[],
  watch: StatementWatch | undefined,
): Promise<Map<string, QueryResult>> {
  const live = parts.filter((part) => part.rows.length > 0);
  // Every answer gets its handler now: after a failure the server ignores the
  // statements behind it, and their rejections must not go unhandled.
  const answers = live.map((part) =>
    Promise.resolve(tx.run(part.query, { rows: part.rows })).then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error: error ?? new Error('statement failed') }),
    ),
  );
  const results = new Map<string, QueryResult>();
  let since = performance.now();
  for (const [index, part] of live.entries()) {
    const { result, error } = await answers[index]!;
    const now = performance.now();
    watch?.({ name: part.name, rows: part.rows.length, ms: now - since, ...(result ? {} : { error }) });
    since = now;
    if (!result) throw error;
    results.set(part.name, result);
  }
  return results;
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
  await runInOrder(tx, parts, watch);
}

/** Reads the same way: each part ends in `RETURN collect(…) AS <name>`; parts without rows read nothing. */
export async function readParts(
  tx: ManagedTransaction,
  parts: readonly Part[],
  watch?: StatementWatch,
): Promise<Record<string, unknown[]>> {
  const results = await runInOrder(tx, parts, watch);
  const out: Record<string, unknown[]> = {};
  for (const part of parts)
    out[part.name] = (results.get(part.name)?.records[0]?.get(part.name) as unknown[] | undefined) ?? [];
  return out;
}
