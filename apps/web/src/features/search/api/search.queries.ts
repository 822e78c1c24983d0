import type { NodeKind } from '../../../api/types.js';

export type SearchHit = {
  kind: NodeKind;
  namespace: string;
  name: string;
  field?: string | null;
  description?: string | null;
};

export type SearchResult = { search: { items: SearchHit[] } };

export const SEARCH = /* GraphQL */ `
  query Search($text: String!, $first: Int) {
    search(text: $text, first: $first) {
      items {
        kind
        namespace
        name
        field
        description
      }
    }
  }
`;
