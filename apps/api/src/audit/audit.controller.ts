import { Controller, Get, Query } from '@nestjs/common';
import { RequireRole } from '../auth/request-principal.js';
import type { AuditChainReport } from '../graph/governance-audit.repository.js';
import { AuditService, type AuditEntryView } from './audit.service.js';

/** Admins read the audit log; there is deliberately no route that writes, edits or deletes it. */
@Controller('api/v1/audit')
@RequireRole('global-admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async list(
    @Query('action') action?: string,
    @Query('targetId') targetId?: string,
    @Query('actorId') actorId?: string,
    @Query('first') first?: string,
    @Query('before') before?: string,
  ): Promise<{ entries: AuditEntryView[] }> {
    const entries = await this.audit.list({
      action,
      targetId,
      actorId,
      before,
      first: first === undefined ? undefined : Number(first),
    });
    return { entries };
  }

  @Get('verify')
  async verify(): Promise<AuditChainReport> {
    return this.audit.verify();
  }
}
