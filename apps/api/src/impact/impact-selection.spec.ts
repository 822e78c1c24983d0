import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSchema, graphql } from 'graphql';
import { impactSelection, type ImpactSelection } from './impact-selection.js';

const schema = buildSchema(`
  type Node { id: ID! }
  type Item { node: Node!, path: [ID!]!, owners: [String!]!, tags: [String!]!, classifications: [String!]!,
              lastSuccessfulRunAt: String, jobs: [Node!]!, strongestTransformation: String }
  type Total { key: String! }
  type Report { items: [Item!]!, byNamespace: [Total!]!, byOwner: [Total!]!, totalFields: Int! }
  type Query { impact: Report! }
`);

/** The selection impactSelection reads from the resolve info of a real execution of `source`. */
async function selectionOf(source: string): Promise<ImpactSelection> {
  let seen: ImpactSelection | undefined;
  const result = await graphql({
    schema,
    source,
    rootValue: {
      impact: (_args: unknown, _context: unknown, info: Parameters<typeof impactSelection>[0]) => {
        seen = impactSelection(info);
        return { items: [], byNamespace: [], byOwner: [], totalFields: 0 };
      },
    },
  });
  assert.equal(result.errors, undefined);
  return seen!;
}

test('only what the query names is computed: the impact page asks neither jobs nor totals', async () => {
  assert.deepEqual(
    await selectionOf('{ impact { totalFields items { node { id } path owners lastSuccessfulRunAt } } }'),
    {
      owners: true,
      tags: false,
      classifications: false,
      lastSuccess: true,
      jobs: false,
      paths: true,
      transformation: false,
      byNamespace: false,
      byOwner: false,
    },
  );
});

test('totals by owner need the owners even when the items do not show them', async () => {
  const selection = await selectionOf('{ impact { items { node { id } } byOwner { key } } }');
  assert.equal(selection.owners, true);
  assert.equal(selection.byOwner, true);
  assert.equal(selection.paths, false);
});

test('fields asked through named and inline fragments count', async () => {
  const selection = await selectionOf(`
    query { impact { ...Report } }
    fragment Report on Report { items { ...ItemFields ... on Item { jobs { id } } } byNamespace { key } }
    fragment ItemFields on Item { tags classifications strongestTransformation }
  `);
  assert.deepEqual(selection, {
    owners: false,
    tags: true,
    classifications: true,
    lastSuccess: false,
    jobs: true,
    paths: false,
    transformation: true,
    byNamespace: true,
    byOwner: false,
  });
});
