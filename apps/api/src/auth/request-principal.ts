import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AuthException } from './auth.exception.js';
import type { Principal, Role } from './principal.js';

// A WeakMap rather than a property on the request: no global type augmentation,
// and nothing a client can set by sending a field of the same name.
const principals = new WeakMap<object, Principal>();

export function setPrincipal(req: object, principal: Principal): void {
  principals.set(req, principal);
}

export function principalOf(req: object): Principal | undefined {
  return principals.get(req);
}

/** The HTTP request behind a REST handler or a GraphQL resolver. */
export function requestOf(context: ExecutionContext): object {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: object }>().req;
  }
  return context.switchToHttp().getRequest<object>();
}

export const IS_PUBLIC = 'tributary:public';
export const REQUIRED_ROLE = 'tributary:required-role';

/** Reachable without credentials. Decided per handler, so no spelling of a path can borrow it. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * Refuse before the handler runs unless the caller holds `role` somewhere
 * ('global-admin': admin on `*`). Per-namespace checks stay in the services.
 */
export const RequireRole = (role: Role | 'global-admin'): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLE, role);

/** The authenticated caller of a REST handler or GraphQL resolver (the global AuthGuard guarantees one). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(requestOf(context));
  if (!principal) throw AuthException.unauthenticated();
  return principal;
});
