import { Injectable } from '@nestjs/common';

export interface Counter {
  inc(by?: number): void;
  readonly value: number;
}

type Metric =
  | { kind: 'counter'; name: string; help: string; counter: { value: number } }
  | { kind: 'gauge' | 'observed-counter'; name: string; help: string; read: () => number };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * Counters and gauges rendered in the Prometheus text format (version 0.0.4)
 * at /metrics. Deliberately tiny: unlabelled series cover what the intake
 * reports, and any module can register its own.
 */
@Injectable()
export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  counter(name: string, help: string): Counter {
    const existing = this.metrics.get(name);
    if (existing?.kind === 'counter') return wrap(existing.counter);
    this.check(name);
    const counter = { value: 0 };
    this.metrics.set(name, { kind: 'counter', name, help, counter });
    return wrap(counter);
  }

  /** A count another object keeps, read at scrape time; `read` must never go down. */
  observedCounter(name: string, help: string, read: () => number): void {
    this.check(name);
    this.metrics.set(name, { kind: 'observed-counter', name, help, read });
  }

  /** A value read at scrape time (backlog sizes, ages). */
  gauge(name: string, help: string, read: () => number): void {
    this.check(name);
    this.metrics.set(name, { kind: 'gauge', name, help, read });
  }

  render(): string {
    const lines: string[] = [];
    for (const metric of this.metrics.values()) {
      lines.push(`# HELP ${metric.name} ${metric.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
      lines.push(`# TYPE ${metric.name} ${metric.kind === 'gauge' ? 'gauge' : 'counter'}`);
      const value = metric.kind === 'counter' ? metric.counter.value : safeRead(metric.read);
      lines.push(`${metric.name} ${formatValue(value)}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private check(name: string): void {
    if (!NAME.test(name)) throw new Error(`invalid metric name "${name}"`);
    if (this.metrics.has(name)) throw new Error(`metric "${name}" is registered twice`);
  }
}

function wrap(state: { value: number }): Counter {
  return {
    inc: (by = 1) => {
      state.value += by;
    },
    get value() {
      return state.value;
    },
  };
}

function safeRead(read: () => number): number {
  try {
    return read();
  } catch {
    return Number.NaN;
  }
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
