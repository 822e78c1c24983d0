import { UseFilters } from '@nestjs/common';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { ReadFilter } from '../auth/read-filter.js';
import { CurrentPrincipal } from '../auth/request-principal.js';
import { LineageErrorFilter } from '../lineage/lineage-error.filter.js';
import { Dataset, Job, NameArgs, NamespaceInfo, Run, RunPage, RunPageArgs } from './dto/catalog.dto.js';
import { CatalogService } from './catalog.service.js';

@Resolver()
@UseFilters(LineageErrorFilter)
export class CatalogResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly policy: AccessPolicy,
  ) {}

  @Query(() => [NamespaceInfo], { description: 'Every namespace with its dataset and job counts.' })
  async namespaces(@CurrentPrincipal() principal: Principal): Promise<NamespaceInfo[]> {
    const filter = new ReadFilter(this.policy, principal);
    return (await this.catalog.namespaces()).filter((namespace) => filter.canRead(namespace.name));
  }

  @Query(() => Dataset, { nullable: true })
  async dataset(@Args() args: NameArgs, @CurrentPrincipal() principal: Principal): Promise<Dataset | null> {
    const filter = new ReadFilter(this.policy, principal);
    filter.requireReadable(args.namespace);
    return filter.dataset(await this.catalog.dataset(args.namespace, args.name));
  }

  @Query(() => Job, { nullable: true })
  async job(@Args() args: NameArgs, @CurrentPrincipal() principal: Principal): Promise<Job | null> {
    const filter = new ReadFilter(this.policy, principal);
    filter.requireReadable(args.namespace);
    return filter.job(await this.catalog.job(args.namespace, args.name));
  }

  @Query(() => Run, { nullable: true })
  async run(@Args('id', { type: () => ID }) id: string, @CurrentPrincipal() principal: Principal): Promise<Run | null> {
    return new ReadFilter(this.policy, principal).run(await this.catalog.run(id));
  }
}

// Nest runs no exception filters on field resolvers (fieldResolverEnhancers is
// off), so this one maps its errors through the filter itself.
@Resolver(() => Job)
export class JobRunsResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly errors: LineageErrorFilter,
  ) {}

  @ResolveField(() => RunPage, { description: 'Run history, newest first, with durations.' })
  async runs(@Parent() job: Job, @Args() args: RunPageArgs): Promise<RunPage> {
    try {
      return await this.catalog.jobRuns(job, args.first ?? 20, args.after ?? null);
    } catch (error) {
      throw this.errors.catch(error);
    }
  }
}
