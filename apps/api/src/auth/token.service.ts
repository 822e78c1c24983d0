import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthTokenRepository, type StoredToken } from '../graph/auth-token.repository.js';
import { LOGGER } from '../logging/logger.js';
import { AuthException } from './auth.exception.js';
import { isValidPattern } from './namespace-pattern.js';
import { isRole, type Principal, type RoleBinding } from './principal.js';
import { generateToken, hashToken, looksLikeToken, parseDuration, sameHash } from './token-secret.js';

export type TokenView = {
  id: string;
  name: string;
  bindings: RoleBinding[];
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type CreateTokenRequest = {
  name: string;
  /** Validated here: a list of {role, namespace}. */
  bindings: unknown;
  /** Absolute RFC 3339 time, or a duration such as `30d` (exactly one of them, or neither for no expiry). */
  expiresAt?: string | undefined;
  expiresIn?: string | undefined;
};

const BOOTSTRAP_ID = 'bootstrap-admin';
/** A token found valid is trusted this long without asking Neo4j again; revocation here clears it at once. */
const CACHE_MS = 5_000;
const TOUCH_EVERY_MS = 60_000;
const RETRY_MS = 2_000;

type Cached = { principal: Principal; expiresAt: number | null; revoked: boolean; until: number };

@Injectable()
export class TokenService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly cache = new Map<string, Cached>();
  private readonly touched = new Map<string, number>();
  private readonly envAdminHash: string | undefined;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly tokens: AuthTokenRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.envAdminHash = config.auth.adminToken ? hashToken(config.auth.adminToken) : undefined;
  }

  onApplicationBootstrap(): void {
    if (!this.config.auth.enabled) {
      this.logger.warn(
        { host: this.config.host },
        'auth: TRIBUTARY_AUTH=off, every caller is an admin (loopback only)',
      );
    }
    // Neo4j may be down at start-up; the API still starts and keeps trying.
    void this.prepare();
  }

  onModuleDestroy(): void {
    if (this.retry) clearTimeout(this.retry);
  }

  private async prepare(): Promise<void> {
    try {
      await this.tokens.ensureSchema();
      if (this.config.auth.enabled && !this.envAdminHash) await this.bootstrapAdmin();
    } catch (error) {
      this.logger.warn({ err: errorText(error) }, 'auth: token store not ready, retrying');
      this.retry = setTimeout(() => void this.prepare(), RETRY_MS);
      this.retry.unref();
    }
  }

  /** The first start without TRIBUTARY_ADMIN_TOKEN makes an admin token and prints it once. */
  private async bootstrapAdmin(): Promise<void> {
    if (await this.tokens.hasActiveGlobalAdmin()) return;
    const token = generateToken();
    const created = await this.tokens.createBootstrap({
      id: BOOTSTRAP_ID,
      name: BOOTSTRAP_ID,
      hash: hashToken(token),
      bindings: serializeBindings([{ role: 'admin', namespace: '*' }]),
      createdBy: 'system',
      expiresAt: null,
    });
    // Deliberately not through the logger: log pipelines must never carry a secret.
    if (created) {
      process.stdout.write(
        `\ntributary: generated the admin API token (shown once, stored hashed):\n\n  ${token}\n\n` +
          'Use it as "Authorization: Bearer <token>" or sign in with it in the web UI; ' +
          'set TRIBUTARY_ADMIN_TOKEN to choose your own.\n\n',
      );
    }
  }

  /** The caller behind a raw token, or undefined for unknown, revoked or expired ones. */
  async authenticate(raw: string): Promise<Principal | undefined> {
    if (!looksLikeToken(raw)) return undefined;
    const hash = hashToken(raw);
    if (this.envAdminHash && sameHash(hash, this.envAdminHash)) {
      return {
        kind: 'bootstrap',
        id: 'env-admin',
        name: 'TRIBUTARY_ADMIN_TOKEN',
        bindings: [{ role: 'admin', namespace: '*' }],
      };
    }
    const now = Date.now();
    let entry = this.cache.get(hash);
    if (!entry || entry.until < now) {
      const stored = await this.tokens.getByHash(hash);
      if (!stored) {
        this.cache.delete(hash);
        return undefined;
      }
      entry = {
        principal: { kind: 'token', id: stored.id, name: stored.name, bindings: parseBindings(stored.bindings) },
        expiresAt: stored.expiresAt ? Date.parse(stored.expiresAt) : null,
        revoked: stored.revokedAt !== null,
        until: now + CACHE_MS,
      };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, entry);
    }
    if (entry.revoked || (entry.expiresAt !== null && entry.expiresAt <= now)) return undefined;
    this.noteUse(entry.principal.id, now);
    return entry.principal;
  }

  async create(request: CreateTokenRequest, actor: Principal): Promise<{ token: string; view: TokenView }> {
    const name = request.name.trim();
    if (name.length === 0 || name.length > 200) throw AuthException.badInput('name must be 1-200 characters');
    const bindings = validateBindings(request.bindings);
    const expiresAt = resolveExpiry(request);
    const token = generateToken();
    const id = randomUUID();
    const stored = await this.tokens.create(
      {
        id,
        name,
        hash: hashToken(token),
        bindings: serializeBindings(bindings),
        createdBy: actor.name,
        expiresAt,
      },
      { ...actorOf(actor), action: 'token.create', targetKind: 'ApiToken', targetId: id, before: null },
    );
    return { token, view: toView(stored) };
  }

  async list(): Promise<TokenView[]> {
    return (await this.tokens.list()).map(toView);
  }

  async revoke(id: string, actor: Principal): Promise<TokenView> {
    const revoked = await this.tokens.revoke(id, {
      ...actorOf(actor),
      action: 'token.revoke',
      targetKind: 'ApiToken',
      targetId: id,
    });
    if (!revoked) {
      const existing = await this.tokens.getById(id);
      if (!existing) throw AuthException.notFound(`no token with id ${JSON.stringify(id)}`);
      return toView(existing);
    }
    // Refused at once: forget every cached principal of this token.
    for (const [hash, entry] of this.cache) if (entry.principal.id === id) this.cache.delete(hash);
    return toView(revoked);
  }

  private noteUse(id: string, now: number): void {
    const last = this.touched.get(id) ?? 0;
    if (now - last < TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    this.tokens.touch(id).catch((error: unknown) => {
      this.logger.debug({ err: errorText(error) }, 'auth: could not record token use');
    });
  }
}

