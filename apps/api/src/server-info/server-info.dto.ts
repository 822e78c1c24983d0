import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The running Tributary server and the graph store it talks to.' })
export class ServerInfo {
  @Field({ description: 'Tributary API version.' })
  version!: string;

  @Field({ description: '"up" when Neo4j answers, else "down".' })
  neo4jStatus!: string;

  @Field(() => String, { nullable: true, description: 'Neo4j server version, when it answers.' })
  neo4jVersion!: string | null;
}
