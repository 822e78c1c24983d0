import neo4j, { type DateTime } from 'neo4j-driver';

/** A time key (UTC, nine fraction digits) as a Neo4j DateTime, nanoseconds included. */
export function toDateTime(key: string): DateTime<number> {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{9})Z/.exec(key);
  if (!m) throw new Error(`not a time key: ${key}`);
  const [, y, mo, d, h, mi, s, ns] = m.map(Number) as number[];
  return new neo4j.types.DateTime(y!, mo!, d!, h!, mi!, s!, ns!, 0);
}
