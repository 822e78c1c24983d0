import { UseFilters } from '@nestjs/common';
import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { LineageErrorFilter } from '../lineage/lineage-error.filter.js';
import { Dataset, Job, NameArgs, NamespaceInfo, Run, RunPage, RunPageArgs } from './dto/catalog.dto.js';
import { CatalogService } from './catalog.service.js';

@Resolver()
@UseFilters(LineageErrorFilter)
export class CatalogResolver {
  constructor(private readonly catalog: CatalogService) {}

  @Query(() => [NamespaceInfo], { description: 'Every namespace with its dataset and job counts.' })
  namespaces(): Promise<NamespaceInfo[]> {
    return this.catalog.namespaces();
  }

  @Query(() => Dataset, { nullable: true })
  dataset(@Args() args: NameArgs): Promise<Dataset | null> {
    return this.catalog.dataset(args.namespace, args.name);
  }

  @Query(() => Job, { nullable: true })
  job(@Args() args: NameArgs): Promise<Job | null> {
    return this.catalog.job(args.namespace, args.name);
  }

  @Query(() => Run, { nullable: true })
  run(@Args('id', { type: () => ID }) id: string): Promise<Run | null> {
    return this.catalog.run(id);
  }
}

@Resolver(() => Job)
@UseFilters(LineageErrorFilter)
export class JobRunsResolver {
  constructor(private readonly catalog: CatalogService) {}

  @ResolveField(() => RunPage, { description: 'Run history, newest first, with durations.' })
  runs(@Parent() job: Job, @Args() args: RunPageArgs): Promise<RunPage> {
    return this.catalog.jobRuns(job, args.first ?? 20, args.after ?? null);
  }
}
