import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from '../exit-codes.js';
import { parseEvents } from './read-events.js';

const event = (name: string) => ({ eventTime: '2026-01-01T00:00:00Z', job: { namespace: 'n', name } });

describe('parseEvents', () => {
  it('reads one event, a JSON array, or NDJSON with blank lines', () => {
    assert.equal(parseEvents(JSON.stringify(event('a')), 'f').length, 1);
    assert.equal(parseEvents(JSON.stringify([event('a'), event('b')]), 'f').length, 2);
    const ndjson = `${JSON.stringify(event('a'))}\n\n${JSON.stringify(event('b'))}\n`;
    assert.deepEqual(
      parseEvents(ndjson, 'f').map((e) => (e as { job: { name: string } }).job.name),
      ['a', 'b'],
    );
    assert.deepEqual(parseEvents('  \n', 'f'), []);
  });

  it('names the file and line of what is not JSON or not an event', () => {
    const cases: [string, RegExp][] = [
      [`${JSON.stringify(event('a'))}\n{oops`, /^f:2: invalid JSON/],
      ['[1, 2]', /^f\[0\]: expected an OpenLineage event/],
      ['[{"a":1}', /^f: invalid JSON/],
      ['{"job":{}}', /^f: not an OpenLineage event \(no eventTime\)/],
    ];
    for (const [text, message] of cases) {
      assert.throws(
        () => parseEvents(text, 'f'),
        (error: unknown) => error instanceof CliError && error.exitCode === 2 && message.test(error.message),
      );
    }
  });
});
