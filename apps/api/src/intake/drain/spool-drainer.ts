import type { AcceptedEvent } from '../../graph/accepted-event.js';
import type { DeadLetterStore } from '../dead-letters/dead-letter.store.js';
import type { EventSpool, SpoolRecord } from '../spool/event-spool.js';
import { isOutage, type LineageSink } from './lineage-sink.js';

export type DrainerOptions = {
  batchSize: number;
  /** Backoff starts here and doubles per failed attempt up to `retryMaxMs`. */
  retryMinMs?: number;
  retryMaxMs: number;
  /** Failed attempts of a batch before the events, not the store, are suspected. */
  attemptsBeforeSplit?: number;
};

export type DrainerHooks = {
  /** Whether the graph store answers at all; decides between "wait" and "split the batch". */
  storeIsUp: () => Promise<boolean>;
  onWritten?: (count: number) => void;
  onWriteFailure?: (error: unknown, attempt: number, events: number) => void;
  onDeadLettered?: (event: AcceptedEvent, error: unknown) => void;
  onLoopError?: (error: unknown) => void;
};

class Stopped extends Error {}

/**
 * Moves events from the spool into the graph: reads a batch (whatever has
 * arrived, up to `batchSize`), writes it through the sink, acks it, repeats.
 * While the store is down every attempt fails and the drainer backs off
 * exponentially; the spool keeps taking events meanwhile. A batch that keeps
 * failing while the store answers holds an event the writer cannot take: the
 * batch is halved until that event is alone, and it goes to the dead letters
 * (replayable) instead of blocking everything behind it.
 */
export class SpoolDrainer {
  private running: Promise<void> | undefined;
  private stopping = false;
  private wakeSleep: (() => void) | undefined;
  private readonly retryMinMs: number;
  private readonly attemptsBeforeSplit: number;

  constructor(
    private readonly spool: EventSpool,
    private readonly sink: LineageSink,
    private readonly deadLetters: DeadLetterStore,
    private readonly options: DrainerOptions,
    private readonly hooks: DrainerHooks,
  ) {
    this.retryMinMs = options.retryMinMs ?? 100;
    this.attemptsBeforeSplit = options.attemptsBeforeSplit ?? 5;
  }

  start(): void {
    this.stopping = false;
    this.running ??= this.loop().finally(() => (this.running = undefined));
  }

  /** Stops after the batch in flight; waits at most `graceMs` for it (unacked events are replayed at the next start). */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopping = true;
    this.wakeSleep?.();
    if (!this.running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        const batch = await this.spool.read(this.options.batchSize, 500);
        if (batch.records.length === 0) continue;
        await this.deliver(batch.records);
        await this.spool.ack(batch.next);
      } catch (error) {
        if (error instanceof Stopped) return;
        // A spool fault (disk): whatever was not acked is read again after a pause.
        this.hooks.onLoopError?.(error);
        this.spool.rewind();
        await this.sleep(this.options.retryMaxMs);
      }
    }
  }

  /** Resolves once every record is written or dead-lettered; throws Stopped on shutdown. */
  private async deliver(records: SpoolRecord[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopping) throw new Stopped();
      try {
        await this.sink.writeBatch(records.map((record) => record.event));
        this.hooks.onWritten?.(records.length);
        return;
      } catch (error) {
        this.hooks.onWriteFailure?.(error, attempt, records.length);
        if (attempt >= this.attemptsBeforeSplit && !isOutage(error) && (await this.hooks.storeIsUp())) {
          if (records.length > 1) {
            const half = Math.ceil(records.length / 2);
            await this.deliver(records.slice(0, half));
            await this.deliver(records.slice(half));
            return;
          }
          const [record] = records as [SpoolRecord];
          this.deadLetters.add({
            source: 'graph',
            error: `the graph writer refused this event: ${error instanceof Error ? error.message : String(error)}`,
            problems: [],
            payload: record.event.event,
          });
          this.hooks.onDeadLettered?.(record.event, error);
          return;
        }
        await this.sleep(this.backoff(attempt));
      }
    }
  }

  private backoff(attempt: number): number {
    const exponential = Math.min(this.options.retryMaxMs, this.retryMinMs * 2 ** Math.min(attempt - 1, 20));
    // Jitter keeps several API instances from hammering a recovering Neo4j in step.
    return exponential / 2 + Math.random() * (exponential / 2);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleep = done;
    });
  }
}
