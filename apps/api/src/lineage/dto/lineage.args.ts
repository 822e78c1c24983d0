import { ArgsType, Field, Int } from '@nestjs/graphql';
import { DateTime } from '../../schema/date-time.scalar.js';
import { LineageDirection, LineageGranularity } from './lineage-enums.js';
import { NodeRef } from './node-ref.input.js';

export const MAX_DEPTH = 20;
export const MAX_LIMIT = 5_000;
export const DEFAULT_CLUSTER_THRESHOLD = 50;

@ArgsType()
export class LineageArgs {
  @Field(() => NodeRef)
  node!: NodeRef;

  @Field(() => LineageDirection, { nullable: true, defaultValue: LineageDirection.BOTH })
  direction?: LineageDirection | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 3,
    description: `Datasets (or fields) away from the node, 0 to ${MAX_DEPTH}.`,
  })
  depth?: number | null;

  @Field(() => LineageGranularity, { nullable: true, defaultValue: LineageGranularity.DATASET })
  granularity?: LineageGranularity | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true })
  includeJobs?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 500,
    description: `Most nodes in the answer, 1 to ${MAX_LIMIT}; more sets truncated.`,
  })
  limit?: number | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_CLUSTER_THRESHOLD,
    description: 'A node with more new neighbours than this at one layer gets one cluster node for them.',
  })
  clusterThreshold?: number | null;

  @Field(() => DateTime, {
    nullable: true,
    description: 'The lineage as the runs up to this time left it; now when absent.',
  })
  asOf?: Date | null;
}

@ArgsType()
export class LineageDiffArgs {
  @Field(() => NodeRef)
  node!: NodeRef;

  @Field(() => LineageDirection, { nullable: true, defaultValue: LineageDirection.BOTH })
  direction?: LineageDirection | null;

  @Field(() => Int, { nullable: true, defaultValue: 3 })
  depth?: number | null;

  @Field(() => LineageGranularity, { nullable: true, defaultValue: LineageGranularity.DATASET })
  granularity?: LineageGranularity | null;

  @Field(() => DateTime)
  from!: Date;

  @Field(() => DateTime)
  to!: Date;
}

@ArgsType()
export class NeighboursArgs {
  @Field(() => NodeRef, { description: 'The node a cluster groups the neighbours of (its `clusterOf`).' })
  node!: NodeRef;

  @Field(() => LineageDirection, { description: 'UPSTREAM or DOWNSTREAM.' })
  direction!: LineageDirection;

  @Field(() => LineageGranularity, { nullable: true, defaultValue: LineageGranularity.DATASET })
  granularity?: LineageGranularity | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor from a previous page.' })
  after?: string | null;

  @Field(() => DateTime, { nullable: true })
  asOf?: Date | null;
}
