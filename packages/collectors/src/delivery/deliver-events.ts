import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { OpenLineageEvent } from '@tributary/openlineage';
import { backoffDelay, parseRetryAfter, sleep } from './backoff.js';
import { type EventStatus, parseBatchStatuses } from './batch-response.js';

const gzip = promisify(gzipCallback);

export interface DeliveryProgress {
  /** Events the intake answered for so far. */
  sent: number;
  accepted: number;
  rejected: number;
  batches: number;
  /** Requests repeated after a 5xx, 429 or network error. */
  retries: number;
}

export interface DeliveryReport extends DeliveryProgress {
  /** One entry per event, in stream order. */
  statuses: EventStatus[];
  durationMs: number;
}

export interface DeliveryOptions {
  /** Base URL of Tributary, e.g. http://localhost:8080; events go to `<url>/api/v1/lineage/batch`. */
  url: string;
  token?: string;
  /** Events per request (default 500). */
  batchSize?: number;
  /** A batch is sent early when its JSON would pass this size (default 4 MiB, under the intake's 5 MiB limit). */
  maxBatchBytes?: number;
  /** Attempts after the first one for a 5xx, 429 or network error (default 5). Never for other 4xx. */
  retries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** gzip request bodies (default true). */
  gzip?: boolean;
  onProgress?: (progress: DeliveryProgress) => void;
  signal?: AbortSignal;
}

export type DeliveryErrorKind = 'unreachable' | 'client' | 'server';

/** The intake refused the whole request (`client`), kept failing (`server`) or never answered (`unreachable`). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly kind: DeliveryErrorKind,
    readonly status?: number,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

const BATCH_PATH = '/api/v1/lineage/batch';

function batchUrl(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new DeliveryError(`not a URL: ${JSON.stringify(base)}`, 'client');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DeliveryError(`not an http(s) URL: ${base}`, 'client');
  }
  return base.replace(/\/+$/, '') + BATCH_PATH;
}

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describeBody(body: unknown): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return `: ${body.slice(0, 300)}`;
  if (typeof body === 'object' && body !== null && 'error' in body) {
    return `: ${String((body as { error: unknown }).error)}`;
  }
  return `: ${JSON.stringify(body).slice(0, 300)}`;
}

function hasPerEventList(body: unknown): boolean {
  if (Array.isArray(body)) return true;
  if (typeof body !== 'object' || body === null) return false;
  return ['results', 'statuses', 'events', 'items'].some((key) =>
    Array.isArray((body as Record<string, unknown>)[key]),
  );
}

class Sender {
  private readonly endpoint: string;
  private readonly headers: Record<string, string>;
  readonly progress: DeliveryProgress = { sent: 0, accepted: 0, rejected: 0, batches: 0, retries: 0 };
  readonly statuses: EventStatus[] = [];

  constructor(private readonly options: DeliveryOptions) {
    this.endpoint = batchUrl(options.url);
    this.headers = { 'content-type': 'application/json', accept: 'application/json' };
    if (options.gzip !== false) this.headers['content-encoding'] = 'gzip';
    if (options.token) this.headers.authorization = `Bearer ${options.token}`;
  }

  /** Posts `parts` (serialized events starting at stream position `offset`), splitting on 413. */
  async send(parts: string[], offset: number): Promise<void> {
    const { status, body } = await this.post(`[${parts.join(',')}]`);
    if (status === 413 && parts.length > 1) {
      const half = Math.ceil(parts.length / 2);
      await this.send(parts.slice(0, half), offset);
      await this.send(parts.slice(half), offset + half);
      return;
    }
    if (status >= 400 && status !== 413 && !hasPerEventList(body)) {
      throw new DeliveryError(`${this.endpoint} answered ${status}${describeBody(body)}`, 'client', status, body);
    }
    const statuses = parseBatchStatuses(body, status, parts.length, offset);
    if (status === 413) statuses[0]!.error = 'event larger than the intake accepts';
    for (const entry of statuses) {
      this.statuses.push(entry);
      if (entry.ok) this.progress.accepted++;
      else this.progress.rejected++;
    }
    this.progress.sent += parts.length;
    this.progress.batches++;
    this.options.onProgress?.({ ...this.progress });
  }

  private async post(json: string): Promise<{ status: number; body: unknown }> {
    const payload = this.options.gzip === false ? Buffer.from(json) : await gzip(json);
    const retries = this.options.retries ?? 5;
    const base = this.options.retryBaseMs ?? 500;
    const max = this.options.retryMaxMs ?? 30_000;
    for (let attempt = 0; ; attempt++) {
      let failure: string;
      let waitMs: number | undefined;
      try {
        const signals = [AbortSignal.timeout(this.options.timeoutMs ?? 30_000)];
        if (this.options.signal) signals.push(this.options.signal);
        const response = await fetch(this.endpoint, {
          method: 'POST',
          headers: this.headers,
          body: payload,
          signal: AbortSignal.any(signals),
        });
        const body = await readBody(response);
        if (!retryable(response.status)) return { status: response.status, body };
        failure = `${response.status}${describeBody(body)}`;
        waitMs = parseRetryAfter(response.headers.get('retry-after'));
        if (attempt >= retries) {
          throw new DeliveryError(
            `${this.endpoint} answered ${failure} (gave up after ${attempt + 1} attempts)`,
            'server',
            response.status,
            body,
          );
        }
      } catch (error) {
        if (error instanceof DeliveryError) throw error;
        if (this.options.signal?.aborted) throw error;
        failure = error instanceof Error ? errorText(error) : String(error);
        if (attempt >= retries) {
          throw new DeliveryError(
            `cannot reach ${this.endpoint}: ${failure} (gave up after ${attempt + 1} attempts)`,
            'unreachable',
          );
        }
      }
      this.progress.retries++;
      await sleep(Math.min(waitMs ?? backoffDelay(attempt + 1, base, max), max * 2), this.options.signal);
    }
  }
}

function errorText(error: Error): string {
  // fetch hides the socket error (ECONNREFUSED…) in `cause`.
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return `${error.message} (${(cause as { code?: string }).code ?? cause.message})`;
  return error.message;
}

/**
 * Posts events to Tributary's batch intake: JSON arrays of `batchSize` events, gzip,
 * Bearer token; retries with exponential backoff and jitter on 5xx, 429 (honouring
 * Retry-After) and network errors, never on other 4xx. Resolves with every event's
 * status; rejects with a DeliveryError when a request cannot be delivered at all.
 */
export async function deliverEvents(
  events: Iterable<OpenLineageEvent> | AsyncIterable<OpenLineageEvent>,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const started = Date.now();
  const sender = new Sender(options);
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const maxBytes = options.maxBatchBytes ?? 4 * 1024 * 1024;
  let parts: string[] = [];
  let bytes = 0;
  let offset = 0;
  const flush = async () => {
    if (parts.length === 0) return;
    const batch = parts;
    parts = [];
    bytes = 0;
    await sender.send(batch, offset);
    offset += batch.length;
  };
  for await (const event of events) {
    const json = JSON.stringify(event);
    if (parts.length > 0 && bytes + json.length + 1 > maxBytes) await flush();
    parts.push(json);
    bytes += json.length + 1;
    if (parts.length >= batchSize) await flush();
  }
  await flush();
  return { ...sender.progress, statuses: sender.statuses, durationMs: Date.now() - started };
}
