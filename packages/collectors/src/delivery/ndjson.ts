import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { OpenLineageEvent } from '@tributary/openlineage';

/**
 * Writes events as NDJSON (one event per line) to `path`, or to stdout when `path` is "-".
 * Returns how many events were written.
 */
export async function writeNdjson(
  events: Iterable<OpenLineageEvent> | AsyncIterable<OpenLineageEvent>,
  path: string,
): Promise<number> {
  let count = 0;
  async function* lines() {
    for await (const event of events) {
      count++;
      yield JSON.stringify(event) + '\n';
    }
  }
  if (path === '-') {
    // stdout must stay open for whatever the caller prints next, so no pipeline here.
    for await (const line of lines()) if (!process.stdout.write(line)) await once(process.stdout, 'drain');
  } else {
    await pipeline(Readable.from(lines()), createWriteStream(path, { encoding: 'utf8' }));
  }
  return count;
}
