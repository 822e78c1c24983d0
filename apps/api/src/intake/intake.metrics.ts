import { Injectable } from '@nestjs/common';
import { type Counter, MetricsRegistry } from '../health/metrics/metrics.registry.js';

/** The intake's counters; its gauges (backlog, dead letters) are registered where their sources live. */
@Injectable()
export class IntakeMetrics {
  readonly accepted: Counter;
  readonly rejected: Counter;
  readonly facetWarnings: Counter;
  readonly spoolFull: Counter;
  readonly written: Counter;
  readonly writeFailures: Counter;
  readonly writerDeadLetters: Counter;

  constructor(registry: MetricsRegistry) {
    this.accepted = registry.counter(
      'tributary_intake_events_accepted_total',
      'Events stored durably in the spool (answered 201).',
    );
    this.rejected = registry.counter(
      'tributary_intake_events_rejected_total',
      'Events refused as invalid (answered 400) and kept as dead letters.',
    );
    this.facetWarnings = registry.counter(
      'tributary_intake_facet_warnings_total',
      'Malformed standard facets kept raw and left out of the graph.',
    );
    this.spoolFull = registry.counter(
      'tributary_intake_spool_full_total',
      'Requests answered 503 because the spool reached its capacity.',
    );
    this.written = registry.counter('tributary_graph_events_written_total', 'Events the drainer wrote to Neo4j.');
    this.writeFailures = registry.counter(
      'tributary_graph_write_failures_total',
      'Failed attempts to write a batch to Neo4j (each retried).',
    );
    this.writerDeadLetters = registry.counter(
      'tributary_graph_dead_letters_total',
      'Events the graph writer refused while Neo4j answered, moved to the dead letters.',
    );
  }
}
