import type { AcceptedEvent } from '../../graph/accepted-event.js';

/**
 * The durable queue between the HTTP answer and the graph writer.
 *
 * Contract (what the intake and the drainer rely on, so another implementation
 * — Kafka with `acks=all` in front of several API instances — can replace the
 * local segment files):
 *
 * - `append(events)` resolves only once every event is durable (on disk after
 *   fsync here; acknowledged by all in-sync replicas for Kafka). The intake
 *   answers 201 after that and never before. Events of one call are appended
 *   together, in order. It rejects with {@link SpoolFullError} rather than
 *   dropping anything when the configured capacity is reached.
 * - `read(max)` hands out the oldest events not yet read, in append order,
 *   each with a monotonically increasing `seq` (a Kafka offset). It waits up to
 *   `waitMs` for the first event when there is none.
 * - `ack(upTo)` commits the position after the batch (a Kafka offset commit):
 *   every event with `seq < upTo` is done and may be deleted. Delivery is
 *   at-least-once — whatever was read but not acked before a crash is read
 *   again after restart — so the consumer must be idempotent (the graph
 *   writer is).
 * - `rewind()` goes back to the last ack, so a batch whose write failed is
 *   read again (a Kafka seek to the committed offset).
 * - `stats()` is cheap and synchronous: /health and /metrics call it.
 */
export interface EventSpool {
  open(): Promise<void>;
  /** `eventJson[i]`, when given, is the JSON text of `events[i].event` as received: stored instead of serializing it again. */
  append(events: readonly AcceptedEvent[], eventJson?: readonly (Buffer | undefined)[]): Promise<void>;
  read(max: number, waitMs?: number): Promise<SpoolBatch>;
  ack(upTo: number): Promise<void>;
  rewind(): void;
  stats(): SpoolStats;
  close(): Promise<void>;
}

export interface SpoolRecord {
  seq: number;
  event: AcceptedEvent;
}

export interface SpoolBatch {
  records: SpoolRecord[];
  /** The `seq` to pass to `ack` once every record of the batch is written. */
  next: number;
}

export interface SpoolStats {
  /** Events appended but not yet acked. */
  backlogEvents: number;
  /** Bytes on disk of those events (what counts against the capacity). */
  backlogBytes: number;
  /** When the oldest unacked event was appended (ms since epoch), or null when empty. */
  oldestAppendedAt: number | null;
  capacityBytes: number;
}

/** The spool reached its capacity: the intake answers 503 with Retry-After. */
export class SpoolFullError extends Error {
  override readonly name = 'SpoolFullError';
}

/** Nest injection token of the EventSpool in use. */
export const EVENT_SPOOL = Symbol('EVENT_SPOOL');
