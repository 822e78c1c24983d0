import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSchema, isEnumType, isInputObjectType, isObjectType, type GraphQLField } from 'graphql';
import { enumsAreSelfValued } from './compiled-execution.js';
import { buildAppSchema, buildSchemaSdl, readCheckedInSchema } from './print-schema.js';

test('apps/api/schema.graphql matches the schema the code builds (node apps/api/dist/schema/print-schema.js rewrites it)', async () => {
  assert.equal(readCheckedInSchema(), await buildSchemaSdl());
});

function signature(field: GraphQLField<unknown, unknown> | undefined): Record<string, string> {
  assert.ok(field, 'field missing');
  const out: Record<string, string> = { '': String(field.type) };
  for (const arg of field.args) {
    out[arg.name] =
      arg.defaultValue === undefined ? String(arg.type) : `${String(arg.type)} = ${String(arg.defaultValue)}`;
  }
  return out;
}

test('the fixed contract of issue 4 holds: names, types and defaults', async () => {
  const schema = buildSchema(await buildSchemaSdl());
  const query = schema.getQueryType()!.getFields();
  const lineage = signature(query.lineage);
  assert.deepEqual(
    { ...lineage, asOf: undefined, clusterThreshold: undefined },
    {
      '': 'LineageGraph!',
      node: 'NodeRef!',
      direction: 'LineageDirection = BOTH',
      depth: 'Int = 3',
      granularity: 'LineageGranularity = DATASET',
      includeJobs: 'Boolean = true',
      limit: 'Int = 500',
      asOf: undefined,
      clusterThreshold: undefined,
    },
  );
  const impact = signature(query.impact);
  assert.equal(impact[''], 'ImpactReport!');
  assert.equal(impact.targets, '[NodeRef!]!');
  assert.equal(impact.depth, 'Int = 10');
  assert.equal(impact.granularity, 'LineageGranularity = DATASET');

  const fields = (name: string): Record<string, string> => {
    const type = schema.getType(name);
    assert.ok(isObjectType(type) || isInputObjectType(type), `${name} is not an object type`);
    return Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, String(field.type)]));
  };
  const pick = (all: Record<string, string>, keys: string[]): Record<string, string | undefined> =>
    Object.fromEntries(keys.map((key) => [key, all[key]]));
  assert.deepEqual(pick(fields('NodeRef'), ['kind', 'namespace', 'name', 'field']), {
    kind: 'NodeKind!',
    namespace: 'String!',
    name: 'String!',
    field: 'String',
  });
  assert.deepEqual(pick(fields('LineageNode'), ['id', 'kind', 'namespace', 'name', 'field', 'label']), {
    id: 'ID!',
    kind: 'NodeKind!',
    namespace: 'String!',
    name: 'String!',
    field: 'String',
    label: 'String!',
  });
  assert.deepEqual(pick(fields('LineageEdge'), ['id', 'source', 'target', 'kind']), {
    id: 'ID!',
    source: 'ID!',
    target: 'ID!',
    kind: 'String!',
  });
  assert.deepEqual(pick(fields('LineageGraph'), ['nodes', 'edges', 'truncated']), {
    nodes: '[LineageNode!]!',
    edges: '[LineageEdge!]!',
    truncated: 'Boolean!',
  });
  assert.deepEqual(pick(fields('ImpactedItem'), ['node', 'distance', 'path']), {
    node: 'LineageNode!',
    distance: 'Int!',
    path: '[ID!]!',
  });
  assert.deepEqual(pick(fields('ImpactReport'), ['items', 'totalDatasets', 'totalFields', 'totalJobs', 'truncated']), {
    items: '[ImpactedItem!]!',
    totalDatasets: 'Int!',
    totalFields: 'Int!',
    totalJobs: 'Int!',
    truncated: 'Boolean!',
  });
  const enumValues = (name: string): string[] => {
    const type = schema.getType(name);
    assert.ok(isEnumType(type), `${name} is not an enum`);
    return type
      .getValues()
      .map((value) => value.name)
      .sort();
  };
  assert.deepEqual(enumValues('NodeKind'), ['DATASET', 'FIELD', 'JOB']);
  assert.deepEqual(enumValues('LineageDirection'), ['BOTH', 'DOWNSTREAM', 'UPSTREAM']);
  assert.deepEqual(enumValues('LineageGranularity'), ['COLUMN', 'DATASET']);
});

test("the app's enums are self-valued, so graphql-jit may hand their values on unserialized", async () => {
  const schema = await buildAppSchema();
  const enums = Object.values(schema.getTypeMap()).filter((type) => isEnumType(type) && !type.name.startsWith('__'));
  assert.ok(enums.length >= 5, 'the app schema has its enums');
  assert.equal(enumsAreSelfValued(schema), true);
});
