/**
 * Event times as sortable keys. OpenLineage allows any RFC 3339 offset and up
 * to nanosecond precision; comparing raw strings would order "+02:00" times
 * wrongly, and Date drops everything below milliseconds. A key is the instant
 * in UTC with exactly nine fraction digits, so plain string comparison is
 * chronological — the writer's min/max rules rely on that.
 */
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:?\d{2})?$/;

export function timeKey(time: string): string {
  const match = RFC3339.exec(time.trim());
  if (!match) {
    const parsed = Date.parse(time);
    if (Number.isNaN(parsed)) throw new Error(`not an RFC 3339 time: ${time}`);
    return `${new Date(parsed).toISOString().slice(0, 19)}.${new Date(parsed).toISOString().slice(20, 23)}000000Z`;
  }
  const [, date, clock, fraction = '', offset = 'Z'] = match;
  const fraction9 = (fraction + '000000000').slice(0, 9);
  // Whole seconds through Date (handles the offset and day roll-over); the
  // fraction is carried as digits so nanoseconds survive.
  const normalizedOffset = offset === 'Z' || offset === 'z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const millis = Date.parse(`${date}T${clock}${normalizedOffset}`);
  if (Number.isNaN(millis)) throw new Error(`not an RFC 3339 time: ${time}`);
  return `${new Date(millis).toISOString().slice(0, 19)}.${fraction9}Z`;
}

/** Whether the event time carried digits below the millisecond (kept as `eventTimeNanos`). */
export function hasSubMillis(time: string): boolean {
  const match = RFC3339.exec(time.trim());
  return (match?.[3]?.length ?? 0) > 3;
}

export function maxKey(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

export function minKey(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a <= b ? a : b;
}

/** Time part of a "time|tie-breaker" key. */
export function keyTime(key: string): string {
  const bar = key.indexOf('|');
  return bar < 0 ? key : key.slice(0, bar);
}
