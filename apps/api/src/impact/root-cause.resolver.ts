import { UseFilters } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { ReadFilter } from '../auth/read-filter.js';
import { CurrentPrincipal } from '../auth/request-principal.js';
import { NodeNamespaceRepository } from '../graph/auth-node-namespace.repository.js';
import { LineageErrorFilter } from '../lineage/lineage-error.filter.js';
import { RootCauseArgs, RootCauseCandidate } from './dto/root-cause.dto.js';
import { RootCauseService } from './root-cause.service.js';

@Resolver(() => RootCauseCandidate)
@UseFilters(LineageErrorFilter)
export class RootCauseResolver {
  constructor(
    private readonly rootCauseService: RootCauseService,
    private readonly policy: AccessPolicy,
    private readonly nodes: NodeNamespaceRepository,
  ) {}

  @Query(() => [RootCauseCandidate], {
    description: 'Upstream jobs whose latest run failed or is later than usual, nearest first.',
  })
  async rootCause(
    @Args() args: RootCauseArgs,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RootCauseCandidate[]> {
    const filter = new ReadFilter(this.policy, principal);
    filter.requireReadable(args.dataset.namespace);
    return filter.rootCause(await this.rootCauseService.rootCause(args), (ids) => this.nodes.namespacesOf(ids));
  }
}
