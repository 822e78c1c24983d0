import neo4j from 'neo4j-driver';
import type { EdgeTimeFilter } from './read-rows.js';

/**
 * The rule of docs/graph-model.md "Lineage as of time T", as a Cypher
 * predicate over relationship variable `r`. Without `asOf` only current edges
 * (validTo null) count. Parameters: $asOf, $staleSince.
 */
export function liveEdge(r: string, checkStale = true): string {
  const alive =
    `(CASE WHEN $asOf IS NULL THEN ${r}.validTo IS NULL ` +
    `ELSE ${r}.firstSeenAt <= $asOf AND (${r}.validTo IS NULL OR ${r}.validTo > $asOf) END)`;
  return checkStale ? `${alive} AND ($staleSince IS NULL OR ${r}.lastSeenAt >= $staleSince)` : alive;
}

export function timeParams(filter: EdgeTimeFilter): { asOf: unknown; staleSince: unknown } {
  return { asOf: toDateTime(filter.asOf), staleSince: toDateTime(filter.staleSince) };
}

export function toDateTime(date: Date | null): unknown {
  return date ? neo4j.types.DateTime.fromStandardDate(date) : null;
}
