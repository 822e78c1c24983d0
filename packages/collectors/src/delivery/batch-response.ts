/** What the intake said about one event of a batch. */
export interface EventStatus {
  /** Position of the event in the delivered stream (0-based, across batches). */
  index: number;
  /** HTTP-like status for this event: 201 stored, 400 invalid, 403 forbidden… */
  status: number;
  ok: boolean;
  error?: string;
  problems?: { path: string; message: string }[];
  warnings?: unknown[];
}

type Entry = Record<string, unknown>;

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entryList(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (!isEntry(body)) return undefined;
  for (const key of ['results', 'statuses', 'events', 'items']) {
    const value = body[key];
    if (Array.isArray(value)) return value;
  }
  return undefined;
}

function statusOf(entry: Entry, fallback: number): number {
  const raw = entry.status ?? entry.code ?? entry.statusCode;
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') {
    if (/^\d{3}$/.test(raw)) return Number(raw);
    // Word statuses ("accepted", "rejected", "duplicate") map onto the codes the single-event endpoint uses.
    if (/^(accepted|created|stored|ok|duplicate)$/i.test(raw)) return 201;
    if (/^(forbidden)$/i.test(raw)) return 403;
    return 400;
  }
  if (typeof entry.ok === 'boolean') return entry.ok ? 201 : 400;
  if (entry.error !== undefined || entry.problems !== undefined) return 400;
  return fallback;
}

/**
 * Reads the batch endpoint's per-event answer. The intake answers one entry per
 * event in order (optionally carrying its own `index`); anything the answer does not
 * mention takes the HTTP status of the whole response.
 */
export function parseBatchStatuses(body: unknown, httpStatus: number, count: number, offset: number): EventStatus[] {
  const fallback = httpStatus >= 200 && httpStatus < 300 ? (httpStatus === 207 ? 201 : httpStatus) : httpStatus;
  const statuses: EventStatus[] = Array.from({ length: count }, (_, i) => ({
    index: offset + i,
    status: fallback,
    ok: fallback >= 200 && fallback < 300,
  }));
  const list = entryList(body);
  if (!list) return statuses;
  list.forEach((raw, position) => {
    if (!isEntry(raw)) return;
    const local = typeof raw.index === 'number' && raw.index >= 0 && raw.index < count ? raw.index : position;
    if (local >= count) return;
    const status = statusOf(raw, fallback);
    const entry: EventStatus = { index: offset + local, status, ok: status >= 200 && status < 300 };
    if (typeof raw.error === 'string') entry.error = raw.error;
    else if (typeof raw.message === 'string') entry.error = raw.message;
    if (Array.isArray(raw.problems)) entry.problems = raw.problems as EventStatus['problems'];
    if (Array.isArray(raw.warnings) && raw.warnings.length > 0) entry.warnings = raw.warnings;
    statuses[local] = entry;
  });
  return statuses;
}
