import { UseFilters } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { LineageErrorFilter } from '../lineage/lineage-error.filter.js';
import { SearchArgs, SearchResult } from './dto/search.dto.js';
import { SearchService } from './search.service.js';

@Resolver(() => SearchResult)
@UseFilters(LineageErrorFilter)
export class SearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @Query(() => SearchResult, {
    description: 'Datasets, jobs and fields by name or description, best first; typos allowed.',
  })
  search(@Args() args: SearchArgs): Promise<SearchResult> {
    return this.searchService.search(args);
  }
}
