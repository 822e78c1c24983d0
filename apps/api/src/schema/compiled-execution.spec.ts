import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApolloServer } from '@apollo/server';
import {
  GraphQLEnumType,
  GraphQLError,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { CompiledExecutionGateway, enumsAreSelfValued, firstDifference } from './compiled-execution.js';

// Fields declared out of order: the gateway serves them sorted.
const Item = new GraphQLObjectType({
  name: 'Item',
  fields: {
    label: { type: new GraphQLNonNull(GraphQLString), resolve: (item: { id: string }) => `item ${item.id}` },
    id: { type: new GraphQLNonNull(GraphQLID) },
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Item))),
        args: { count: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: (_root, args: { count: number }) => Array.from({ length: args.count }, (_, i) => ({ id: String(i) })),
      },
      refused: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('not yours', { extensions: { code: 'FORBIDDEN' } });
        },
      },
      broken: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('a bug');
        },
      },
      missing: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
    },
  }),
});

let server: ApolloServer;

before(async () => {
  const gateway = new CompiledExecutionGateway();
  gateway.takeSchema(schema);
  server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
  await server.start();
});

after(() => server.stop());

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await server.executeOperation({ query, variables });
  assert.equal(response.body.kind, 'single');
  return { http: response.http.status, ...(response.body.kind === 'single' ? response.body.singleResult : {}) };
}

test('answers come from the compiled query, resolvers and arguments included', async () => {
  const result = await run('query ($n: Int!) { items(count: $n) { id label } }', { n: 3 });
  assert.deepEqual(result.data, {
    items: [
      { id: '0', label: 'item 0' },
      { id: '1', label: 'item 1' },
      { id: '2', label: 'item 2' },
    ],
  });
  assert.equal(result.errors, undefined);
});

test('a variable of the wrong type is BAD_USER_INPUT with HTTP 400, as with graphql-js', async () => {
  const result = await run('query ($n: Int!) { items(count: $n) { id } }', { n: 'three' });
  assert.equal(result.http, 400);
  assert.equal(result.data, undefined);
  assert.equal(result.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
  assert.match(result.errors?.[0]?.message ?? '', /Variable "\$n" got invalid value "three"/);
});

test('a resolver error keeps its code; a plain exception and a null in a non-null field get INTERNAL_SERVER_ERROR', async () => {
  const coded = await run('{ refused }');
  assert.equal(coded.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
  assert.deepEqual(coded.errors?.[0]?.path, ['refused']);

  const failing = await run('{\n  broken\n}');
  assert.equal(failing.errors?.[0]?.extensions?.['code'], 'INTERNAL_SERVER_ERROR');
  assert.deepEqual(failing.errors?.[0]?.locations, [{ line: 2, column: 3 }]);
  assert.equal(failing.errors?.[0]?.extensions?.['stacktrace'], undefined);

  const missing = await run('{ missing }');
  assert.equal(missing.errors?.[0]?.extensions?.['code'], 'INTERNAL_SERVER_ERROR');
  assert.match(missing.errors?.[0]?.message ?? '', /non-nullable/);
});

test('the schema is served sorted, as schema.graphql prints it', async () => {
  const result = await run('{ __type(name: "Item") { fields { name } } }');
  assert.deepEqual(result.data, { __type: { fields: [{ name: 'id' }, { name: 'label' }] } });
});

// A resolver that breaks its DTO's type: serialize() would turn the number into a string.
const loose = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      name: { type: GraphQLString, resolve: () => 42 },
      fine: { type: new GraphQLNonNull(GraphQLString), resolve: () => 'fine' },
    },
  }),
});

async function serve(target: GraphQLSchema, leafCheck: boolean, query: string) {
  const gateway = new CompiledExecutionGateway({ leafCheck });
  gateway.takeSchema(target);
  const apollo = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
  await apollo.start();
  try {
    const response = await apollo.executeOperation({ query });
    assert.equal(response.body.kind, 'single');
    return response.body.kind === 'single' ? response.body.singleResult : {};
  } finally {
    await apollo.stop();
  }
}

test('built-in scalars go out as resolvers return them; GRAPHQL_LEAF_CHECK reports where serializing would differ', async () => {
  assert.deepEqual((await serve(loose, false, '{ name fine }')).data, { name: 42, fine: 'fine' });
  const checked = await serve(loose, true, '{ name fine }');
  assert.equal(checked.data, undefined);
  assert.equal(checked.errors?.[0]?.extensions?.['code'], 'INTERNAL_SERVER_ERROR');
  assert.match(checked.errors?.[0]?.message ?? '', /GRAPHQL_LEAF_CHECK: .* at \/name$/);
  assert.deepEqual((await serve(loose, true, '{ fine }')).data, { fine: 'fine' });
});

test('an enum whose internal values are not its names keeps serialization', async () => {
  const Color = new GraphQLEnumType({ name: 'Color', values: { RED: { value: 'r' }, BLUE: { value: 'b' } } });
  const colored = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { color: { type: Color, resolve: () => 'b' }, name: { type: GraphQLString, resolve: () => 42 } },
    }),
  });
  assert.equal(enumsAreSelfValued(colored), false);
  assert.equal(enumsAreSelfValued(schema), true);
  // The whole operation is serialized then, the String included.
  assert.deepEqual((await serve(colored, false, '{ color name }')).data, { color: 'BLUE', name: '42' });
});

test('firstDifference compares answers as JSON writes them', () => {
  assert.equal(firstDifference({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }, ''), null);
  assert.equal(firstDifference({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] }, ''), '/a/1/b');
  assert.equal(firstDifference({ a: 1 }, { a: 1, extra: null }, ''), '/extra');
  assert.equal(
    firstDifference({ when: '2026-01-01T00:00:00.000Z' }, { when: new Date(Date.UTC(2026, 0, 1)) }, ''),
    null,
  );
  assert.equal(firstDifference({ list: [] }, { list: {} }, ''), '/list');
  assert.equal(firstDifference({ when: new Date(0) }, { when: new Date(1) }, ''), '/when');
});
