import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { NodeKind } from './lineage-enums.js';

@ObjectType({ description: 'A namespace and name, e.g. another name of a symlinked dataset.' })
export class QualifiedName {
  @Field()
  namespace!: string;

  @Field()
  name!: string;
}

@ObjectType({ description: 'A dataset, job or field in a lineage graph, or a cluster standing for many of them.' })
export class LineageNode {
  @Field(() => ID, { description: 'Stable across calls.' })
  id!: string;

  @Field(() => NodeKind, { description: 'For a cluster, the kind of its members.' })
  kind!: NodeKind;

  @Field()
  namespace!: string;

  @Field({ description: 'Dataset or job name; for a field, the name of its dataset.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Column path, only for FIELD.' })
  field!: string | null;

  @Field()
  label!: string;

  @Field(() => Int, { nullable: true, description: 'Set on a cluster node: how many members it stands for.' })
  clusterSize!: number | null;

  @Field(() => ID, { nullable: true, description: 'Set on a cluster node: the node whose neighbours it groups.' })
  clusterOf!: string | null;

  @Field(() => [QualifiedName], { description: 'Other datasets merged into this node through symlinks.' })
  aliases!: QualifiedName[];
}

@ObjectType()
export class LineageEdge {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  source!: string;

  @Field(() => ID)
  target!: string;

  @Field({
    description:
      'INPUT_TO (dataset→job), OUTPUTS (job→dataset), DERIVES (dataset→dataset when jobs are hidden), FEEDS (field→field), HAS_FIELD (dataset→field).',
  })
  kind!: string;

  @Field(() => ID, { nullable: true, description: 'For FEEDS: the job that computes the target column.' })
  job!: string | null;
}

@ObjectType()
export class LineageGraph {
  @Field(() => [LineageNode])
  nodes!: LineageNode[];

  @Field(() => [LineageEdge])
  edges!: LineageEdge[];

  @Field({ description: 'True when `limit` stopped the traversal before `depth`.' })
  truncated!: boolean;
}

@ObjectType({ description: 'What changed in a lineage graph between two times.' })
export class LineageDiff {
  @Field(() => [LineageNode])
  addedNodes!: LineageNode[];

  @Field(() => [LineageNode])
  removedNodes!: LineageNode[];

  @Field(() => [LineageEdge])
  addedEdges!: LineageEdge[];

  @Field(() => [LineageEdge])
  removedEdges!: LineageEdge[];

  @Field()
  truncated!: boolean;
}
