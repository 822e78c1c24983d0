import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LOGGER } from '../logging/logger.js';
import { ANONYMOUS_ADMIN } from './principal.js';
import { principalOf, setPrincipal } from './request-principal.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { TokenService } from './token.service.js';

/**
 * Authenticates every request (who is calling); AuthGuard decides per
 * handler whether that is enough. GraphQL is refused here already without
 * credentials, so not even the schema is visible to strangers.
 */
@Injectable()
export class AuthMiddleware implements NestMiddleware {
  constructor(
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (!this.config.auth.enabled) {
      setPrincipal(req, ANONYMOUS_ADMIN);
      return next();
    }
    const credential = credentialOf(req);
    if (credential) {
      try {
        const principal = await this.tokens.authenticate(credential);
        if (principal) setPrincipal(req, principal);
      } catch (error) {
        // The token store is down: nobody can be authenticated, which is a 503, not a 401.
        this.logger.warn(
          { err: error instanceof Error ? error.message.split('\n')[0] : String(error) },
          'auth: token lookup failed',
        );
        res.status(503).setHeader('Retry-After', '5').json({ error: 'authentication unavailable, retry later' });
        return;
      }
    }
    if (isGraphqlPath(req.originalUrl) && !principalOf(req)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized' });
      return;
    }
    next();
  }
}

/** `Authorization: Bearer <token>` first (producers, CLI), else the UI's session cookie; a malformed header counts as a wrong token. */
export function credentialOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(header);
    return match?.[1] ?? 'malformed';
  }
  return cookieValue(req.headers.cookie, SESSION_COOKIE);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return 'malformed';
      }
    }
  }
  return undefined;
}

/** From the original URL: inside a mounted middleware `req.path` is relative to the mount point. */
function isGraphqlPath(url: string): boolean {
  return /^\/+graphql(\/|\?|#|$)/i.test(url);
}
