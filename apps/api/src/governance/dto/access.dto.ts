import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

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

  @Field(() => Int, { nullable: true, description: 'Place in the hash chain; null for entries older than the chain.' })
  seq!: number | null;

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

@ObjectType({ description: 'Where the audit hash chain first fails to verify.' })
export class AuditChainBreak {
  @Field(() => ID, { nullable: true, description: 'The entry that fails; null when entries at the end are missing.' })
  entryId!: string | null;

  @Field(() => Int)
  seq!: number;

  @Field()
  reason!: string;
}

@ObjectType({ description: 'The audit log recomputed entry by entry against its hash chain.' })
export class AuditChainReport {
  @Field({ description: 'True when every chained entry and the chain head verify.' })
  ok!: boolean;

  @Field(() => Int, { description: 'Entries verified before the first break (all of them when ok).' })
  checkedEntries!: number;

  @Field(() => Int, { description: 'Entries written before the chain existed; not verifiable.' })
  unchainedEntries!: number;

  @Field(() => Int, { nullable: true })
  headSeq!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Hash of the last entry; record it elsewhere to detect a rewrite of the whole chain.',
  })
  headHash!: string | null;

  @Field(() => AuditChainBreak, { nullable: true })
  firstBroken!: AuditChainBreak | null;
}
