import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { NodeKind } from '../../lineage/dto/lineage-enums.js';

@ArgsType()
export class SearchArgs {
  @Field()
  text!: string;

  @Field(() => [NodeKind], { nullable: true, description: 'Only these kinds; all when absent.' })
  kinds?: NodeKind[] | null;

  @Field(() => String, { nullable: true })
  namespace?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, 1 to 100.' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ObjectType()
export class SearchHit {
  @Field(() => ID)
  id!: string;

  @Field(() => NodeKind)
  kind!: NodeKind;

  @Field()
  namespace!: string;

  @Field({ description: 'Dataset or job name; for a field, its dataset.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Column path, for FIELD hits.' })
  field!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Float)
  score!: number;
}

@ObjectType()
export class SearchResult {
  @Field(() => [SearchHit])
  items!: SearchHit[];

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field()
  hasNextPage!: boolean;
}
