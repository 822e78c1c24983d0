import { Inject, Injectable } from '@nestjs/common';
import {
  describeProblems,
  type FacetWarning,
  type NormalizationRules,
  normalizeEvent,
  type OpenLineageEvent,
  validateEvent,
  type ValidationProblem,
} from '@tributary/openlineage';
import type { Logger } from 'pino';
import type { AcceptedEvent } from '../graph/accepted-event.js';
import { LOGGER } from '../logging/logger.js';
import { DeadLetterStore, type DeadLetterSource } from './dead-letters/dead-letter.store.js';
import { NORMALIZATION_RULES } from './event-rules.js';
import type { BatchItem } from './http/parse-events.js';
import { IntakeError } from './intake-error.js';
import { IntakeMetrics } from './intake.metrics.js';
import { EVENT_SPOOL, type EventSpool, SpoolFullError } from './spool/event-spool.js';

export type CheckedEvent =
  | { ok: true; accepted: AcceptedEvent; warnings: FacetWarning[] }
  | { ok: false; error: string; problems: ValidationProblem[] };

export type BatchResult =
  | { index: number; status: 201; warnings?: FacetWarning[] }
  | { index: number; status: 400; error: string; problems: ValidationProblem[]; deadLetterId: string }
  | { index: number; status: 403; error: string };

/** Access control on the normalized event (what would be stored): a refusal message, or undefined to accept. */
export type EventGate = (event: OpenLineageEvent) => string | undefined;

/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_SECONDS = '5';

/**
 * The intake pipeline: validate → normalize → spool (durable) → 201; an
 * invalid event goes to the dead letters with its reasons and the client
 * gets them in a 400.
 */
@Injectable()
export class IntakeService {
  constructor(
    @Inject(EVENT_SPOOL) private readonly spool: EventSpool,
    private readonly deadLetters: DeadLetterStore,
    private readonly metrics: IntakeMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(NORMALIZATION_RULES) private readonly rules: NormalizationRules,
  ) {}

  /** Validates and normalizes one parsed event; stores nothing. */
  check(value: unknown): CheckedEvent {
    const validation = validateEvent(value);
    if (!validation.ok) {
      const error = `invalid OpenLineage event: ${describeProblems(validation.problems, 3)}`;
      return { ok: false, error, problems: validation.problems };
    }
    let normalized: ReturnType<typeof normalizeEvent>;
    try {
      normalized = normalizeEvent(validation.event, this.rules, { unusableFacets: validation.unusableFacets });
    } catch (error) {
      // A normalization bug must not turn into a 5xx that clients retry for ever; the dead letter can be replayed once fixed.
      this.logger.error({ err: error }, 'intake: normalization failed');
      return { ok: false, error: 'event could not be normalized', problems: [{ path: '', message: String(error) }] };
    }
    return {
      ok: true,
      warnings: validation.warnings,
      accepted: {
        event: normalized.event,
        kind: validation.kind,
        unusableFacets: [...validation.unusableFacets],
        renamed: normalized.renamed,
        receivedAt: new Date().toISOString(),
      },
    };
  }

  /**
   * `POST /api/v1/lineage`: resolves once the event is durable, with its facet
   * warnings. `json` is the body `value` was parsed from: stored as it is when
   * normalization left the event alone, which spares serializing it again.
   */
  async acceptOne(value: unknown, gate?: EventGate, json?: Buffer): Promise<FacetWarning[]> {
    const checked = this.check(value);
    if (!checked.ok) {
      this.reject('lineage', value, checked.error, checked.problems);
      throw new IntakeError(400, checked.error, checked.problems);
    }
    const refusal = gate?.(checked.accepted.event);
    if (refusal !== undefined) throw new IntakeError(403, refusal);
    const unchanged = checked.accepted.event === value && checked.accepted.renamed.length === 0;
    await this.store([checked.accepted], unchanged && json ? [json] : undefined);
    this.metrics.facetWarnings.inc(checked.warnings.length);
    return checked.warnings;
  }

  /**
   * `POST /api/v1/lineage/batch`: every valid event is stored (together),
   * every invalid one dead-lettered — after the store succeeded, so a batch
   * retried after a 503 leaves no duplicate letters.
   */
  async acceptBatch(items: readonly BatchItem[], gate?: EventGate): Promise<BatchResult[]> {
    const results: BatchResult[] = [];
    const rejected: { result: Extract<BatchResult, { status: 400 }>; payload: unknown }[] = [];
    const valid: AcceptedEvent[] = [];
    let warnings = 0;
    for (const item of items) {
      const checked: CheckedEvent =
        'error' in item
          ? { ok: false, error: 'event is not valid JSON', problems: [{ path: '', message: item.error }] }
          : this.check(item.value);
      if (!checked.ok) {
        const result = {
          index: item.index,
          status: 400 as const,
          error: checked.error,
          problems: checked.problems,
          deadLetterId: '',
        };
        rejected.push({ result, payload: 'error' in item ? item.raw : item.value });
        results.push(result);
        continue;
      }
      const refusal = gate?.(checked.accepted.event);
      if (refusal !== undefined) {
        results.push({ index: item.index, status: 403, error: refusal });
        continue;
      }
      valid.push(checked.accepted);
      warnings += checked.warnings.length;
      results.push(
        checked.warnings.length > 0
          ? { index: item.index, status: 201, warnings: checked.warnings }
          : { index: item.index, status: 201 },
      );
    }
    await this.store(valid);
    this.metrics.facetWarnings.inc(warnings);
    for (const { result, payload } of rejected) {
      result.deadLetterId = this.reject('batch', payload, result.error, result.problems);
    }
    return results;
  }

  /** Appends durably; a full or failing spool becomes a 503 the client retries. */
  async store(events: AcceptedEvent[], eventJson?: Buffer[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.spool.append(events, eventJson);
    } catch (error) {
      if (error instanceof SpoolFullError) {
        this.metrics.spoolFull.inc();
        throw new IntakeError(503, 'the intake spool is full; retry later', [], { 'Retry-After': RETRY_AFTER_SECONDS });
      }
      this.logger.error({ err: error }, 'intake: could not append to the spool');
      throw new IntakeError(503, 'the event could not be stored durably; retry later', [], {
        'Retry-After': RETRY_AFTER_SECONDS,
      });
    }
    this.metrics.accepted.inc(events.length);
  }

  /** A body that is not even JSON is kept too, as text, so nothing refused is lost. */
  rejectUnparsed(text: string, error: IntakeError): void {
    this.reject('lineage', text, error.message, error.problems);
  }

  private reject(source: DeadLetterSource, payload: unknown, error: string, problems: ValidationProblem[]): string {
    this.metrics.rejected.inc();
    return this.deadLetters.add({ source, payload, error, problems }).id;
  }
}
