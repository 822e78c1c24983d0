// Real parts: a SegmentSpool and a DeadLetterStore on files in a temporary
// directory. Fake: the LineageSink (the graph writer's one-method contract),
// scripted to fail like Neo4j does, so outages and a poison event can be
// played out in milliseconds; the real writer is exercised by the integration tests.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { AcceptedEvent } from '../../graph/accepted-event.js';
import { DeadLetterStore } from '../dead-letters/dead-letter.store.js';
import { SegmentSpool } from '../spool/segment-spool.js';
import { SinkUnavailableError, type LineageSink } from './lineage-sink.js';
import { SpoolDrainer } from './spool-drainer.js';

function accepted(name: string): AcceptedEvent {
  return {
    event: {
      eventTime: '2026-01-01T00:00:00Z',
      producer: 'https://example.com/producer',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId: '0190c1c4-3f3b-7c7e-8a6f-1a2b3c4d5e6f' },
      job: { namespace: 'drainer-test', name },
    },
    kind: 'RunEvent',
    unusableFacets: [],
    renamed: [],
    receivedAt: '2026-01-01T00:00:01Z',
  };
}

const nameOf = (event: AcceptedEvent): string => ('job' in event.event ? event.event.job.name : '?');

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('SpoolDrainer', () => {
  let dir: string;
  let spool: SegmentSpool;
  let deadLetters: DeadLetterStore;
  let drainer: SpoolDrainer | undefined;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-drainer-'));
    spool = new SegmentSpool({ dir: join(dir, 'spool'), maxBytes: 1 << 26, segmentBytes: 1 << 20 });
    await spool.open();
    deadLetters = new DeadLetterStore(join(dir, 'dead'), 100);
    await deadLetters.open();
  });
  afterEach(async () => {
    await drainer?.stop();
    await spool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (sink: LineageSink, storeIsUp = true, batchSize = 100) => {
    let failures = 0;
    drainer = new SpoolDrainer(
      spool,
      sink,
      deadLetters,
      { batchSize, retryMinMs: 1, retryMaxMs: 5, attemptsBeforeSplit: 3 },
      { storeIsUp: () => Promise.resolve(storeIsUp), onWriteFailure: () => failures++ },
    );
    drainer.start();
    return { failures: () => failures };
  };

  it('writes what arrives in order and acks it', async () => {
    const written: string[] = [];
    start({ writeBatch: async (events) => void written.push(...events.map(nameOf)) });
    await spool.append([accepted('a'), accepted('b')]);
    await spool.append([accepted('c')]);
    await until(() => spool.stats().backlogEvents === 0);
    assert.deepEqual(written, ['a', 'b', 'c']);
  });

  it('retries while the store is down and delivers everything once it is back', async () => {
    let down = true;
    const written: string[] = [];
    const stats = start({
      writeBatch: async (events) => {
        if (down) throw new SinkUnavailableError('Neo4j is down');
        written.push(...events.map(nameOf));
      },
    });
    for (let i = 0; i < 5; i++) await spool.append([accepted(`e${i}`)]);
    await until(() => stats.failures() >= 5);
    assert.equal(spool.stats().backlogEvents, 5, 'nothing is lost or acked during the outage');
    down = false;
    await until(() => spool.stats().backlogEvents === 0);
    assert.deepEqual([...new Set(written)], ['e0', 'e1', 'e2', 'e3', 'e4']);
    assert.equal(deadLetters.size, 0, 'an outage never dead-letters anything');
  });

  it('isolates an event the writer keeps refusing while the store answers, and dead-letters only it', async () => {
    const written: string[] = [];
    start({
      writeBatch: async (events) => {
        if (events.some((event) => nameOf(event) === 'poison')) throw new Error('Neo.ClientError.Statement.TypeError');
        written.push(...events.map(nameOf));
      },
    });
    await spool.append(['a', 'b', 'poison', 'c', 'd'].map(accepted));
    await until(() => spool.stats().backlogEvents === 0);
    assert.deepEqual(written.sort(), ['a', 'b', 'c', 'd']);
    assert.equal(deadLetters.size, 1);
    const [id] = deadLetters.ids();
    const letter = await deadLetters.get(id as string);
    assert.equal(letter?.source, 'graph');
    assert.match(letter?.error ?? '', /graph writer refused this event: Neo\.ClientError\.Statement\.TypeError/);
    assert.deepEqual(letter?.payload, accepted('poison').event);
  });

  it('keeps retrying a failing batch while the store does not answer', async () => {
    const stats = start(
      {
        writeBatch: () => Promise.reject(new Error('connection reset')),
      },
      false,
    );
    await spool.append([accepted('a')]);
    await until(() => stats.failures() >= 10);
    assert.equal(deadLetters.size, 0);
    assert.equal(spool.stats().backlogEvents, 1);
  });
});
