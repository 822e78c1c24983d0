import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';

export type AuthErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED';

/**
 * Domain error of auth, tokens, governance and audit; mapped once to HTTP and
 * GraphQL by AuthExceptionFilter. An HttpException underneath, so a
 * controller's own catch-all filter (the intake's) still answers its status.
 */
export class AuthException extends HttpException {
  override readonly name = 'AuthException';
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super({ error: message, message }, httpStatusOf(code));
  }
  static badInput(message: string): AuthException {
    return new AuthException('BAD_USER_INPUT', message);
  }
  static notFound(message: string): AuthException {
    return new AuthException('NOT_FOUND', message);
  }
  /** Never says why: an attacker learns nothing from the difference between a wrong and a revoked token. */
  static unauthenticated(): AuthException {
    return new AuthException('UNAUTHENTICATED', 'unauthorized');
  }
  static forbidden(message = 'forbidden'): AuthException {
    return new AuthException('FORBIDDEN', message);
  }
}

export function httpStatusOf(code: AuthErrorCode): number {
  switch (code) {
    case 'BAD_USER_INPUT':
      return 400;
    case 'NOT_FOUND':
      return 404;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'RATE_LIMITED':
      return 429;
    default:
      return assertUnreachable(code);
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`unhandled auth error code ${String(value)}`);
}

@Catch(AuthException)
export class AuthExceptionFilter implements ExceptionFilter<AuthException> {
  catch(error: AuthException, host: ArgumentsHost): unknown {
    const status = httpStatusOf(error.code);
    if (host.getType<string>() === 'graphql') {
      return new GraphQLError(error.message, { extensions: { code: error.code, http: { status } } });
    }
    const res = host.switchToHttp().getResponse<Response>();
    if (error.code === 'UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer');
    if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(status).json({ error: error.message });
    return undefined;
  }
}
