import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RunSummary } from '../../catalog/dto/catalog.dto.js';
import { LineageNode } from '../../lineage/dto/lineage-graph.dto.js';
import { NodeRef } from '../../lineage/dto/node-ref.input.js';

export enum RootCauseReason {
  FAILED = 'FAILED',
  RUNNING_LONG = 'RUNNING_LONG',
  SLOWER_THAN_USUAL = 'SLOWER_THAN_USUAL',
  OVERDUE = 'OVERDUE',
}

registerEnumType(RootCauseReason, {
  name: 'RootCauseReason',
  description:
    'FAILED: latest run failed or aborted; RUNNING_LONG: still running past 1.5× its median duration; SLOWER_THAN_USUAL: took over 1.5× its median; OVERDUE: no run for over 1.5× its median interval.',
});

@ArgsType()
export class RootCauseArgs {
  @Field(() => NodeRef, { description: 'The dataset with bad or missing data (a job works too).' })
  dataset!: NodeRef;

  @Field(() => Int, { nullable: true, defaultValue: 5, description: 'Upstream datasets to look through, 1 to 20.' })
  depth?: number | null;
}

@ObjectType()
export class RootCauseCandidate {
  @Field(() => LineageNode)
  job!: LineageNode;

  @Field(() => Int, { description: 'Datasets between the job and the dataset (1: it writes the dataset).' })
  distance!: number;

  @Field(() => [ID], { description: 'Node ids from the dataset up to the job.' })
  path!: string[];

  @Field(() => [RootCauseReason])
  reasons!: RootCauseReason[];

  @Field(() => RunSummary, { nullable: true })
  latestRun!: RunSummary | null;

  @Field(() => Float, { nullable: true })
  usualDurationMs!: number | null;

  @Field(() => Float, { nullable: true })
  usualIntervalMs!: number | null;
}
