import { UseFilters } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { ReadFilter } from '../auth/read-filter.js';
import { CurrentPrincipal } from '../auth/request-principal.js';
import { LineageErrorFilter } from '../lineage/lineage-error.filter.js';
import { BrowseService } from './browse.service.js';
import { NodeTags, RecentRun, RecentRunsArgs } from './dto/browse.dto.js';

@Resolver()
@UseFilters(LineageErrorFilter)
export class BrowseResolver {
  constructor(
    private readonly browse: BrowseService,
    private readonly policy: AccessPolicy,
  ) {}

  @Query(() => [RecentRun], {
    description: 'The latest runs, newest event first, of jobs you can read; for the activity feed.',
  })
  async recentRuns(@Args() args: RecentRunsArgs, @CurrentPrincipal() principal: Principal): Promise<RecentRun[]> {
    const filter = new ReadFilter(this.policy, principal);
    const namespace = args.namespace ?? null;
    if (namespace !== null) filter.requireReadable(namespace);
    const runs = await this.browse.recentRuns(args.first, namespace, filter.readsAll ? null : filter.canRead);
    return runs.map((run) => ({ ...run, outputs: filter.names(run.outputs) }));
  }

  @Query(() => [NodeTags], {
    description:
      'Tags and classifications of lineage nodes by id; unknown ids and nodes outside your namespaces are left out.',
  })
  async nodeTags(
    @Args('ids', { type: () => [ID] }) ids: string[],
    @CurrentPrincipal() principal: Principal,
  ): Promise<NodeTags[]> {
    const filter = new ReadFilter(this.policy, principal);
    return (await this.browse.tags(ids))
      .filter((row) => filter.canRead(row.namespace))
      .map((row) => ({ id: row.id, tags: row.tags, classifications: row.classifications }));
  }
}
