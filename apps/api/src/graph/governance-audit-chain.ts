import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain: entry n stores the SHA-256 of its own canonical
 * content, which includes entry n-1's hash. Changing, removing or inserting
 * an entry after the fact breaks the chain from there on; the chain node's
 * head (seq and hash of the last entry) catches a cut-off tail.
 */
export type ChainedEntry = {
  seq: number;
  id: string;
  /** Epoch milliseconds, as stored (`at.epochMillis`). */
  atMillis: number;
  actorId: string;
  actorName: string;
  action: string;
  targetKind: string;
  targetId: string;
  /** JSON text exactly as stored. */
  before: string | null;
  after: string | null;
  prevHash: string | null;
};

export type StoredChainedEntry = ChainedEntry & { hash: string | null };

export type ChainBreak = { entryId: string | null; seq: number; reason: string };

// A version tag first, so a later change of the canonical form cannot be confused with this one.
const CANONICAL_VERSION = 'tributary-audit-1';

/** Hex SHA-256 over a JSON array of the fields in a fixed order: no key-order or escaping ambiguity. */
export function entryHash(entry: ChainedEntry): string {
  const canonical = JSON.stringify([
    CANONICAL_VERSION,
    entry.seq,
    entry.id,
    entry.atMillis,
    entry.actorId,
    entry.actorName,
    entry.action,
    entry.targetKind,
    entry.targetId,
    entry.before,
    entry.after,
    entry.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Checks chained entries fed in seq order (page by page), stopping at the
 * first break.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private previousHash: string | null = null;
  private broken: ChainBreak | null = null;
  checked = 0;

  get firstBreak(): ChainBreak | null {
    return this.broken;
  }

  /** False once the chain is broken: later entries tell nothing more. */
  add(entry: StoredChainedEntry): boolean {
    if (this.broken) return false;
    if (entry.seq !== this.expectedSeq) {
      const reason =
        entry.seq < this.expectedSeq
          ? `sequence number ${entry.seq} appears twice`
          : `entries ${this.expectedSeq}..${entry.seq - 1} are missing`;
      return this.fail(entry, reason);
    }
    if (entry.hash !== entryHash(entry)) return this.fail(entry, 'its content does not match its hash');
    if (entry.prevHash !== this.previousHash) {
      return this.fail(entry, `its previous hash does not match entry ${entry.seq - 1}`);
    }
    this.checked += 1;
    this.expectedSeq += 1;
    this.previousHash = entry.hash;
    return true;
  }

  /** The chain node's head must be the last entry seen: a cut-off tail shows here. */
  finish(head: { seq: number; hash: string | null } | null): ChainBreak | null {
    if (this.broken) return this.broken;
    const lastSeq = this.expectedSeq - 1;
    if (head === null) {
      if (lastSeq > 0) this.broken = { entryId: null, seq: 1, reason: 'the chain head is missing' };
      return this.broken;
    }
    if (head.seq !== lastSeq || head.hash !== this.previousHash) {
      this.broken = {
        entryId: null,
        seq: lastSeq + 1,
        reason: `the chain head is at entry ${head.seq}, the entries end at ${lastSeq}`,
      };
    }
    return this.broken;
  }

  private fail(entry: StoredChainedEntry, reason: string): false {
    this.broken = { entryId: entry.id, seq: entry.seq, reason };
    return false;
  }
}
