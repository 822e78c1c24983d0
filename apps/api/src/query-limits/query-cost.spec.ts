import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { MAX_QUERY_COMPLEXITY, measureOperation } from './query-cost.js';

const cost = (source: string) => {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  return measureOperation(document, operation);
};

test('depth counts nested selections through fragments; introspection is free', () => {
  assert.deepEqual(cost('{ a { b { c } } }'), { depth: 3, complexity: 3 });
  assert.deepEqual(cost('query { a { ...F } } fragment F on T { b { c { d } } }'), { depth: 4, complexity: 4 });
  assert.deepEqual(cost('{ __schema { types { fields { type { ofType { name } } } } } a }'), {
    depth: 1,
    complexity: 1,
  });
});

test('aliased copies add up, so a wide query exceeds the complexity cap', () => {
  const fields = Array.from({ length: MAX_QUERY_COMPLEXITY + 5 }, (_, i) => `f${i}: a`).join(' ');
  assert.ok(cost(`{ ${fields} }`).complexity > MAX_QUERY_COMPLEXITY);
});

test('a fragment that spreads itself does not loop', () => {
  assert.equal(cost('query { a { ...F } } fragment F on T { b ...F }').depth, 2);
});
