import { UseFilters } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { LineageErrorFilter } from '../lineage/lineage-error.filter.js';
import { RootCauseArgs, RootCauseCandidate } from './dto/root-cause.dto.js';
import { RootCauseService } from './root-cause.service.js';

@Resolver(() => RootCauseCandidate)
@UseFilters(LineageErrorFilter)
export class RootCauseResolver {
  constructor(private readonly rootCauseService: RootCauseService) {}

  @Query(() => [RootCauseCandidate], {
    description: 'Upstream jobs whose latest run failed or is later than usual, nearest first.',
  })
  rootCause(@Args() args: RootCauseArgs): Promise<RootCauseCandidate[]> {
    return this.rootCauseService.rootCause(args);
  }
}
