import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum RoleName {
  viewer = 'viewer',
  producer = 'producer',
  steward = 'steward',
  admin = 'admin',
}
registerEnumType(RoleName, { name: 'Role' });

@ObjectType('RoleBinding')
export class RoleBindingView {
  @Field(() => RoleName)
  role!: RoleName;

  @Field({ description: 'Namespace glob: * any characters, ? one.' })
  namespace!: string;
}

@InputType()
export class RoleBindingInput {
  @Field(() => RoleName)
  role!: RoleName;

  @Field()
  namespace!: string;
}

@ObjectType('ApiToken', { description: 'An API token without its secret.' })
export class ApiTokenView {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [RoleBindingView])
  bindings!: RoleBindingView[];

  @Field()
  createdAt!: string;

  @Field()
  createdBy!: string;

  @Field(() => String, { nullable: true })
  expiresAt!: string | null;

  @Field(() => String, { nullable: true })
  lastUsedAt!: string | null;

  @Field(() => String, { nullable: true })
  revokedAt!: string | null;
}

@ObjectType()
export class CreatedApiToken {
  @Field({ description: 'The secret, shown this once; only its SHA-256 is stored.' })
  token!: string;

  @Field(() => ApiTokenView)
  apiToken!: ApiTokenView;
}

@InputType()
export class CreateApiTokenInput {
  @Field()
  name!: string;

  @Field(() => [RoleBindingInput])
  bindings!: RoleBindingInput[];

  @Field(() => String, { nullable: true, description: 'e.g. 30d, 12h, 90m, 2w.' })
  expiresIn?: string | null;

  @Field(() => String, { nullable: true, description: 'RFC 3339.' })
  expiresAt?: string | null;
}

@ObjectType({ description: 'The caller.' })
export class Me {
  @Field()
  name!: string;

  @Field({ description: 'token, bootstrap (TRIBUTARY_ADMIN_TOKEN) or anonymous (TRIBUTARY_AUTH=off).' })
  kind!: string;

  @Field(() => [RoleBindingView])
  bindings!: RoleBindingView[];
}

@ObjectType({ description: 'One governance change or token action; append-only.' })
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field()
  at!: string;

  @Field()
  actorId!: string;

  @Field()
  actorName!: string;

  @Field()
  action!: string;

  @Field()
  targetKind!: string;

  @Field()
  targetId!: string;

  @Field(() => String, { nullable: true, description: 'JSON of the value before the change.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'JSON of the value after the change.' })
  after!: string | null;
}
