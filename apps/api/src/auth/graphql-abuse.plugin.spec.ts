import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { countAliases, countRootFields, MAX_TOTAL_DEPTH, totalDepth } from './graphql-abuse.plugin.js';

function operationOf(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  return { document, operation };
}

describe('GraphQL abuse limits', () => {
  it('counts aliases everywhere, fragments included', () => {
    const { document } = operationOf('{ a: me { n: name } ...F } fragment F on Query { b: me { name } }');
    assert.equal(countAliases(document), 3);
  });

  it('counts root fields, duplicates included', () => {
    const { operation } = operationOf(`{ ${'me { name } '.repeat(21)} }`);
    assert.equal(countRootFields(operation), 21);
  });

  it('measures depth through fragments and introspection, and survives fragment cycles', () => {
    const nested = (n: number): string => (n === 0 ? 'name' : `fields { type { ${nested(n - 1)} } }`);
    const { document, operation } = operationOf(`{ __type(name: "Query") { ${nested(12)} } }`);
    assert.ok(totalDepth(document, operation) > MAX_TOTAL_DEPTH);
    const cyclic = operationOf('{ ...A } fragment A on Query { me { name } ...B } fragment B on Query { ...A }');
    assert.equal(totalDepth(cyclic.document, cyclic.operation), 2);
  });
});
