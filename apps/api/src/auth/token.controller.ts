import { Controller, Delete, Get, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { AuthException } from './auth.exception.js';
import { objectBody, optionalString, readJsonBody } from './json-body.js';
import type { Principal } from './principal.js';
import { CurrentPrincipal, RequireRole } from './request-principal.js';
import { TokenService, type TokenView } from './token.service.js';

/** Token administration for the CLI (`tributary token ...`); see README.md in this folder. */
@Controller('api/v1/tokens')
@RequireRole('global-admin')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post()
  async create(@Req() req: Request, @CurrentPrincipal() actor: Principal): Promise<TokenView & { token: string }> {
    const body = objectBody(await readJsonBody(req));
    const name = optionalString(body, 'name');
    if (!name) throw AuthException.badInput('name is required');
    const { token, view } = await this.tokens.create(
      {
        name,
        bindings: bindingsOf(body),
        expiresAt: optionalString(body, 'expiresAt'),
        expiresIn: optionalString(body, 'expiresIn'),
      },
      actor,
    );
    return { token, ...view };
  }

  @Get()
  async list(): Promise<{ tokens: TokenView[] }> {
    return { tokens: await this.tokens.list() };
  }

  @Delete(':id')
  async revoke(@Param('id') id: string, @CurrentPrincipal() actor: Principal): Promise<TokenView> {
    return this.tokens.revoke(id, actor);
  }
}

/** `bindings: [{role, namespace}]`, or the CLI's shorthand `role` + `namespace`. */
function bindingsOf(body: Record<string, unknown>): unknown {
  if (body.bindings !== undefined) return body.bindings;
  const role = optionalString(body, 'role');
  const namespace = optionalString(body, 'namespace');
  if (!role || !namespace) throw AuthException.badInput('give bindings: [{role, namespace}], or role and namespace');
  return [{ role, namespace }];
}
