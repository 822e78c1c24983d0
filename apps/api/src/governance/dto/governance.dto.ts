import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NodeKind } from '../../lineage/dto/lineage-enums.js';
import { LineageNode } from '../../lineage/dto/lineage-graph.dto.js';

export enum GovernanceSource {
  PRODUCER = 'PRODUCER',
  STEWARD = 'STEWARD',
}
registerEnumType(GovernanceSource, {
  name: 'GovernanceSource',
  description:
    'Where a governance value came from: an OpenLineage facet (PRODUCER) or a steward edit here (STEWARD, wins).',
});

@ObjectType()
export class Owner {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'e.g. person or team, as the ownership facet spells it.' })
  type!: string | null;
}

@InputType()
export class OwnerInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  type?: string | null;
}

@ObjectType({ description: 'A classification on a node, set directly or inherited along column lineage.' })
export class ClassificationAssignment {
  @Field()
  name!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Level set by the steward (1 lowest to 5 highest); for an inherited one, the level at its source.',
  })
  level!: number | null;

  @Field({ description: 'True when it reached this column through column lineage.' })
  inherited!: boolean;

  @Field(() => ID, { nullable: true, description: 'For an inherited classification: the directly classified column.' })
  sourceId!: string | null;

  @Field(() => [ID], { description: 'Column ids from the source to this column (empty when direct).' })
  path!: string[];

  @Field(() => String, { nullable: true })
  setBy!: string | null;

  @Field(() => String, { nullable: true })
  setAt!: string | null;
}

@ObjectType()
export class GlossaryTerm {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  definition!: string | null;
}

@ObjectType({
  description: 'Owners, description, tags, classifications and glossary terms of a dataset, job or column.',
})
export class Governance {
  @Field(() => ID)
  id!: string;

  @Field(() => NodeKind)
  kind!: NodeKind;

  @Field()
  namespace!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  field!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => GovernanceSource, { nullable: true })
  descriptionSource!: GovernanceSource | null;

  @Field(() => [Owner])
  owners!: Owner[];

  @Field(() => GovernanceSource, { nullable: true })
  ownersSource!: GovernanceSource | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => GovernanceSource, { nullable: true })
  tagsSource!: GovernanceSource | null;

  @Field(() => [ClassificationAssignment])
  classifications!: ClassificationAssignment[];

  @Field(() => [GlossaryTerm])
  glossaryTerms!: GlossaryTerm[];

  @Field(() => [String], {
    description: 'Classifications a steward stopped from propagating into this column (* = all).',
  })
  propagationBlocked!: string[];
}

@ObjectType()
export class ClassificationFlowItem {
  @Field(() => LineageNode, { description: 'The column reached (a restricted placeholder outside your namespaces).' })
  node!: LineageNode;

  @Field(() => Int, { description: 'Column lineage edges from the source; 0 for a directly classified column.' })
  distance!: number;

  @Field(() => ID)
  sourceId!: string;

  @Field(() => [ID], { description: 'Column ids from the source to this column.' })
  path!: string[];

  @Field(() => [ID], { description: 'Jobs along the path, one per edge.' })
  jobs!: string[];

  @Field(() => [Owner], { description: "Owners of the column's dataset." })
  owners!: Owner[];
}

@ObjectType({ description: 'Where a classification flows: every column it reaches through current column lineage.' })
export class ClassificationFlow {
  @Field()
  classification!: string;

  @Field(() => [ClassificationFlowItem])
  items!: ClassificationFlowItem[];

  @Field(() => Int, { description: 'Columns reached, the sources included.' })
  totalFields!: number;

  @Field(() => Int)
  totalDatasets!: number;

  @Field(() => Int, { description: 'How many of the items are restricted placeholders.' })
  restrictedFields!: number;

  @Field({
    description: 'Whether INDIRECT column lineage (filters, joins) propagates too (TRIBUTARY_PROPAGATE_INDIRECT).',
  })
  includesIndirect!: boolean;
}
