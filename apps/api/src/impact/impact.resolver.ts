import { UseFilters } from '@nestjs/common';
import { Args, Info, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { ReadFilter } from '../auth/read-filter.js';
import { CurrentPrincipal } from '../auth/request-principal.js';
import { LineageErrorFilter } from '../lineage/lineage-error.filter.js';
import { ImpactArgs, ImpactReport } from './dto/impact.dto.js';
import { impactSelection } from './impact-selection.js';
import { ImpactService } from './impact.service.js';

@Resolver(() => ImpactReport)
@UseFilters(LineageErrorFilter)
export class ImpactResolver {
  constructor(
    private readonly impactService: ImpactService,
    private readonly policy: AccessPolicy,
  ) {}

  @Query(() => ImpactReport, { description: 'What lies downstream of the targets: what breaks if they change.' })
  async impact(
    @Args() args: ImpactArgs,
    @CurrentPrincipal() principal: Principal,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ImpactReport> {
    const filter = new ReadFilter(this.policy, principal);
    for (const target of args.targets) filter.requireReadable(target.namespace);
    return filter.impact(await this.impactService.impact(args, impactSelection(info)));
  }
}
