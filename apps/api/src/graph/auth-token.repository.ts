import { Injectable } from '@nestjs/common';
import { Neo4jService } from './neo4j.service.js';
import { AUDIT_SCHEMA, appendAudit, type AuditEntryInput } from './governance-audit.repository.js';

export type StoredToken = {
  id: string;
  name: string;
  /** JSON list of {role, namespace}. */
  bindings: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type NewToken = {
  id: string;
  name: string;
  hash: string;
  bindings: string;
  createdBy: string;
  expiresAt: string | null;
};

const SCHEMA = [
  'CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE',
  'CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE',
  'CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.id IS UNIQUE',
  'CREATE INDEX audit_entry_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.at)',
  ...AUDIT_SCHEMA,
];

const FIELDS = `t.id AS id, t.name AS name, t.bindings AS bindings, toString(t.createdAt) AS createdAt,
  t.createdBy AS createdBy, toString(t.expiresAt) AS expiresAt, toString(t.lastUsedAt) AS lastUsedAt,
  toString(t.revokedAt) AS revokedAt`;

const CREATE = `
CREATE (t:ApiToken {id: $id, name: $name, hash: $hash, bindings: $bindings, createdBy: $createdBy,
  createdAt: datetime(), expiresAt: CASE WHEN $expiresAt IS NULL THEN null ELSE datetime($expiresAt) END})
RETURN ${FIELDS}`;

/** ON CREATE only: the first instance to start wins, the others learn the token exists. */
const CREATE_BOOTSTRAP = `
MERGE (t:ApiToken {id: $id})
ON CREATE SET t.name = $name, t.hash = $hash, t.bindings = $bindings, t.createdBy = $createdBy,
  t.createdAt = datetime(), t.created = true
WITH t, coalesce(t.created, false) AS created
REMOVE t.created
RETURN created`;

const GET_BY_HASH = `MATCH (t:ApiToken {hash: $hash}) RETURN ${FIELDS}`;
const GET_BY_ID = `MATCH (t:ApiToken {id: $id}) RETURN ${FIELDS}`;
const LIST = `MATCH (t:ApiToken) RETURN ${FIELDS} ORDER BY t.createdAt, t.id`;
const REVOKE = `
MATCH (t:ApiToken {id: $id}) WHERE t.revokedAt IS NULL
SET t.revokedAt = datetime()
RETURN ${FIELDS}`;
const TOUCH = 'MATCH (t:ApiToken {id: $id}) SET t.lastUsedAt = datetime()';
const ACTIVE_ADMIN_EXISTS = `
MATCH (t:ApiToken) WHERE t.revokedAt IS NULL AND (t.expiresAt IS NULL OR t.expiresAt > datetime())
  AND t.bindings CONTAINS '"role":"admin","namespace":"*"'
RETURN count(t) > 0 AS exists`;

@Injectable()
export class AuthTokenRepository {
  constructor(private readonly neo4j: Neo4jService) {}

  async ensureSchema(): Promise<void> {
    for (const statement of SCHEMA) await this.neo4j.write((tx) => tx.run(statement).then(() => undefined));
  }

  async create(token: NewToken, audit: Omit<AuditEntryInput, 'after'>): Promise<StoredToken> {
    return this.neo4j.write(async (tx) => {
      const result = await tx.run(CREATE, token);
      const stored = result.records[0]?.toObject() as StoredToken;
      await appendAudit(tx, { ...audit, after: redacted(stored) });
      return stored;
    });
  }

  /** Whether this call created it (true) or another instance already had (false). */
  async createBootstrap(token: NewToken): Promise<boolean> {
    return this.neo4j.write(async (tx) => {
      const result = await tx.run(CREATE_BOOTSTRAP, token);
      const created = result.records[0]?.get('created') === true;
      if (created) {
        await appendAudit(tx, {
          actorId: 'system',
          actorName: 'system',
          action: 'token.bootstrap',
          targetKind: 'ApiToken',
          targetId: token.id,
          before: null,
          after: { id: token.id, name: token.name, bindings: token.bindings },
        });
      }
      return created;
    });
  }

  async hasActiveGlobalAdmin(): Promise<boolean> {
    return this.neo4j.read(async (tx) => (await tx.run(ACTIVE_ADMIN_EXISTS)).records[0]?.get('exists') === true);
  }

  async getByHash(hash: string): Promise<StoredToken | undefined> {
    return this.neo4j.read(
      async (tx) => (await tx.run(GET_BY_HASH, { hash })).records[0]?.toObject() as StoredToken | undefined,
    );
  }

  async getById(id: string): Promise<StoredToken | undefined> {
    return this.neo4j.read(
      async (tx) => (await tx.run(GET_BY_ID, { id })).records[0]?.toObject() as StoredToken | undefined,
    );
  }

  async list(): Promise<StoredToken[]> {
    return this.neo4j.read(async (tx) => (await tx.run(LIST)).records.map((r) => r.toObject() as StoredToken));
  }

  /** Undefined when there is no such token or it was already revoked. */
  async revoke(id: string, audit: Omit<AuditEntryInput, 'before' | 'after'>): Promise<StoredToken | undefined> {
    return this.neo4j.write(async (tx) => {
      const result = await tx.run(REVOKE, { id });
      const stored = result.records[0]?.toObject() as StoredToken | undefined;
      if (stored)
        await appendAudit(tx, { ...audit, before: { ...redacted(stored), revokedAt: null }, after: redacted(stored) });
      return stored;
    });
  }

  async touch(id: string): Promise<void> {
    await this.neo4j.write((tx) => tx.run(TOUCH, { id }).then(() => undefined));
  }
}

/** The audit trail shows what a token could do, never its hash. */
function redacted(token: StoredToken): Record<string, unknown> {
  return {
    id: token.id,
    name: token.name,
    bindings: JSON.parse(token.bindings) as unknown,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
  };
}
