import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Inject } from '@nestjs/common';
import { Plugin } from '@nestjs/apollo';
import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode, visit } from 'graphql';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

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
        if (operation && countRootFields(operation) > MAX_ROOT_FIELDS) {
          throw refuse(`query selects more than ${MAX_ROOT_FIELDS} root fields`, 'TOO_MANY_ROOT_FIELDS');
        }
      },
    };
  }
}
