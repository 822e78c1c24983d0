// Real parts: graphql-js validation against the API's printed schema
// (apps/api/schema.graphql). Covers the documents the UI builds at run time,
// which codegen cannot see as written.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import { changeMutation, GOVERNANCE, type GovernanceChange } from '../features/governance/api/governance.queries.js';
import { lineageQuery, splitLineageQuery } from '../features/lineage-graph/api/lineage.queries.js';
import { runStatesQuery } from '../features/lineage-graph/utils/run-states.js';
import type { LineageNode } from './types.js';

const schemaFile = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'api', 'schema.graphql');
const schema = buildSchema(readFileSync(schemaFile, 'utf8'));

function errorsOf(document: string): string[] {
  return validate(schema, parse(document)).map((error) => error.message);
}

const node = { kind: 'DATASET' as const, namespace: 'n', name: 'd' };
const changes: GovernanceChange[] = [
  { op: 'setDescription', description: 'x' },
  { op: 'setOwners', owners: [{ name: 'team:x', type: null }] },
  { op: 'setTags', tags: ['a'] },
  { op: 'classify', classification: 'PII', level: 3 },
  { op: 'declassify', classification: 'PII' },
  { op: 'assignGlossaryTerm', term: 't' },
  { op: 'unassignGlossaryTerm', term: 't' },
  { op: 'blockPropagation' },
  { op: 'unblockPropagation' },
];

describe('operations built at run time validate against the schema', () => {
  const jobs: LineageNode[] = [
    { id: 'job:a', kind: 'JOB', namespace: 'n', name: 'a', label: 'a' },
    { id: 'job:b', kind: 'JOB', namespace: 'n', name: 'b', label: 'b' },
  ];
  const documents: Array<[string, string]> = [
    ['lineage', lineageQuery(false)],
    ['lineage as of', lineageQuery(true)],
    ['split lineage', splitLineageQuery(false)],
    ['split lineage as of', splitLineageQuery(true)],
    ['governance', GOVERNANCE],
    ['run states', runStatesQuery(jobs).query],
    ...changes.map((change): [string, string] => [change.op, changeMutation(node, change).query]),
  ];
  for (const [name, document] of documents) {
    it(name, () => assert.deepEqual(errorsOf(document), []));
  }

  it('would notice a field the schema does not have', () => {
    assert.notDeepEqual(errorsOf('query { lineage(node: {kind: JOB, namespace: "n", name: "j"}) { nope } }'), []);
  });

  it('sends variables named as the mutations declare them', () => {
    for (const change of changes) {
      const { query, variables } = changeMutation(node, change);
      const declared = [...query.matchAll(/\$(\w+):/g)].map((match) => match[1]).sort();
      assert.deepEqual(Object.keys(variables).sort(), declared, change.op);
    }
  });
});
