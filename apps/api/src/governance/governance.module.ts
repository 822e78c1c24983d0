import { Module } from '@nestjs/common';
import { GovernanceRepository } from '../graph/governance.repository.js';
import { AccessResolver } from './access.resolver.js';
import { ClassificationSync } from './classification-sync.service.js';
import { GovernanceResolver } from './governance.resolver.js';
import { GovernanceService } from './governance.service.js';

/** GraphQL for governance metadata, classification flow, tokens, the caller and the audit log. */
@Module({
  providers: [GovernanceRepository, GovernanceService, ClassificationSync, GovernanceResolver, AccessResolver],
  exports: [GovernanceService],
})
export class GovernanceModule {}
