import type { NodeKind, NodeRef } from '../../../api/types.js';

export type GovernanceSource = 'PRODUCER' | 'STEWARD';
export type Owner = { name: string; type?: string | null };
export type ClassificationAssignment = {
  name: string;
  level?: number | null;
  inherited: boolean;
  sourceId?: string | null;
  path: string[];
  setBy?: string | null;
  setAt?: string | null;
};
export type GlossaryTerm = { name: string; definition?: string | null };
export type Governance = {
  id: string;
  kind: NodeKind;
  namespace: string;
  name: string;
  field?: string | null;
  description?: string | null;
  descriptionSource?: GovernanceSource | null;
  owners: Owner[];
  ownersSource?: GovernanceSource | null;
  tags: string[];
  tagsSource?: GovernanceSource | null;
  classifications: ClassificationAssignment[];
  glossaryTerms: GlossaryTerm[];
  propagationBlocked: string[];
};

const FIELDS = /* GraphQL */ `
  id
  kind
  namespace
  name
  field
  description
  descriptionSource
  owners {
    name
    type
  }
  ownersSource
  tags
  tagsSource
  classifications {
    name
    level
    inherited
    sourceId
    path
    setBy
    setAt
  }
  glossaryTerms {
    name
    definition
  }
  propagationBlocked
`;

export const GOVERNANCE = /* GraphQL */ `
  query Governance($node: NodeRef!) {
    governance(node: $node) {${FIELDS}}
    glossaryTerms {
      name
      definition
    }
  }
`;

/** Every change answers the node's governance as it now stands. */
export type GovernanceChange =
  | { op: 'setDescription'; description: string | null }
  | { op: 'setOwners'; owners: Owner[] | null }
  | { op: 'setTags'; tags: string[] | null }
  | { op: 'classify'; classification: string; level: number }
  | { op: 'declassify'; classification: string }
  | { op: 'assignGlossaryTerm'; term: string }
  | { op: 'unassignGlossaryTerm'; term: string }
  | { op: 'blockPropagation' }
  | { op: 'unblockPropagation' };

/** The mutation and variables of one change on `node`. */
export function changeMutation(node: NodeRef, change: GovernanceChange): { query: string; variables: object } {
  const mutation = (args: string, decl: string, variables: object) => ({
    query: `mutation Change($node: NodeRef!${decl}) { change: ${change.op}(${args}) {${FIELDS}} }`,
    variables: { node, ...variables },
  });
  switch (change.op) {
    case 'setDescription':
      return mutation('node: $node, description: $value', ', $value: String', { value: change.description });
    case 'setOwners':
      return mutation('node: $node, owners: $value', ', $value: [OwnerInput!]', {
        value: change.owners?.map((owner) => ({ name: owner.name, type: owner.type ?? null })) ?? null,
      });
    case 'setTags':
      return mutation('node: $node, tags: $value', ', $value: [String!]', { value: change.tags });
    case 'classify':
      return mutation('node: $node, classification: $name, level: $level', ', $name: String!, $level: Int!', {
        name: change.classification,
        level: change.level,
      });
    case 'declassify':
      return mutation('node: $node, classification: $name', ', $name: String!', { name: change.classification });
    case 'assignGlossaryTerm':
    case 'unassignGlossaryTerm':
      return mutation('node: $node, term: $term', ', $term: String!', { term: change.term });
    case 'blockPropagation':
    case 'unblockPropagation':
      return mutation('field: $node', '', {});
  }
}
