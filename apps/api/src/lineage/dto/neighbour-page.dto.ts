import { Field, Int, ObjectType } from '@nestjs/graphql';
import { LineageEdge, LineageNode } from './lineage-graph.dto.js';

@ObjectType({ description: 'One page of the direct neighbours a cluster node stands for, ordered by label.' })
export class NeighbourPage {
  @Field(() => [LineageNode])
  nodes!: LineageNode[];

  @Field(() => [LineageEdge], {
    description: 'Edges between the node and the neighbours on this page (jobs in between included).',
  })
  edges!: LineageEdge[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}
