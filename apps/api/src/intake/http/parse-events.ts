import { parseJson } from '@tributary/openlineage';
import { IntakeError } from '../intake-error.js';
import type { BodyFormat } from './read-body.js';

/** One element of a batch body: its parsed JSON, or why it is not JSON. */
export type BatchItem = { index: number; value: unknown } | { index: number; error: string; raw: string };

function decode(body: Buffer): string {
  const text = body.toString('utf8');
  // A UTF-8 byte order mark is legal in front of JSON text but not for JSON.parse.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The body of `POST /api/v1/lineage`: exactly one JSON value. */
export function parseSingle(body: Buffer): unknown {
  const text = decode(body);
  // /\S/ stops at the first character, where trim() would copy a large body.
  if (!/\S/.test(text)) throw new IntakeError(400, 'request body is empty; expected one OpenLineage event');
  const parsed = parseJson(text);
  if (!parsed.ok) throw new IntakeError(400, parsed.error, [{ path: '', message: parsed.error }]);
  const value = parsed.value;
  if (Array.isArray(value)) {
    throw new IntakeError(400, 'expected one OpenLineage event; post arrays of events to /api/v1/lineage/batch', [
      { path: '', message: 'must be an object' },
    ]);
  }
  return value;
}

/**
 * The body of `POST /api/v1/lineage/batch`: a JSON array of events, or NDJSON
 * (one event per line). A line of NDJSON that is not JSON fails alone; a JSON
 * array that does not parse fails the request, since its elements cannot be told apart.
 */
export function parseBatch(body: Buffer, format: BodyFormat): BatchItem[] {
  const text = decode(body);
  const first = /\S/.exec(text);
  if (!first) throw new IntakeError(400, 'request body is empty; expected a JSON array or NDJSON of events');
  if (format === 'json' && first[0] === '[') {
    const parsed = parseJson(text);
    if (!parsed.ok) throw new IntakeError(400, parsed.error, [{ path: '', message: parsed.error }]);
    const value = parsed.value;
    if (!Array.isArray(value))
      throw new IntakeError(400, 'expected a JSON array of events', [{ path: '', message: 'must be an array' }]);
    if (value.length === 0) throw new IntakeError(400, 'the batch holds no events');
    return value.map((element: unknown, index) => ({ index, value: element }));
  }
  const items: BatchItem[] = [];
  for (const line of text.split('\n')) {
    const source = line.trim();
    if (source === '') continue;
    const index = items.length;
    const parsed = parseJson(source);
    items.push(
      parsed.ok ? { index, value: parsed.value } : { index, error: `line ${index + 1}: ${parsed.error}`, raw: source },
    );
  }
  return items;
}
