import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTime } from '../../schema/date-time.scalar.js';
import { NodeName } from '../../catalog/dto/catalog.dto.js';

@ObjectType({ description: 'A run in the activity feed: its job, state, times and the datasets it wrote.' })
export class RecentRun {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'START, RUNNING, COMPLETE, FAIL, ABORT or OTHER.' })
  state!: string;

  @Field(() => DateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  endedAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Time of the latest event of the run.' })
  lastEventTime!: Date | null;

  @Field(() => Float, { nullable: true, description: 'endedAt − startedAt in milliseconds, when both are known.' })
  durationMs!: number | null;

  @Field(() => String, { nullable: true })
  errorMessage!: string | null;

  @Field()
  jobNamespace!: string;

  @Field()
  jobName!: string;

  @Field(() => [NodeName], { description: 'Datasets the run wrote (restricted placeholders outside your namespaces).' })
  outputs!: NodeName[];
}

@ArgsType()
export class RecentRunsArgs {
  @Field(() => Int, { defaultValue: 20, description: '1 to 100.' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'Only runs of jobs in this namespace.' })
  namespace?: string | null;
}

@ObjectType({ description: 'Tags and classifications of one lineage node.' })
export class NodeTags {
  @Field(() => ID)
  id!: string;

  @Field(() => [String], { description: 'Steward tags when set, else the producer tags.' })
  tags!: string[];

  @Field(() => [String], { description: 'Effective classifications, those inherited along column lineage included.' })
  classifications!: string[];
}
