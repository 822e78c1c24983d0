import { Global, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuditController } from '../audit/audit.controller.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthTokenRepository } from '../graph/auth-token.repository.js';
import { NodeNamespaceRepository } from '../graph/auth-node-namespace.repository.js';
import { GovernanceAuditRepository } from '../graph/governance-audit.repository.js';
import { AccessPolicy } from './access-policy.js';
import { AuthExceptionFilter } from './auth.exception.js';
import { AuthGuard } from './auth.guard.js';
import { GraphqlAbusePlugin } from './graphql-abuse.plugin.js';
import { AuthMiddleware } from './auth.middleware.js';
import { SessionController } from './session.controller.js';
import { SignInRateLimiter } from './sign-in-rate-limiter.js';
import { TokenController } from './token.controller.js';
import { TokenService } from './token.service.js';

/**
 * Authentication (tokens, sessions) and the global guard. Global so that any
 * feature module can inject AccessPolicy without importing this one.
 */
@Global()
@Module({
  controllers: [SessionController, TokenController, AuditController],
  providers: [
    AccessPolicy,
    TokenService,
    SignInRateLimiter,
    AuthTokenRepository,
    NodeNamespaceRepository,
    GovernanceAuditRepository,
    AuditService,
    GraphqlAbusePlugin,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: AuthExceptionFilter },
  ],
  exports: [AccessPolicy, NodeNamespaceRepository, TokenService, GovernanceAuditRepository, AuditService],
})
export class AuthModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuthMiddleware).forRoutes('{*path}');
  }
}
