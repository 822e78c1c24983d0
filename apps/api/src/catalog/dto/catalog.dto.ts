import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTime } from '../../schema/date-time.scalar.js';
import { GraphQLJSON } from '../json.scalar.js';

@ObjectType()
export class NamespaceInfo {
  @Field()
  name!: string;

  @Field(() => Int)
  datasetCount!: number;

  @Field(() => Int)
  jobCount!: number;
}

@ObjectType({ description: 'A dataset or job by name.' })
export class NodeName {
  @Field(() => ID)
  id!: string;

  @Field()
  namespace!: string;

  @Field()
  name!: string;
}

@ObjectType({ description: 'A column of a dataset.' })
export class Column {
  @Field(() => ID, { nullable: true, description: 'Null for columns of a past schema version.' })
  id!: string | null;

  @Field({ description: 'Dotted path for nested fields.' })
  path!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  type!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Int, { nullable: true })
  ordinal!: number | null;

  @Field(() => [String])
  tags!: string[];
}

@ObjectType()
export class SchemaDiff {
  @Field(() => [String])
  added!: string[];

  @Field(() => [String])
  removed!: string[];

  @Field(() => [String], { description: 'Fields whose type changed.' })
  retyped!: string[];
}

@ObjectType()
export class SchemaVersion {
  @Field({ description: 'Schema hash.' })
  version!: string;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => String, { nullable: true })
  runId!: string | null;

  @Field(() => [Column])
  fields!: Column[];

  @Field(() => SchemaDiff, { nullable: true, description: 'Against the previous version; null for the first.' })
  diff!: SchemaDiff | null;
}

@ObjectType()
export class RunSummary {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'START, RUNNING, COMPLETE, FAIL, ABORT or OTHER.' })
  state!: string;

  @Field(() => DateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  endedAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'endedAt − startedAt in milliseconds, when both are known.' })
  durationMs!: number | null;

  @Field(() => String, { nullable: true })
  errorMessage!: string | null;

  @Field(() => String, { nullable: true })
  jobNamespace!: string | null;

  @Field(() => String, { nullable: true })
  jobName!: string | null;
}

@ObjectType()
export class RunPage {
  @Field(() => [RunSummary])
  items!: RunSummary[];

  @Field(() => Int)
  totalCount!: number;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}

@ObjectType()
export class Dataset {
  @Field(() => ID)
  id!: string;

  @Field()
  namespace!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  sourceName!: string | null;

  @Field(() => String, { nullable: true })
  sourceUri!: string | null;

  @Field(() => [String])
  owners!: string[];

  @Field(() => [String])
  tags!: string[];

  @Field(() => [String])
  classifications!: string[];

  @Field(() => [Column])
  fields!: Column[];

  @Field(() => [SchemaVersion], { description: 'Oldest first, each with its diff against the one before.' })
  versions!: SchemaVersion[];

  @Field(() => [NodeName], { description: 'Jobs that currently write it.' })
  producers!: NodeName[];

  @Field(() => [NodeName], { description: 'Jobs that currently read it.' })
  consumers!: NodeName[];

  @Field(() => [RunSummary], { description: 'Latest runs that wrote it, newest first.' })
  latestRuns!: RunSummary[];

  @Field(() => GraphQLJSON, { nullable: true, description: 'Every facet by key.' })
  facets!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  qualityAssertions!: unknown;

  @Field(() => Float, { nullable: true })
  lastRowCount!: number | null;

  @Field(() => Float, { nullable: true })
  lastByteSize!: number | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  updatedAt!: Date | null;
}

@ObjectType()
export class Job {
  @Field(() => ID)
  id!: string;

  @Field()
  namespace!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  jobType!: string | null;

  @Field(() => String, { nullable: true })
  processingType!: string | null;

  @Field(() => String, { nullable: true })
  integration!: string | null;

  @Field(() => String, { nullable: true })
  sql!: string | null;

  @Field(() => String, { nullable: true })
  sqlDialect!: string | null;

  @Field(() => String, { nullable: true })
  sourceCodeLanguage!: string | null;

  @Field(() => String, { nullable: true })
  sourceCode!: string | null;

  @Field(() => String, { nullable: true })
  sourceCodeUrl!: string | null;

  @Field(() => [String])
  owners!: string[];

  @Field(() => [String])
  tags!: string[];

  @Field(() => [NodeName], { description: 'Datasets it currently reads.' })
  inputs!: NodeName[];

  @Field(() => [NodeName], { description: 'Datasets it currently writes.' })
  outputs!: NodeName[];

  @Field(() => NodeName, { nullable: true })
  parent!: NodeName | null;

  @Field(() => [NodeName])
  children!: NodeName[];

  @Field(() => RunSummary, { nullable: true })
  latestRun!: RunSummary | null;

  @Field(() => GraphQLJSON, { nullable: true })
  facets!: unknown;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  updatedAt!: Date | null;
}

@ObjectType()
export class Run extends RunSummary {
  @Field(() => NodeName, { nullable: true })
  job!: NodeName | null;

  @Field(() => [NodeName])
  inputs!: NodeName[];

  @Field(() => [NodeName])
  outputs!: NodeName[];

  @Field(() => DateTime, { nullable: true })
  nominalStartTime!: Date | null;

  @Field(() => DateTime, { nullable: true })
  nominalEndTime!: Date | null;

  @Field(() => String, { nullable: true })
  processingEngine!: string | null;

  @Field(() => String, { nullable: true })
  processingEngineVersion!: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  facets!: unknown;
}

@ArgsType()
export class NameArgs {
  @Field()
  namespace!: string;

  @Field()
  name!: string;
}

@ArgsType()
export class RunPageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, 1 to 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
