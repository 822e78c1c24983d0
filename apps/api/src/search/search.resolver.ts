import { UseFilters } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { ReadFilter } from '../auth/read-filter.js';
import { CurrentPrincipal } from '../auth/request-principal.js';
import { LineageErrorFilter } from '../lineage/lineage-error.filter.js';
import { SearchArgs, SearchResult } from './dto/search.dto.js';
import { SearchService } from './search.service.js';

@Resolver(() => SearchResult)
@UseFilters(LineageErrorFilter)
export class SearchResolver {
  constructor(
    private readonly searchService: SearchService,
    private readonly policy: AccessPolicy,
  ) {}

  @Query(() => SearchResult, {
    description: 'Datasets, jobs and fields by name or description, best first; typos allowed.',
  })
  async search(@Args() args: SearchArgs, @CurrentPrincipal() principal: Principal): Promise<SearchResult> {
    const result = await this.searchService.search(args);
    return { ...result, items: new ReadFilter(this.policy, principal).readable(result.items) };
  }
}
