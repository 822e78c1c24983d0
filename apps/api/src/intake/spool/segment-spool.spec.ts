// Real parts: segment files in a temporary directory; nothing is faked.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { AcceptedEvent } from '../../graph/accepted-event.js';
import { SpoolFullError } from './event-spool.js';
import { SegmentSpool, type SegmentSpoolOptions } from './segment-spool.js';

function accepted(name: string, padding = 0): AcceptedEvent {
  return {
    event: {
      eventTime: '2026-01-01T00:00:00Z',
      producer: 'https://example.com/producer',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      eventType: 'COMPLETE',
      run: { runId: '0190c1c4-3f3b-7c7e-8a6f-1a2b3c4d5e6f', facets: { pad: { text: 'x'.repeat(padding) } } },
      job: { namespace: 'spool-test', name },
    },
    kind: 'RunEvent',
    unusableFacets: [],
    renamed: [],
    receivedAt: '2026-01-01T00:00:01Z',
  };
}

const names = (records: { event: AcceptedEvent }[]): string[] =>
  records.map((r) => ('job' in r.event.event ? r.event.event.job.name : '?'));

describe('SegmentSpool', () => {
  let dir: string;
  const opened: SegmentSpool[] = [];
  const spool = async (options: Partial<SegmentSpoolOptions> = {}): Promise<SegmentSpool> => {
    const created = new SegmentSpool({ dir, maxBytes: 64 * 1024 * 1024, segmentBytes: 1024 * 1024, ...options });
    await created.open();
    opened.push(created);
    return created;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-spool-'));
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands out appended events in order and forgets them once acked', async () => {
    const s = await spool();
    await s.append([accepted('a'), accepted('b')]);
    await s.append([accepted('c')]);
    assert.equal(s.stats().backlogEvents, 3);
    assert.ok(s.stats().oldestAppendedAt !== null);
    const first = await s.read(2);
    assert.deepEqual(names(first.records), ['a', 'b']);
    assert.deepEqual(
      first.records.map((r) => r.seq),
      [0, 1],
    );
    await s.ack(first.next);
    const second = await s.read(10);
    assert.deepEqual(names(second.records), ['c']);
    await s.ack(second.next);
    assert.deepEqual(s.stats().backlogEvents, 0);
    assert.equal(s.stats().backlogBytes, 0);
    assert.equal(s.stats().oldestAppendedAt, null);
  });

  it('stores the event JSON as received when given, and reads back the same AcceptedEvent', async () => {
    const s = await spool();
    const event = accepted('raw');
    const received = Buffer.from(`  ${JSON.stringify(event.event, null, 2)}\n`);
    await s.append([event, accepted('plain')], [received, undefined]);
    await s.close();
    const reopened = await spool();
    const batch = await reopened.read(10);
    assert.deepEqual(
      batch.records.map((r) => r.event),
      [event, accepted('plain')],
    );
  });

  it('re-reads from the last ack after rewind', async () => {
    const s = await spool();
    await s.append([accepted('a'), accepted('b'), accepted('c')]);
    await s.ack((await s.read(1)).next);
    assert.deepEqual(names((await s.read(10)).records), ['b', 'c']);
    s.rewind();
    assert.deepEqual(names((await s.read(10)).records), ['b', 'c']);
  });

  it('replays unacked events after a restart, from disk', async () => {
    const s = await spool();
    await s.append([accepted('a'), accepted('b'), accepted('c')]);
    await s.ack((await s.read(1)).next);
    await s.close();
    const reopened = await spool();
    assert.equal(reopened.stats().backlogEvents, 2);
    const batch = await reopened.read(10);
    assert.deepEqual(names(batch.records), ['b', 'c']);
    assert.deepEqual(
      batch.records.map((r) => r.seq),
      [1, 2],
    );
    await reopened.append([accepted('d')]);
    assert.deepEqual(names((await reopened.read(10)).records), ['d']);
  });

  it('truncates a record torn by a crash and keeps every complete one', async () => {
    const s = await spool();
    await s.append([accepted('a'), accepted('b')]);
    await s.close();
    const [segment] = readdirSync(dir).filter((n) => n.endsWith('.seg'));
    const path = join(dir, segment as string);
    const complete = statSync(path).size;
    appendFileSync(path, Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 5]));
    const reopened = await spool();
    assert.equal(statSync(path).size, complete);
    assert.deepEqual(names((await reopened.read(10)).records), ['a', 'b']);

    await reopened.close();
    truncateSync(path, complete - 3);
    const again = await spool();
    assert.deepEqual(names((await again.read(10)).records), ['a']);
  });

  it('rolls segments and deletes the ones fully acked', async () => {
    const s = await spool({ segmentBytes: 4096 });
    for (let i = 0; i < 20; i++) await s.append([accepted(`e${i}`, 1000)]);
    const segments = () => readdirSync(dir).filter((n) => n.endsWith('.seg')).length;
    assert.ok(segments() >= 5, `expected several segments, got ${segments()}`);
    const all: string[] = [];
    for (;;) {
      const batch = await s.read(3);
      if (batch.records.length === 0) break;
      all.push(...names(batch.records));
      await s.ack(batch.next);
    }
    assert.deepEqual(
      all,
      Array.from({ length: 20 }, (_, i) => `e${i}`),
    );
    assert.equal(segments(), 1, 'only the active segment is left');
    await s.close();
    const reopened = await spool({ segmentBytes: 4096 });
    assert.equal(reopened.stats().backlogEvents, 0);
    await reopened.append([accepted('after')]);
    const batch = await reopened.read(10);
    assert.deepEqual(names(batch.records), ['after']);
    assert.equal(batch.records[0]?.seq, 20, 'sequence numbers continue across restarts');
  });

  it('reads records from disk beyond the in-memory cache', async () => {
    const s = await spool({ cacheBytes: 3000 });
    for (let i = 0; i < 10; i++) await s.append([accepted(`e${i}`, 500)]);
    const all: string[] = [];
    for (let batch = await s.read(4); batch.records.length > 0; batch = await s.read(4)) {
      all.push(...names(batch.records));
      await s.ack(batch.next);
    }
    assert.equal(all.length, 10);
    assert.deepEqual(
      all,
      [...all].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
    );
    await s.append([accepted('live')]);
    assert.deepEqual(names((await s.read(4)).records), ['live']);
  });

  it('without a cache reads every record back from disk, in order', async () => {
    const s = await spool({ cacheBytes: 0 });
    const appended = [accepted('a'), accepted('b'), accepted('c')];
    await s.append(appended);
    const batch = await s.read(10);
    assert.deepEqual(names(batch.records), ['a', 'b', 'c']);
    assert.deepEqual(batch.records[1]?.event, appended[1], 'the record round-trips through the file intact');
    assert.notEqual(batch.records[1]?.event, appended[1], 'parsed from the file, not the appended object');
    await s.ack(batch.next);
    await s.append([accepted('d')]);
    assert.deepEqual(names((await s.read(10)).records), ['d']);
  });

  it('refuses appends past its capacity instead of dropping anything', async () => {
    const s = await spool({ maxBytes: 5000 });
    await s.append([accepted('a', 1000), accepted('b', 1000)]);
    await assert.rejects(s.append([accepted('c', 3000)]), SpoolFullError);
    await s.ack((await s.read(10)).next);
    await s.append([accepted('c', 3000)]);
    assert.equal(s.stats().backlogEvents, 1);
  });

  it('keeps every one of many concurrent appends, in one sequence', async () => {
    const s = await spool({ segmentBytes: 64 * 1024 });
    await Promise.all(Array.from({ length: 500 }, (_, i) => s.append([accepted(`c${i}`, 100)])));
    await s.close();
    const reopened = await spool({ segmentBytes: 64 * 1024 });
    const seen = new Set<string>();
    for (let batch = await reopened.read(128); batch.records.length > 0; batch = await reopened.read(128)) {
      for (const name of names(batch.records)) seen.add(name);
      await reopened.ack(batch.next);
    }
    assert.equal(seen.size, 500);
  });

  it('wakes a waiting reader when an event arrives', async () => {
    const s = await spool();
    const pending = s.read(10, 5_000);
    const started = Date.now();
    setTimeout(() => void s.append([accepted('late')]), 50);
    const batch = await pending;
    assert.deepEqual(names(batch.records), ['late']);
    assert.ok(Date.now() - started < 2_000);
  });
});