export function actorOf(principal: Principal): { actorId: string; actorName: string } {
  return { actorId: principal.id, actorName: principal.name };
}

function validateBindings(bindings: unknown): RoleBinding[] {
  if (!Array.isArray(bindings) || bindings.length === 0 || bindings.length > 100) {
    throw AuthException.badInput('bindings must be a list of 1-100 {role, namespace}');
  }
  return bindings.map((binding: unknown, index) => {
    const candidate = (binding ?? {}) as { role?: unknown; namespace?: unknown };
    if (!isRole(candidate.role)) {
      throw AuthException.badInput(`bindings[${index}].role must be one of viewer, producer, steward, admin`);
    }
    if (typeof candidate.namespace !== 'string' || !isValidPattern(candidate.namespace)) {
      throw AuthException.badInput(
        `bindings[${index}].namespace must be a namespace pattern such as postgres://sales-*`,
      );
    }
    return { role: candidate.role, namespace: candidate.namespace };
  });
}

function resolveExpiry(request: CreateTokenRequest): string | null {
  if (request.expiresAt && request.expiresIn) throw AuthException.badInput('give expiresAt or expiresIn, not both');
  if (request.expiresIn) {
    const ms = parseDuration(request.expiresIn);
    if (ms === undefined) throw AuthException.badInput('expiresIn must look like 30d, 12h, 90m or 2w');
    return new Date(Date.now() + ms).toISOString();
  }
  if (request.expiresAt) {
    const at = Date.parse(request.expiresAt);
    if (Number.isNaN(at)) throw AuthException.badInput('expiresAt must be an RFC 3339 time');
    if (at <= Date.now()) throw AuthException.badInput('expiresAt must be in the future');
    return new Date(at).toISOString();
  }
  return null;
}

/** Fixed key order, so the stored JSON can be matched as text (see AuthTokenRepository). */
function serializeBindings(bindings: readonly RoleBinding[]): string {
  return JSON.stringify(bindings.map(({ role, namespace }) => ({ role, namespace })));
}

function parseBindings(text: string): RoleBinding[] {
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed)
    ? parsed.filter(
        (b): b is RoleBinding =>
          typeof b === 'object' &&
          b !== null &&
          isRole((b as RoleBinding).role) &&
          typeof (b as RoleBinding).namespace === 'string',
      )
    : [];
}

function toView(stored: StoredToken): TokenView {
  return {
    id: stored.id,
    name: stored.name,
    bindings: parseBindings(stored.bindings),
    createdAt: stored.createdAt,
    createdBy: stored.createdBy,
    expiresAt: stored.expiresAt,
    lastUsedAt: stored.lastUsedAt,
    revokedAt: stored.revokedAt,
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}
