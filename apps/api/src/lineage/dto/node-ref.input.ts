import { Field, InputType } from '@nestjs/graphql';
import { NodeKind } from './lineage-enums.js';

@InputType({ description: 'A dataset, job or field by its name; `field` (a column path) only for FIELD.' })
export class NodeRef {
  @Field(() => NodeKind)
  kind!: NodeKind;

  @Field()
  namespace!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  field?: string | null;
}
