import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export const MAX_QUERY_DEPTH = 12;
export const MAX_QUERY_COMPLEXITY = 2_000;

export interface QueryCost {
  depth: number;
  /** Field selections after fragment expansion; introspection fields are free. */
  complexity: number;
}

/**
 * Depth and size of one operation, measured on the document before anything
 * runs, so a deeply nested or fragment-bombed query costs no database work.
 */
export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  let complexity = 0;
  const walk = (set: SelectionSetNode, depth: number, visiting: Set<string>): number => {
    let deepest = depth;
    for (const selection of set.selections) {
      if (complexity > MAX_QUERY_COMPLEXITY) return deepest;
      switch (selection.kind) {
        case Kind.FIELD: {
          if (selection.name.value.startsWith('__')) break;
          complexity += 1;
          if (selection.selectionSet) deepest = Math.max(deepest, walk(selection.selectionSet, depth + 1, visiting));
          else deepest = Math.max(deepest, depth + 1);
          break;
        }
        case Kind.INLINE_FRAGMENT:
          deepest = Math.max(deepest, walk(selection.selectionSet, depth, visiting));
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || visiting.has(name)) break;
          visiting.add(name);
          deepest = Math.max(deepest, walk(fragment.selectionSet, depth, visiting));
          visiting.delete(name);
          break;
        }
        default:
          break;
      }
    }
    return deepest;
  };
  const depth = walk(operation.selectionSet, 0, new Set());
  return { depth, complexity };
}
