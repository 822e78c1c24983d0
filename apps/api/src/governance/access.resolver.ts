import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal, RequireRole } from '../auth/request-principal.js';
import { TokenService, type TokenView } from '../auth/token.service.js';
import {
  ApiTokenView,
  AuditChainReport,
  AuditEntry,
  CreateApiTokenInput,
  CreatedApiToken,
  Me,
  RoleName,
} from './dto/access.dto.js';

function tokenView(view: TokenView): ApiTokenView {
  return { ...view, bindings: view.bindings.map((b) => ({ role: RoleName[b.role], namespace: b.namespace })) };
}

/** Tokens, the caller and the audit log over GraphQL (the same rules as the REST routes). */
@Resolver()
export class AccessResolver {
  constructor(
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {}

  @Query(() => Me, { description: 'Who is calling, with which role bindings.' })
  me(@CurrentPrincipal() principal: Principal): Me {
    return {
      name: principal.name,
      kind: principal.kind,
      bindings: principal.bindings.map((b) => ({ role: RoleName[b.role], namespace: b.namespace })),
    };
  }

  @RequireRole('global-admin')
  @Query(() => [ApiTokenView])
  async apiTokens(): Promise<ApiTokenView[]> {
    return (await this.tokens.list()).map(tokenView);
  }

  @RequireRole('global-admin')
  @Mutation(() => CreatedApiToken)
  async createApiToken(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateApiTokenInput,
  ): Promise<CreatedApiToken> {
    const { token, view } = await this.tokens.create(
      {
        name: input.name,
        bindings: input.bindings.map((b) => ({ role: b.role, namespace: b.namespace })),
        expiresIn: input.expiresIn ?? undefined,
        expiresAt: input.expiresAt ?? undefined,
      },
      principal,
    );
    return { token, apiToken: tokenView(view) };
  }

  @RequireRole('global-admin')
  @Mutation(() => ApiTokenView)
  async revokeApiToken(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ApiTokenView> {
    return tokenView(await this.tokens.revoke(id, principal));
  }

  @RequireRole('global-admin')
  @Query(() => [AuditEntry], { description: 'Governance changes and token actions, newest first (admins on * only).' })
  async auditLog(
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
    @Args('before', { type: () => String, nullable: true }) before: string | null,
    @Args('action', { type: () => String, nullable: true }) action: string | null,
    @Args('targetId', { type: () => String, nullable: true }) targetId: string | null,
    @Args('actorId', { type: () => String, nullable: true }) actorId: string | null,
  ): Promise<AuditEntry[]> {
    const entries = await this.audit.list({
      first,
      before: before ?? undefined,
      action: action ?? undefined,
      targetId: targetId ?? undefined,
      actorId: actorId ?? undefined,
    });
    return entries.map((entry) => ({
      ...entry,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
    }));
  }

  @RequireRole('global-admin')
  @Query(() => AuditChainReport, {
    description: 'Recomputes the audit log hash chain and reports the first entry that fails (admins on * only).',
  })
  async verifyAuditLog(): Promise<AuditChainReport> {
    return this.audit.verify();
  }
}
