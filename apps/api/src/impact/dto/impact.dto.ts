import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTime } from '../../schema/date-time.scalar.js';
import { LineageGranularity, TransformationKind } from '../../lineage/dto/lineage-enums.js';
import { LineageNode } from '../../lineage/dto/lineage-graph.dto.js';
import { NodeRef } from '../../lineage/dto/node-ref.input.js';

export const MAX_IMPACT_DEPTH = 20;
export const MAX_IMPACT_ITEMS = 20_000;

@ArgsType()
export class ImpactArgs {
  @Field(() => [NodeRef])
  targets!: NodeRef[];

  @Field(() => Int, { nullable: true, defaultValue: 10, description: `1 to ${MAX_IMPACT_DEPTH}.` })
  depth?: number | null;

  @Field(() => LineageGranularity, {
    nullable: true,
    defaultValue: LineageGranularity.DATASET,
    description: 'COLUMN follows column lineage only: the precise impact of changing the target columns.',
  })
  granularity?: LineageGranularity | null;

  @Field(() => DateTime, { nullable: true, description: 'Impact as the lineage stood at this time.' })
  asOf?: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Ignore lineage edges not seen by any run in the last N days (stale lineage).',
  })
  staleAfterDays?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 5_000, description: `Most items, 1 to ${MAX_IMPACT_ITEMS}.` })
  limit?: number | null;
}

@ObjectType()
export class ImpactedItem {
  @Field(() => LineageNode)
  node!: LineageNode;

  @Field(() => Int, { description: 'Datasets (fields in COLUMN granularity) from the nearest target.' })
  distance!: number;

  @Field(() => [ID], { description: 'Node ids from the target to this item.' })
  path!: string[];

  @Field(() => [String], { description: 'Owners of the dataset or job (of the field’s dataset).' })
  owners!: string[];

  @Field(() => [String])
  tags!: string[];

  @Field(() => [String], { description: 'Classification labels (e.g. PII); empty until governance assigns any.' })
  classifications!: string[];

  @Field(() => DateTime, { nullable: true, description: 'End of the latest successful run writing it.' })
  lastSuccessfulRunAt!: Date | null;

  @Field(() => [LineageNode], { description: 'Jobs on the path from the target.' })
  jobs!: LineageNode[];

  @Field(() => TransformationKind, {
    nullable: true,
    description: 'Strongest column transformation on the path (COLUMN granularity); null when unknown.',
  })
  strongestTransformation!: TransformationKind | null;
}

@ObjectType({ description: 'Impacted items counted by one namespace or owner.' })
export class ImpactTotal {
  @Field()
  key!: string;

  @Field(() => Int)
  datasets!: number;

  @Field(() => Int)
  fields!: number;

  @Field(() => Int)
  jobs!: number;
}

@ObjectType()
export class ImpactReport {
  @Field(() => [ImpactedItem])
  items!: ImpactedItem[];

  @Field(() => Int)
  totalDatasets!: number;

  @Field(() => Int)
  totalFields!: number;

  @Field(() => Int)
  totalJobs!: number;

  @Field()
  truncated!: boolean;

  @Field(() => [ImpactTotal])
  byNamespace!: ImpactTotal[];

  @Field(() => [ImpactTotal], { description: 'Items without an owner count under "(none)".' })
  byOwner!: ImpactTotal[];
}
