import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChainVerifier, entryHash, type StoredChainedEntry } from './governance-audit-chain.js';

function chain(length: number): StoredChainedEntry[] {
  const out: StoredChainedEntry[] = [];
  let prevHash: string | null = null;
  for (let seq = 1; seq <= length; seq++) {
    const entry = {
      seq,
      id: `entry-${seq}`,
      atMillis: 1_700_000_000_000 + seq,
      actorId: 'token-1',
      actorName: 'steward',
      action: 'governance.description',
      targetKind: 'DATASET',
      targetId: `dataset:pg:t${seq}`,
      before: null,
      after: JSON.stringify({ description: `d${seq}` }),
      prevHash,
    };
    const hash = entryHash(entry);
    out.push({ ...entry, hash });
    prevHash = hash;
  }
  return out;
}

function verify(entries: StoredChainedEntry[], head: { seq: number; hash: string | null } | null) {
  const verifier = new ChainVerifier();
  for (const entry of entries) if (!verifier.add(entry)) break;
  return { broken: verifier.finish(head), checked: verifier.checked };
}

const headOf = (entries: StoredChainedEntry[]) => ({ seq: entries.length, hash: entries.at(-1)?.hash ?? null });

describe('audit hash chain', () => {
  it('verifies an intact chain, and an empty one', () => {
    const entries = chain(5);
    assert.deepEqual(verify(entries, headOf(entries)), { broken: null, checked: 5 });
    assert.deepEqual(verify([], null), { broken: null, checked: 0 });
  });

  it('hashes every field: changing any one changes the hash', () => {
    const [entry] = chain(1);
    const base = entryHash(entry!);
    for (const [key, value] of Object.entries({
      seq: 2,
      id: 'x',
      atMillis: 1,
      actorId: 'x',
      actorName: 'x',
      action: 'x',
      targetKind: 'x',
      targetId: 'x',
      before: '{}',
      after: null,
      prevHash: 'ab',
    })) {
      assert.notEqual(entryHash({ ...entry!, [key]: value }), base, key);
    }
    // Field boundaries cannot shift: moving text from one field to the next changes the hash.
    assert.notEqual(
      entryHash({ ...entry!, actorId: 'ab', actorName: 'c' }),
      entryHash({ ...entry!, actorId: 'a', actorName: 'bc' }),
    );
  });

  it('names the first entry whose content was changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, after: JSON.stringify({ description: 'forged' }) };
    assert.deepEqual(verify(entries, headOf(entries)), {
      broken: { entryId: 'entry-3', seq: 3, reason: 'its content does not match its hash' },
      checked: 2,
    });
  });

  it('catches a rewritten entry whose hash was recomputed, at the next entry', () => {
    const entries = chain(4);
    const forged = { ...entries[1]!, actorName: 'someone else' };
    entries[1] = { ...forged, hash: entryHash(forged) };
    const { broken } = verify(entries, headOf(entries));
    assert.equal(broken?.entryId, 'entry-3');
    assert.match(broken?.reason ?? '', /previous hash/);
  });

  it('catches removed, duplicated and cut-off entries', () => {
    const entries = chain(5);
    const removed = verify([...entries.slice(0, 2), ...entries.slice(3)], headOf(entries)).broken;
    assert.deepEqual(removed, { entryId: 'entry-4', seq: 4, reason: 'entries 3..3 are missing' });
    const duplicated = verify([...entries.slice(0, 3), entries[2]!, ...entries.slice(3)], headOf(entries)).broken;
    assert.match(duplicated?.reason ?? '', /appears twice/);
    const cut = verify(entries.slice(0, 3), headOf(entries)).broken;
    assert.deepEqual(cut, { entryId: null, seq: 4, reason: 'the chain head is at entry 5, the entries end at 3' });
    assert.equal(verify(entries, null).broken?.reason, 'the chain head is missing');
  });
});
