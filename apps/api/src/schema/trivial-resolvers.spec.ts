import 'reflect-metadata';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Field, GraphQLSchemaBuilderModule, GraphQLSchemaFactory, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { graphql, isObjectType, type GraphQLSchema } from 'graphql';
import { withoutTrivialResolvers } from './compiled-execution.js';

@ObjectType()
class Shelf {
  @Field()
  name!: string;

  @Field(() => [String])
  books!: string[];

  @Field()
  label!: string;
}

@Resolver(() => Shelf)
class ShelfResolver {
  @Query(() => Shelf)
  shelf(): Omit<Shelf, 'label'> {
    return { name: 'fiction', books: ['Dune'] };
  }
}

@Module({ imports: [GraphQLSchemaBuilderModule] })
class SchemaModule {}

/**
 * The schema as Nest's schema builder makes it, then with a field resolver
 * attached the way GraphQLFactory attaches @ResolveField methods (it replaces
 * the property resolver of that field).
 */
async function nestSchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.createApplicationContext(SchemaModule, { logger: false });
  try {
    const schema = await app.get(GraphQLSchemaFactory).create([ShelfResolver]);
    shelfFields(schema)['label']!.resolve = (shelf: Shelf) => `shelf ${shelf.name}`;
    return schema;
  } finally {
    await app.close();
  }
}

function shelfFields(schema: GraphQLSchema) {
  const type = schema.getType('Shelf');
  assert.ok(isObjectType(type));
  return type.getFields();
}

test("Nest's property resolvers are dropped; field resolvers stay, and the answer is the same", async () => {
  const schema = await nestSchema();
  const query = '{ shelf { name books label } }';
  // The builder alone attaches no root resolvers: the root value answers `shelf`.
  const rootValue = { shelf: { name: 'fiction', books: ['Dune'] } };
  const before = await graphql({ schema, source: query, rootValue });
  // If a Nest upgrade renamed its property resolver, this fails instead of the speed-up silently going away.
  assert.equal(typeof shelfFields(schema)['name']?.resolve, 'function');

  const stripped = withoutTrivialResolvers(schema);
  assert.equal(shelfFields(stripped)['name']?.resolve, undefined);
  assert.equal(shelfFields(stripped)['books']?.resolve, undefined);
  assert.equal(typeof shelfFields(stripped)['label']?.resolve, 'function');

  const after = await graphql({ schema: stripped, source: query, rootValue });
  assert.deepEqual(after, before);
  assert.deepEqual(JSON.parse(JSON.stringify(after.data)), {
    shelf: { name: 'fiction', books: ['Dune'], label: 'shelf fiction' },
  });
});
