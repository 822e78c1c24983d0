import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_PROBLEMS, describeProblems, parseEventJson, validateEvent } from './validate-event.js';

// Pure unit tests: no I/O, the validator only.

function runEvent(): Record<string, unknown> {
  return {
    eventType: 'START',
    eventTime: '2024-05-01T12:00:00.123456789+02:00',
    producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.20.0/client/python',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
    job: { namespace: 'airflow', name: 'orders.load' },
    inputs: [{ namespace: 'postgres://db:5432', name: 'shop.public.orders' }],
    outputs: [],
  };
}

const facetBase = {
  _producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.20.0/client/python',
  _schemaURL: 'https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
};

describe('validateEvent', () => {
  it('accepts a RunEvent with nanoseconds and an offset', () => {
    const result = validateEvent(runEvent());
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.kind, 'RunEvent');
  });

  it('names every missing or malformed field by JSON Pointer', () => {
    const event = runEvent();
    delete event.eventTime;
    event.run = { runId: 'not-a-uuid' };
    event.inputs = [{ namespace: 'x' }];
    const result = validateEvent(event);
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.problems.map((p) => p.path), ['/eventTime', '/run/runId', '/inputs/0/name']);
  });

  it('rejects an unknown eventType and a producer that is not a URI', () => {
    const result = validateEvent({ ...runEvent(), eventType: 'DONE', producer: 'my producer' });
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.problems.map((p) => p.path).sort(), ['/eventType', '/producer']);
  });

  it('keeps custom facets and warns about a malformed standard facet without rejecting', () => {
    const event = runEvent();
    event.run = {
      runId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      facets: {
        'spark.logicalPlan': { plan: [1, 2, 3] },
        parent: { ...facetBase, run: { runId: 'nope' }, job: { namespace: 'a', name: 'b' } },
      },
    };
    event.outputs = [{ namespace: 'n', name: 'd', facets: { schema: { fields: [{ name: 'id' }] } } }];
    const result = validateEvent(event);
    assert.ok(result.ok);
    assert.deepEqual(
      result.warnings.map((w) => [w.path, w.facet]),
      [
        ['/run/facets/parent', 'parent'],
        ['/outputs/0/facets/schema', 'schema'],
      ],
    );
    assert.match(result.warnings[1]!.message, /_producer is required/);
    assert.deepEqual([...result.unusableFacets], ['/run/facets/parent', '/outputs/0/facets/schema']);
    assert.equal(result.event, event, 'the event is returned as sent, custom facets included');
  });

  it('detects DatasetEvent and JobEvent from the schemaURL, old definitions URLs included', () => {
    const base = {
      eventTime: '2024-05-01T12:00:00Z',
      producer: 'https://example.com/producer',
    };
    const dataset = validateEvent({
      ...base,
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: { namespace: 'n', name: 'd' },
    });
    assert.equal(dataset.ok && dataset.kind, 'DatasetEvent');
    const job = validateEvent({
      ...base,
      schemaURL: 'https://openlineage.io/spec/1-0-5/OpenLineage.json#/definitions/JobEvent',
      job: { namespace: 'n', name: 'j' },
    });
    assert.equal(job.ok && job.kind, 'JobEvent');
    const runWithoutRun = validateEvent({
      ...base,
      schemaURL: 'https://openlineage.io/spec/1-0-5/OpenLineage.json#/definitions/RunEvent',
      job: { namespace: 'n', name: 'j' },
    });
    assert.deepEqual(!runWithoutRun.ok && runWithoutRun.problems, [{ path: '/run', message: 'is required' }]);
  });

  it('rejects a JobEvent that carries a run', () => {
    const result = validateEvent({
      eventTime: '2024-05-01T12:00:00Z',
      producer: 'https://example.com/producer',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
      job: { namespace: 'n', name: 'j' },
      run: { runId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
    });
    assert.equal(!result.ok && result.problems[0]!.path, '/run');
  });

  it('lists at most MAX_PROBLEMS problems, and says how many more there are', () => {
    const result = validateEvent({ ...runEvent(), inputs: Array.from({ length: 150 }, () => ({})) });
    assert.equal(result.ok, false);
    const problems = !result.ok ? result.problems : [];
    assert.equal(problems.length, MAX_PROBLEMS + 1);
    assert.deepEqual(problems.at(-1), { path: '', message: '200 more problems not listed' });
  });

  it('rejects what is not an object', () => {
    for (const input of [null, [], 'event', 42]) {
      const result = validateEvent(input);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.problems[0]!.path, '');
    }
  });
});

describe('parseEventJson', () => {
  it('says what is wrong with broken JSON, without echoing the body', () => {
    const result = parseEventJson('{\n  "eventTime": ,\n}');
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.problems[0]!.message : '', /^body is not valid JSON: Unexpected token ','$/);
    const truncated = parseEventJson('{"eventTime": "2024-05-01T12:00:00Z"');
    assert.match(
      !truncated.ok ? truncated.problems[0]!.message : '',
      /^body is not valid JSON( at line 1, column \d+)?: /,
    );
  });

  it('says when the body is empty', () => {
    const result = parseEventJson('  ');
    assert.match(!result.ok ? result.problems[0]!.message : '', /body is empty/);
  });

  it('validates what parses', () => {
    assert.equal(parseEventJson(JSON.stringify(runEvent())).ok, true);
  });
});

describe('describeProblems', () => {
  it('fits the problems on one line', () => {
    const line = describeProblems(
      [
        { path: '/run/runId', message: 'must be a UUID' },
        { path: '', message: 'must be a JSON object' },
        { path: '/a', message: 'x' },
      ],
      2,
    );
    assert.equal(line, '/run/runId must be a UUID; (event) must be a JSON object (and 1 more)');
  });
});
