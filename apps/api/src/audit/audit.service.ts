import { Injectable } from '@nestjs/common';
import { AuthException } from '../auth/auth.exception.js';
import {
  GovernanceAuditRepository,
  type AuditChainReport,
  type AuditEntryRecord,
} from '../graph/governance-audit.repository.js';

export type AuditQuery = { action?: string; targetId?: string; actorId?: string; first?: number; before?: string };

export type AuditEntryView = Omit<AuditEntryRecord, 'before' | 'after'> & { before: unknown; after: unknown };

const MAX_PAGE = 500;

/** Read side of the append-only audit log; entries are written by the repositories that make each change. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: GovernanceAuditRepository) {}

  async list(query: AuditQuery): Promise<AuditEntryView[]> {
    const first = query.first ?? 100;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw AuthException.badInput(`first must be between 1 and ${MAX_PAGE}`);
    }
    if (query.before !== undefined && Number.isNaN(Date.parse(query.before))) {
      throw AuthException.badInput('before must be an RFC 3339 time');
    }
    const rows = await this.audit.list({ ...query, first });
    return rows.map((row) => ({
      ...row,
      before: row.before === null ? null : (JSON.parse(row.before) as unknown),
      after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    }));
  }

  /** The whole chain, recomputed; a tampered, removed or inserted entry shows as the first break. */
  async verify(): Promise<AuditChainReport> {
    return this.audit.verify();
  }
}
