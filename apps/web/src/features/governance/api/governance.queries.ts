import type { NodeRef } from '../../../api/types.js';
import type { GovernanceFieldsFragment, GovernanceQuery } from '../../../api/generated/graphql.js';

export type { GovernanceSource } from '../../../api/generated/graphql.js';
export type Governance = GovernanceFieldsFragment;
export type Owner = Governance['owners'][number];
export type ClassificationAssignment = Governance['classifications'][number];
export type GlossaryTerm = GovernanceQuery['glossaryTerms'][number];

export const GOVERNANCE_FIELDS = /* GraphQL */ `
  fragment GovernanceFields on Governance {
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
  }
`;

const GOVERNANCE_QUERY = /* GraphQL */ `
  query Governance($node: NodeRef!) {
    governance(node: $node) {
      ...GovernanceFields
    }
    glossaryTerms {
      name
      definition
    }
  }
`;

export const GOVERNANCE = GOVERNANCE_QUERY + GOVERNANCE_FIELDS;

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

const SET_DESCRIPTION = /* GraphQL */ `
  mutation SetDescription($node: NodeRef!, $description: String) {
    change: setDescription(node: $node, description: $description) {
      ...GovernanceFields
    }
  }
`;
const SET_OWNERS = /* GraphQL */ `
  mutation SetOwners($node: NodeRef!, $owners: [OwnerInput!]) {
    change: setOwners(node: $node, owners: $owners) {
      ...GovernanceFields
    }
  }
`;
const SET_TAGS = /* GraphQL */ `
  mutation SetTags($node: NodeRef!, $tags: [String!]) {
    change: setTags(node: $node, tags: $tags) {
      ...GovernanceFields
    }
  }
`;
const CLASSIFY = /* GraphQL */ `
  mutation Classify($node: NodeRef!, $classification: String!, $level: Int!) {
    change: classify(node: $node, classification: $classification, level: $level) {
      ...GovernanceFields
    }
  }
`;
const DECLASSIFY = /* GraphQL */ `
  mutation Declassify($node: NodeRef!, $classification: String!) {
    change: declassify(node: $node, classification: $classification) {
      ...GovernanceFields
    }
  }
`;
const ASSIGN_TERM = /* GraphQL */ `
  mutation AssignGlossaryTerm($node: NodeRef!, $term: String!) {
    change: assignGlossaryTerm(node: $node, term: $term) {
      ...GovernanceFields
    }
  }
`;
const UNASSIGN_TERM = /* GraphQL */ `
  mutation UnassignGlossaryTerm($node: NodeRef!, $term: String!) {
    change: unassignGlossaryTerm(node: $node, term: $term) {
      ...GovernanceFields
    }
  }
`;
// Blocks every classification ('*', the API's default) at the column.
const BLOCK = /* GraphQL */ `
  mutation BlockPropagation($node: NodeRef!) {
    change: blockPropagation(field: $node) {
      ...GovernanceFields
    }
  }
`;
const UNBLOCK = /* GraphQL */ `
  mutation UnblockPropagation($node: NodeRef!) {
    change: unblockPropagation(field: $node) {
      ...GovernanceFields
    }
  }
`;

/** The mutation and variables of one change on `node`. */
export function changeMutation(node: NodeRef, change: GovernanceChange): { query: string; variables: object } {
  const withFields = (query: string, variables: object = {}) => ({
    query: query + GOVERNANCE_FIELDS,
    variables: { node, ...variables },
  });
  switch (change.op) {
    case 'setDescription':
      return withFields(SET_DESCRIPTION, { description: change.description });
    case 'setOwners':
      return withFields(SET_OWNERS, {
        owners: change.owners?.map((owner) => ({ name: owner.name, type: owner.type ?? null })) ?? null,
      });
    case 'setTags':
      return withFields(SET_TAGS, { tags: change.tags });
    case 'classify':
      return withFields(CLASSIFY, { classification: change.classification, level: change.level });
    case 'declassify':
      return withFields(DECLASSIFY, { classification: change.classification });
    case 'assignGlossaryTerm':
      return withFields(ASSIGN_TERM, { term: change.term });
    case 'unassignGlossaryTerm':
      return withFields(UNASSIGN_TERM, { term: change.term });
    case 'blockPropagation':
      return withFields(BLOCK);
    case 'unblockPropagation':
      return withFields(UNBLOCK);
  }
}
