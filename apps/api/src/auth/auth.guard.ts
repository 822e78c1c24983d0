import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessPolicy } from './access-policy.js';
import { AuthException } from './auth.exception.js';
import type { Role } from './principal.js';
import { IS_PUBLIC, principalOf, REQUIRED_ROLE, requestOf } from './request-principal.js';

/**
 * Global guard on every REST handler and GraphQL root field: deny unless the
 * handler is @Public() or AuthMiddleware attached a principal.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: AccessPolicy,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const principal = principalOf(requestOf(context));
    if (!principal) throw AuthException.unauthenticated();
    const required = this.reflector.getAllAndOverride<Role | 'global-admin' | undefined>(REQUIRED_ROLE, targets);
    if (required === 'global-admin' && !this.policy.isGlobalAdmin(principal)) {
      throw AuthException.forbidden('requires an admin token for namespace *');
    }
    if (required && required !== 'global-admin' && !this.policy.hasRoleAnywhere(principal, required)) {
      throw AuthException.forbidden(`requires the ${required} role`);
    }
    return true;
  }
}
