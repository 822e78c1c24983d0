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
  // Writes a test started but did not wait for must end before the directory
  // goes, or the removal races a file being created in it (ENOTEMPTY).
  const opened: DeadLetterStore[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.flush()));
    rmSync(dir, { recursive: true, force: true });
  });
  const openStore = async (max: number): Promise<DeadLetterStore> => {
    const store = new DeadLetterStore(dir, max);
    opened.push(store);
    await store.open();
    return store;
  };

  const letter = (n: number) => ({
    source: 'lineage' as const,
    error: `bad ${n}`,
    problems: [{ path: '/run/runId', message: 'is required' }],
    payload: { n },
  });

  it('keeps letters with their reasons and payloads across a restart', async () => {
    const store = await openStore(10);
    const first = store.add(letter(1));
    store.add({ ...letter(2), payload: 'not json {' });
    await store.flush();
    const reopened = await openStore(10);
    assert.equal(reopened.size, 2);
    const stored = await reopened.get(first.id);
    assert.deepEqual(stored?.payload, { n: 1 });
    assert.deepEqual(stored?.problems, [{ path: '/run/runId', message: 'is required' }]);
    const third = reopened.add(letter(3));
    assert.ok(third.id > first.id, 'ids keep sorting in arrival order after a restart');
  });

  it('drops the oldest letters past its bound and counts them', async () => {
    const store = await openStore(3);
    for (let n = 0; n < 5; n++) store.add(letter(n));
    await store.flush();
    assert.equal(store.size, 3);
    assert.equal(store.droppedTotal, 2);
    const payloads = await Promise.all(store.ids().map(async (id) => (await store.get(id))?.payload));
    assert.deepEqual(payloads, [{ n: 2 }, { n: 3 }, { n: 4 }]);
  });

  it('pages newest first', async () => {
    const store = await openStore(100);
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
    const store = await openStore(10);
    const { id } = store.add(letter(1));
    assert.equal(store.update(id, 'still bad', [])?.replays, 1);
    assert.equal(store.remove(id), true);
    assert.equal(await store.get(id), undefined);
    assert.equal(DeadLetterStore.isId(id), true);
    assert.equal(DeadLetterStore.isId('../etc/passwd'), false);
  });
});
