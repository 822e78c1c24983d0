import { Catch, Inject } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { GraphReadTimeoutError, GraphUnavailableError } from '../graph/read/read-errors.js';
import { LOGGER } from '../logging/logger.js';
import { LineageErrorCode, LineageException } from './lineage.errors.js';

function assertUnreachable(value: never): never {
  throw new Error(`unhandled lineage error code ${String(value)}`);
}

function toGraphQLError(error: LineageException): GraphQLError {
  switch (error.code) {
    case LineageErrorCode.UNKNOWN_NODE:
    case LineageErrorCode.INVALID_ARGUMENT:
      return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', reason: error.code } });
    case LineageErrorCode.QUERY_TIMEOUT:
      return new GraphQLError(error.message, { extensions: { code: 'QUERY_TIMEOUT' } });
    case LineageErrorCode.GRAPH_UNAVAILABLE:
      return new GraphQLError(error.message, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    default:
      return assertUnreachable(error.code);
  }
}

/**
 * The one place where errors of the read API become GraphQL errors with
 * `extensions.code`; anything unexpected is logged and reported without detail.
 */
@Catch()
export class LineageErrorFilter implements GqlExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown): GraphQLError {
    if (exception instanceof LineageException) return toGraphQLError(exception);
    if (exception instanceof GraphReadTimeoutError) {
      return toGraphQLError(new LineageException(LineageErrorCode.QUERY_TIMEOUT, exception.message));
    }
    if (exception instanceof GraphUnavailableError) {
      return toGraphQLError(new LineageException(LineageErrorCode.GRAPH_UNAVAILABLE, exception.message));
    }
    if (exception instanceof GraphQLError) return exception;
    this.logger.error({ err: exception, context: 'graphql' }, 'unexpected error in a lineage query');
    return new GraphQLError('internal error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}
