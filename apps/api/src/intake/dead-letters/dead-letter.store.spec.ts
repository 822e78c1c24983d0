// Real parts: files in a temporary directory; nothing is faked.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DeadLetterStore } from './dead-letter.store.js';

describe('DeadLetterStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-dead-letters-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const letter = (n: number) => ({
    source: 'lineage' as const,
    error: `bad ${n}`,
    problems: [{ path: '/run/runId', message: 'is required' }],
    payload: { n },
  });

  it('keeps letters with their reasons and payloads across a restart', async () => {
    const store = new DeadLetterStore(dir, 10);
    await store.open();
    const first = store.add(letter(1));
    store.add({ ...letter(2), payload: 'not json {' });
    await store.flush();
    const reopened = new DeadLetterStore(dir, 10);
    await reopened.open();
    assert.equal(reopened.size, 2);
    const stored = await reopened.get(first.id);
    assert.deepEqual(stored?.payload, { n: 1 });
    assert.deepEqual(stored?.problems, [{ path: '/run/runId', message: 'is required' }]);
    const third = reopened.add(letter(3));
    assert.ok(third.id > first.id, 'ids keep sorting in arrival order after a restart');
  });

  it('drops the oldest letters past its bound and counts them', async () => {
    const store = new DeadLetterStore(dir, 3);
    await store.open();
    for (let n = 0; n < 5; n++) store.add(letter(n));
    await store.flush();
    assert.equal(store.size, 3);
    assert.equal(store.droppedTotal, 2);
    const payloads = await Promise.all(store.ids().map(async (id) => (await store.get(id))?.payload));
    assert.deepEqual(payloads, [{ n: 2 }, { n: 3 }, { n: 4 }]);
  });

  it('pages newest first', async () => {
    const store = new DeadLetterStore(dir, 100);
    await store.open();
    const ids = Array.from({ length: 5 }, (_, n) => store.add(letter(n)).id);
    const first = store.list(2);
    assert.deepEqual(
      first.items.map((i) => i.id),
      [ids[4], ids[3]],
    );
    const second = store.list(2, first.next ?? undefined);
    assert.deepEqual(
      second.items.map((i) => i.id),
      [ids[2], ids[1]],
    );
    const last = store.list(2, second.next ?? undefined);
    assert.deepEqual(
      last.items.map((i) => i.id),
      [ids[0]],
    );
    assert.equal(last.next, null);
  });

  it('records a refused replay and forgets a removed letter', async () => {
    const store = new DeadLetterStore(dir, 10);
    await store.open();
    const { id } = store.add(letter(1));
    assert.equal(store.update(id, 'still bad', [])?.replays, 1);
    assert.equal(store.remove(id), true);
    assert.equal(await store.get(id), undefined);
    assert.equal(DeadLetterStore.isId(id), true);
    assert.equal(DeadLetterStore.isId('../etc/passwd'), false);
  });
});
