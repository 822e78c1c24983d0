import { UseFilters } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { ReadFilter } from '../auth/read-filter.js';
import { CurrentPrincipal } from '../auth/request-principal.js';
import { NodeNamespaceRepository } from '../graph/auth-node-namespace.repository.js';
import { LineageDiff, LineageGraph } from './dto/lineage-graph.dto.js';
import { LineageArgs, LineageDiffArgs, NeighboursArgs } from './dto/lineage.args.js';
import { NeighbourPage } from './dto/neighbour-page.dto.js';
import { LineageErrorFilter } from './lineage-error.filter.js';
import { LineageService } from './lineage.service.js';

@Resolver(() => LineageGraph)
@UseFilters(LineageErrorFilter)
export class LineageResolver {
  constructor(
    private readonly lineageService: LineageService,
    private readonly policy: AccessPolicy,
    private readonly nodes: NodeNamespaceRepository,
  ) {}

  @Query(() => LineageGraph, { description: 'Lineage around one dataset, job or field.' })
  async lineage(@Args() args: LineageArgs, @CurrentPrincipal() principal: Principal): Promise<LineageGraph> {
    const filter = new ReadFilter(this.policy, principal);
    filter.requireReadable(args.node.namespace);
    return filter.graphWithJobs(await this.lineageService.lineage(args), (ids) => this.nodes.namespacesOf(ids));
  }

  @Query(() => LineageDiff, { description: 'Nodes and edges added and removed between two times.' })
  async lineageDiff(@Args() args: LineageDiffArgs, @CurrentPrincipal() principal: Principal): Promise<LineageDiff> {
    const filter = new ReadFilter(this.policy, principal);
    filter.requireReadable(args.node.namespace);
    return filter.diffWithJobs(await this.lineageService.lineageDiff(args), (ids) => this.nodes.namespacesOf(ids));
  }

  @Query(() => NeighbourPage, { description: 'Direct neighbours of a node, paged: what a cluster node opens into.' })
  async neighbours(@Args() args: NeighboursArgs, @CurrentPrincipal() principal: Principal): Promise<NeighbourPage> {
    const filter = new ReadFilter(this.policy, principal);
    filter.requireReadable(args.node.namespace);
    return filter.graphWithJobs(await this.lineageService.neighbours(args), (ids) => this.nodes.namespacesOf(ids));
  }
}
