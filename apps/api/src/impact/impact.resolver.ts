import { UseFilters } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { LineageErrorFilter } from '../lineage/lineage-error.filter.js';
import { ImpactArgs, ImpactReport } from './dto/impact.dto.js';
import { ImpactService } from './impact.service.js';

@Resolver(() => ImpactReport)
@UseFilters(LineageErrorFilter)
export class ImpactResolver {
  constructor(private readonly impactService: ImpactService) {}

  @Query(() => ImpactReport, { description: 'What lies downstream of the targets: what breaks if they change.' })
  impact(@Args() args: ImpactArgs): Promise<ImpactReport> {
    return this.impactService.impact(args);
  }
}
