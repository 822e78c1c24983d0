import { UseFilters } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { LineageDiff, LineageGraph } from './dto/lineage-graph.dto.js';
import { LineageArgs, LineageDiffArgs, NeighboursArgs } from './dto/lineage.args.js';
import { NeighbourPage } from './dto/neighbour-page.dto.js';
import { LineageErrorFilter } from './lineage-error.filter.js';
import { LineageService } from './lineage.service.js';

@Resolver(() => LineageGraph)
@UseFilters(LineageErrorFilter)
export class LineageResolver {
  constructor(private readonly lineageService: LineageService) {}

  @Query(() => LineageGraph, { description: 'Lineage around one dataset, job or field.' })
  lineage(@Args() args: LineageArgs): Promise<LineageGraph> {
    return this.lineageService.lineage(args);
  }

  @Query(() => LineageDiff, { description: 'Nodes and edges added and removed between two times.' })
  lineageDiff(@Args() args: LineageDiffArgs): Promise<LineageDiff> {
    return this.lineageService.lineageDiff(args);
  }

  @Query(() => NeighbourPage, { description: 'Direct neighbours of a node, paged: what a cluster node opens into.' })
  neighbours(@Args() args: NeighboursArgs): Promise<NeighbourPage> {
    return this.lineageService.neighbours(args);
  }
}
