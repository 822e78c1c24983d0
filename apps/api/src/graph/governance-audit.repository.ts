import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ManagedTransaction } from 'neo4j-driver';
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

// Append-only by construction: the only Cypher that touches :AuditEntry is this CREATE and the read below.
const APPEND = `
CREATE (a:AuditEntry {
  id: $id, at: datetime(), actorId: $actorId, actorName: $actorName, action: $action,
  targetKind: $targetKind, targetId: $targetId, before: $before, after: $after
})`;

const LIST = `
MATCH (a:AuditEntry)
WHERE ($action IS NULL OR a.action = $action)
  AND ($targetId IS NULL OR a.targetId = $targetId)
  AND ($actorId IS NULL OR a.actorId = $actorId)
  AND ($before IS NULL OR a.at < datetime($before))
RETURN a.id AS id, toString(a.at) AS at, a.actorId AS actorId, a.actorName AS actorName, a.action AS action,
       a.targetKind AS targetKind, a.targetId AS targetId, a.before AS before, a.after AS after
ORDER BY a.at DESC, a.id DESC
LIMIT toInteger($first)`;

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** Writes one audit entry inside the caller's transaction, so a change and its record commit together. */
export async function appendAudit(tx: ManagedTransaction, entry: AuditEntryInput): Promise<void> {
  await tx.run(APPEND, {
    id: randomUUID(),
    actorId: entry.actorId,
    actorName: entry.actorName,
    action: entry.action,
    targetKind: entry.targetKind,
    targetId: entry.targetId,
    before: json(entry.before),
    after: json(entry.after),
  });
}

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

  async append(entry: AuditEntryInput): Promise<void> {
    await this.neo4j.write((tx) => appendAudit(tx, entry));
  }
}
