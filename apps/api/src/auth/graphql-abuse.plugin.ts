import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Inject } from '@nestjs/common';
import { Plugin } from '@nestjs/apollo';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** Nesting of every field, introspection included (the query-limits plugin leaves `__` fields free). */
export const MAX_TOTAL_DEPTH = 20;

export function totalDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walk = (set: SelectionSetNode, depth: number, visiting: Set<string>): number => {
    let deepest = depth;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(
          deepest,
          selection.selectionSet ? walk(selection.selectionSet, depth + 1, visiting) : depth + 1,
        );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, walk(selection.selectionSet, depth, visiting));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visiting.has(selection.name.value)) continue;
        visiting.add(selection.name.value);
        deepest = Math.max(deepest, walk(fragment.selectionSet, depth, visiting));
        visiting.delete(selection.name.value);
      }
      if (deepest > MAX_TOTAL_DEPTH) return deepest;
    }
    return deepest;
  };
  return walk(operation.selectionSet, 0, new Set());
}

/** Root fields in one operation: each can be a whole traversal, so many of them are batching by another name. */
export const MAX_ROOT_FIELDS = 20;

export function countAliases(document: DocumentNode): number {
  let aliases = 0;
  visit(document, {
    Field(node) {
      if (node.alias) aliases += 1;
    },
  });
  return aliases;
}

/** Fragments at the root count once each; their own root fields are counted by depth limits' size measure. */
export function countRootFields(operation: OperationDefinitionNode): number {
  return operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD).length;
}

function refuse(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason, http: { status: 400 } } });
}

/**
 * Alias and root-field limits, checked on the parsed document before
 * anything runs (depth and size are the query-limits plugin's). HTTP
 * batching (a JSON array of operations) stays off, Apollo's default.
 */
@Plugin()
export class GraphqlAbusePlugin implements ApolloServerPlugin {
  private readonly maxAliases: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.maxAliases = config.graphqlLimits.maxAliases;
  }

  async requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
    const maxAliases = this.maxAliases;
    return {
      async didResolveOperation({ document, operation }) {
        const aliases = countAliases(document);
        if (aliases > maxAliases) {
          throw refuse(`query uses ${aliases} aliases, more than the maximum of ${maxAliases}`, 'TOO_MANY_ALIASES');
        }
        if (operation && totalDepth(document, operation) > MAX_TOTAL_DEPTH) {
          throw refuse(`query nests deeper than ${MAX_TOTAL_DEPTH} levels`, 'QUERY_TOO_DEEP');
        }
        if (operation && countRootFields(operation) > MAX_ROOT_FIELDS) {
          throw refuse(`query selects more than ${MAX_ROOT_FIELDS} root fields`, 'TOO_MANY_ROOT_FIELDS');
        }
      },
    };
  }
}
