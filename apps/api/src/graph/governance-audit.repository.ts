import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import {
  ChainVerifier,
  entryHash,
  type ChainBreak,
  type ChainedEntry,
  type StoredChainedEntry,
} from './governance-audit-chain.js';
import { Neo4jService } from './neo4j.service.js';

export type AuditEntryInput = {
  actorId: string;
  actorName: string;
  action: string;
  targetKind: string;
  targetId: string;
  before: unknown;
  after: unknown;
};

export type AuditEntryRecord = {
  id: string;
  at: string;
  /** Place in the hash chain; null for entries written before the chain. */
  seq: number | null;
  actorId: string;
  actorName: string;
  action: string;
  targetKind: string;
  targetId: string;
  /** JSON text, exactly as stored. */
  before: string | null;
  after: string | null;
};

export type AuditFilter = { action?: string; targetId?: string; actorId?: string; first: number; before?: string };

/** Schema of the audit log, applied with the token store's (AuthTokenRepository.ensureSchema). */
export const AUDIT_SCHEMA = [
  'CREATE CONSTRAINT audit_chain_id IF NOT EXISTS FOR (c:AuditChain) REQUIRE c.id IS UNIQUE',
  'CREATE INDEX audit_entry_seq IF NOT EXISTS FOR (a:AuditEntry) ON (a.seq)',
];

/** The one chain every audit entry joins (docs/graph-model.md). */
const CHAIN = 'audit';

// Writing the chain node takes its write lock until the transaction ends, so
// concurrent appenders queue here and each reads the head its predecessor
// committed: the chain cannot fork.
const CHAIN_LOCK = `
MERGE (c:AuditChain {id: $chain})
ON CREATE SET c.seq = 0, c.head = null
SET c.lockedAt = datetime()`;

const CHAIN_HEAD = 'MATCH (c:AuditChain {id: $chain}) RETURN c.seq AS seq, c.head AS head';

// Append-only by construction: the only Cypher that touches :AuditEntry is this CREATE and the reads below.
const APPEND = `
MATCH (c:AuditChain {id: $chain})
CREATE (a:AuditEntry {
  id: $id, at: datetime({epochMillis: $atMillis}), actorId: $actorId, actorName: $actorName, action: $action,
  targetKind: $targetKind, targetId: $targetId, before: $before, after: $after,
  seq: $seq, prevHash: $prevHash, hash: $hash
})
SET c.seq = $seq, c.head = $hash`;

const CHAINED_PAGE = `
MATCH (a:AuditEntry) WHERE a.seq > $afterSeq
WITH a ORDER BY a.seq LIMIT $limit
RETURN a.seq AS seq, a.id AS id, a.at.epochMillis AS atMillis, a.actorId AS actorId, a.actorName AS actorName,
       a.action AS action, a.targetKind AS targetKind, a.targetId AS targetId, a.before AS before, a.after AS after,
       a.prevHash AS prevHash, a.hash AS hash`;

// Entries written before the chain existed carry no seq; they are counted, not verified.
const UNCHAINED = 'MATCH (a:AuditEntry) WHERE a.seq IS NULL RETURN count(a) AS count';

const LIST = `
MATCH (a:AuditEntry)
WHERE ($action IS NULL OR a.action = $action)
  AND ($targetId IS NULL OR a.targetId = $targetId)
  AND ($actorId IS NULL OR a.actorId = $actorId)
  AND ($before IS NULL OR a.at < datetime($before))
RETURN a.id AS id, toString(a.at) AS at, a.seq AS seq, a.actorId AS actorId, a.actorName AS actorName, a.action AS action,
       a.targetKind AS targetKind, a.targetId AS targetId, a.before AS before, a.after AS after
ORDER BY a.at DESC, a.id DESC
LIMIT toInteger($first)`;

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Writes one audit entry inside the caller's transaction, so a change and its
 * record commit together; call it last in the transaction (it locks the chain).
 */
export async function appendAudit(tx: ManagedTransaction, entry: AuditEntryInput): Promise<void> {
  await tx.run(CHAIN_LOCK, { chain: CHAIN });
  const head = (await tx.run(CHAIN_HEAD, { chain: CHAIN })).records[0];
  const chained: ChainedEntry = {
    seq: Number(head?.get('seq') ?? 0) + 1,
    id: randomUUID(),
    atMillis: Date.now(),
    actorId: entry.actorId,
    actorName: entry.actorName,
    action: entry.action,
    targetKind: entry.targetKind,
    targetId: entry.targetId,
    before: json(entry.before),
    after: json(entry.after),
    prevHash: (head?.get('head') as string | null | undefined) ?? null,
  };
  await tx.run(APPEND, {
    ...chained,
    chain: CHAIN,
    seq: neo4j.int(chained.seq),
    atMillis: neo4j.int(chained.atMillis),
    hash: entryHash(chained),
  });
}

export type AuditChainReport = {
  ok: boolean;
  checkedEntries: number;
  unchainedEntries: number;
  headSeq: number | null;
  headHash: string | null;
  firstBroken: ChainBreak | null;
};

const VERIFY_PAGE = 1_000;

@Injectable()
export class GovernanceAuditRepository {
  constructor(private readonly neo4j: Neo4jService) {}

  async list(filter: AuditFilter): Promise<AuditEntryRecord[]> {
    return this.neo4j.read(async (tx) => {
      const result = await tx.run(LIST, {
        action: filter.action ?? null,
        targetId: filter.targetId ?? null,
        actorId: filter.actorId ?? null,
        before: filter.before ?? null,
        first: filter.first,
      });
      return result.records.map((record) => record.toObject() as AuditEntryRecord);
    });
  }

  /**
   * Recomputes the chain from the first entry, page by page, up to the first
   * break. Pages are separate reads: entries appended meanwhile only extend
   * the chain, and the head is read first so they are not mistaken for a
   * cut-off tail.
   */
  async verify(): Promise<AuditChainReport> {
    const head = await this.neo4j.read(async (tx) => {
      const record = (await tx.run(CHAIN_HEAD, { chain: CHAIN })).records[0];
      return record ? { seq: Number(record.get('seq')), hash: record.get('head') as string | null } : null;
    });
    const verifier = new ChainVerifier();
    let afterSeq = 0;
    while (head !== null && afterSeq < head.seq) {
      const page = await this.neo4j.read(async (tx) => {
        const result = await tx.run(CHAINED_PAGE, {
          afterSeq: neo4j.int(afterSeq),
          limit: neo4j.int(Math.min(VERIFY_PAGE, head.seq - afterSeq)),
        });
        return result.records.map((record) => record.toObject() as StoredChainedEntry);
      });
      if (page.length === 0) break;
      if (!page.every((entry) => verifier.add(entry))) break;
      afterSeq = page[page.length - 1]!.seq;
    }
    const firstBroken = verifier.finish(head);
    const unchained = await this.neo4j.read(async (tx) => Number((await tx.run(UNCHAINED)).records[0]?.get('count')));
    return {
      ok: firstBroken === null,
      checkedEntries: verifier.checked,
      unchainedEntries: unchained,
      headSeq: head?.seq ?? null,
      headHash: head?.hash ?? null,
      firstBroken,
    };
  }

  async append(entry: AuditEntryInput): Promise<void> {
    await this.neo4j.write((tx) => appendAudit(tx, entry));
  }
}
