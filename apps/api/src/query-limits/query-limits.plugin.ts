import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLError } from 'graphql';
import { MAX_QUERY_COMPLEXITY, MAX_QUERY_DEPTH, measureOperation } from './query-cost.js';

/** Refuses over-deep or over-large GraphQL operations before they execute. */
@Plugin()
export class QueryLimitsPlugin implements ApolloServerPlugin {
  async requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
    return {
      async didResolveOperation({ document, operation }) {
        if (!operation) return;
        const cost = measureOperation(document, operation);
        if (cost.depth > MAX_QUERY_DEPTH) {
          throw new GraphQLError(`query depth ${cost.depth} exceeds the maximum of ${MAX_QUERY_DEPTH}`, {
            extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_DEEP', http: { status: 400 } },
          });
        }
        if (cost.complexity > MAX_QUERY_COMPLEXITY) {
          throw new GraphQLError(`query selects more than ${MAX_QUERY_COMPLEXITY} fields`, {
            extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
          });
        }
      },
    };
  }
}
