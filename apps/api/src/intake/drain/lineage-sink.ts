import type { AcceptedEvent } from '../../graph/accepted-event.js';

/** Where the drainer delivers spooled events: the graph writer's `writeBatch`, idempotent. */
export interface LineageSink {
  writeBatch(events: AcceptedEvent[]): Promise<void>;
}

/** Nest injection token of the LineageSink. */
export const LINEAGE_SINK = Symbol('LINEAGE_SINK');

/** The sink cannot take events right now (store down, not migrated yet): retry later, never dead-letter. */
export class SinkUnavailableError extends Error {
  override readonly name = 'SinkUnavailableError';
}

const OUTAGE_CODES = /ServiceUnavailable|SessionExpired|TransientError|Neo\.TransientError|ECONNREFUSED|ECONNRESET/;

/**
 * Whether a write failed because the store is unavailable rather than because
 * of the events: such a failure is retried for ever; any other is retried a
 * few times, then the batch is split to find the event at fault.
 */
export function isOutage(error: unknown): boolean {
  if (error instanceof SinkUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, retriable } = error as { code?: unknown; name?: unknown; retriable?: unknown };
  if (retriable === true) return true;
  return OUTAGE_CODES.test(`${String(code ?? '')} ${String(name ?? '')}`);
}
