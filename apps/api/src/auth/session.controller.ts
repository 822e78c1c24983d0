import { Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthException } from './auth.exception.js';
import { objectBody, optionalString, readJsonBody } from './json-body.js';
import type { Principal } from './principal.js';
import { CurrentPrincipal, Public } from './request-principal.js';
import { clearedSessionCookie, sessionCookie } from './session-cookie.js';
import { SignInRateLimiter } from './sign-in-rate-limiter.js';
import { TokenService } from './token.service.js';

export type SessionView = { name: string; kind: Principal['kind']; bindings: Principal['bindings'] };

/** The web UI's sign-in: a token in, an HttpOnly SameSite cookie out. */
@Controller('api/v1/auth/session')
export class SessionController {
  constructor(
    private readonly tokens: TokenService,
    private readonly limiter: SignInRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post()
  @HttpCode(200)
  async signIn(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    const wait = this.limiter.attempt(req.socket.remoteAddress ?? 'unknown');
    if (wait !== undefined) throw new AuthException('RATE_LIMITED', 'too many sign-in attempts, retry later', wait);
    const token = optionalString(objectBody(await readJsonBody(req)), 'token');
    if (!token) throw AuthException.badInput('token is required');
    const principal = await this.tokens.authenticate(token);
    if (!principal) throw AuthException.unauthenticated();
    res.setHeader('Set-Cookie', sessionCookie(token, this.config.env === 'production'));
    return view(principal);
  }

  @Get()
  whoAmI(@CurrentPrincipal() principal: Principal): SessionView {
    return view(principal);
  }

  @Public()
  @Delete()
  @HttpCode(204)
  signOut(@Res({ passthrough: true }) res: Response): void {
    res.setHeader('Set-Cookie', clearedSessionCookie(this.config.env === 'production'));
  }
}

function view(principal: Principal): SessionView {
  return { name: principal.name, kind: principal.kind, bindings: principal.bindings };
}
