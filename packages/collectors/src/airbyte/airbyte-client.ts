import { backoffDelay, parseRetryAfter, sleep } from '../delivery/backoff.js';
import type {
  AirbyteConnection,
  AirbyteDestination,
  AirbyteJob,
  AirbyteJobInfo,
  AirbytePage,
  AirbyteSource,
  AirbyteStreamProperties,
  AirbyteWorkspace,
} from './airbyte-types.js';

export type AirbyteAuth = { token: string } | { clientId: string; clientSecret: string };

export interface AirbyteClientOptions {
  /** Base of the public API, e.g. https://api.airbyte.com/v1 or http://localhost:8000/api/public/v1. */
  url: string;
  /**
   * Base of the Configuration API of a self-hosted Airbyte (e.g. http://localhost:8000/api/v1),
   * optional: it adds per-stream rows and bytes and failure messages the public API lacks.
   */
  configUrl?: string;
  auth: AirbyteAuth;
  /** Items per page (1-100, default 100). */
  pageSize?: number;
  /** Attempts after the first for 429, 5xx and network errors (default 5). */
  retries?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  timeoutMs?: number;
  /** Told about every retry, so a CLI can show why it is waiting. */
  onRetry?: (info: { url: string; reason: string; waitMs: number }) => void;
}

export type AirbyteErrorKind = 'auth' | 'not-found' | 'client' | 'server' | 'unreachable';

export class AirbyteApiError extends Error {
  constructor(
    message: string,
    readonly kind: AirbyteErrorKind,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'AirbyteApiError';
  }
}

/**
 * Airbyte's public API with what a poller needs: client-credentials tokens renewed
 * before they expire and once more on a 401, offset pagination, and retries with
 * backoff on 429 (Retry-After), 5xx and network errors.
 */
export class AirbyteClient {
  private readonly base: string;
  private accessToken: string | undefined;
  private tokenExpiresAt = 0;
  /** Access tokens fetched so far (tests and logs read it). */
  tokensIssued = 0;
  requests = 0;

  constructor(private readonly options: AirbyteClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
    if ('token' in options.auth) this.accessToken = options.auth.token;
  }

  get hasConfigApi(): boolean {
    return this.options.configUrl !== undefined;
  }

  /** The config API's view of one job; throws AirbyteApiError like every call. */
  jobInfo(jobId: number): Promise<AirbyteJobInfo> {
    const base = (this.options.configUrl ?? '').replace(/\/+$/, '');
    return this.call<AirbyteJobInfo>(`${base}/jobs/get`, 'POST /jobs/get', JSON.stringify({ id: jobId }));
  }

  listWorkspaces(workspaceIds: string[] = []): Promise<AirbyteWorkspace[]> {
    return this.list<AirbyteWorkspace>('/workspaces', { workspaceIds: workspaceIds.join(',') || undefined });
  }

  listConnections(workspaceIds: string[]): Promise<AirbyteConnection[]> {
    return this.list<AirbyteConnection>('/connections', { workspaceIds: workspaceIds.join(',') || undefined });
  }

  listSources(workspaceIds: string[]): Promise<AirbyteSource[]> {
    return this.list<AirbyteSource>('/sources', { workspaceIds: workspaceIds.join(',') || undefined });
  }

  listDestinations(workspaceIds: string[]): Promise<AirbyteDestination[]> {
    return this.list<AirbyteDestination>('/destinations', { workspaceIds: workspaceIds.join(',') || undefined });
  }

  getConnection(connectionId: string): Promise<AirbyteConnection> {
    return this.get<AirbyteConnection>(`/connections/${encodeURIComponent(connectionId)}`);
  }

  getSource(sourceId: string): Promise<AirbyteSource> {
    return this.get<AirbyteSource>(`/sources/${encodeURIComponent(sourceId)}`);
  }

  getDestination(destinationId: string): Promise<AirbyteDestination> {
    return this.get<AirbyteDestination>(`/destinations/${encodeURIComponent(destinationId)}`);
  }

  async streams(sourceId: string, destinationId: string): Promise<AirbyteStreamProperties[]> {
    const body = await this.get<AirbyteStreamProperties[] | AirbytePage<AirbyteStreamProperties>>(
      '/streams' + query({ sourceId, destinationId }),
    );
    return Array.isArray(body) ? body : (body.data ?? []);
  }

  /**
   * Jobs of one connection, newest first, read page by page until `stop(job)` says
   * everything older is known already.
   */
  async jobs(connectionId: string, stop: (job: AirbyteJob) => boolean): Promise<AirbyteJob[]> {
    const out: AirbyteJob[] = [];
    await this.paginate<AirbyteJob>('/jobs', { connectionId, orderBy: 'createdAt|DESC' }, (page) => {
      for (const job of page) {
        if (stop(job)) return false;
        out.push(job);
      }
      return true;
    });
    return out;
  }

  private async list<T>(path: string, params: Record<string, string | undefined>): Promise<T[]> {
    const out: T[] = [];
    await this.paginate<T>(path, params, (page) => {
      out.push(...page);
      return true;
    });
    return out;
  }

  private async paginate<T>(
    path: string,
    params: Record<string, string | undefined>,
    onPage: (page: T[]) => boolean,
  ): Promise<void> {
    const limit = Math.min(100, Math.max(1, this.options.pageSize ?? 100));
    let offset = 0;
    const seenOffsets = new Set<number>();
    for (;;) {
      seenOffsets.add(offset);
      const page = await this.get<AirbytePage<T>>(
        path + query({ ...params, limit: String(limit), offset: String(offset) }),
      );
      const data = Array.isArray(page.data) ? page.data : [];
      if (!onPage(data) || data.length === 0 || !page.next) return;
      // `next` carries the host Airbyte thinks it has (wrong behind a proxy): take only its offset.
      const nextOffset = Number(new URL(page.next, this.base + '/').searchParams.get('offset') ?? offset + data.length);
      const following = Number.isInteger(nextOffset) && nextOffset > offset ? nextOffset : offset + data.length;
      if (seenOffsets.has(following)) return;
      offset = following;
    }
  }

  private async token(forceRefresh: boolean): Promise<string> {
    const auth = this.options.auth;
    if ('token' in auth) return auth.token;
    // Renew a minute early so a long pagination does not cross the expiry mid-way.
    if (!forceRefresh && this.accessToken && Date.now() < this.tokenExpiresAt - 60_000) return this.accessToken;
    const response = await this.send(`${this.base}/applications/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        client_id: auth.clientId,
        client_secret: auth.clientSecret,
        grant_type: 'client_credentials',
      }),
    });
    if (response.status === 401 || response.status === 403 || response.status === 400) {
      throw new AirbyteApiError(`Airbyte refused the client credentials (${response.status})`, 'auth', response.status);
    }
    if (!response.ok) throw await failure(response, 'POST /applications/token');
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token)
      throw new AirbyteApiError('Airbyte answered the token request without access_token', 'auth');
    this.accessToken = body.access_token;
    this.tokenExpiresAt = Date.now() + (body.expires_in ?? 180) * 1000;
    this.tokensIssued++;
    return this.accessToken;
  }

  private get<T>(path: string): Promise<T> {
    return this.call<T>(this.base + path, `GET ${path}`);
  }

  private async call<T>(url: string, what: string, body?: string): Promise<T> {
    let refreshed = false;
    for (;;) {
      const token = await this.token(false);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await this.send(url, { method: body === undefined ? 'GET' : 'POST', headers, body });
      if (response.status === 401 && !refreshed && !('token' in this.options.auth)) {
        // The token expired early (or the server restarted): get a new one, once.
        await response.body?.cancel();
        refreshed = true;
        await this.token(true);
        continue;
      }
      if (!response.ok) throw await failure(response, what);
      return (await response.json()) as T;
    }
  }

  /** One request with retries on 429, 5xx and network errors. */
  private async send(url: string, init: RequestInit): Promise<Response> {
    const retries = this.options.retries ?? 5;
    const base = this.options.retryBaseMs ?? 500;
    const max = this.options.retryMaxMs ?? 30_000;
    for (let attempt = 0; ; attempt++) {
      let reason: string;
      let waitMs: number | undefined;
      try {
        this.requests++;
        const response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000) });
        if (response.status !== 429 && response.status < 500) return response;
        if (attempt >= retries) return response;
        reason = `${response.status}`;
        waitMs = parseRetryAfter(response.headers.get('retry-after'));
        await response.body?.cancel();
      } catch (error) {
        const cause =
          error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
        reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
        if (attempt >= retries) {
          throw new AirbyteApiError(`cannot reach Airbyte at ${url}: ${reason}`, 'unreachable');
        }
      }
      const delay = Math.min(waitMs ?? backoffDelay(attempt + 1, base, max), max * 2);
      this.options.onRetry?.({ url, reason, waitMs: delay });
      await sleep(delay);
    }
  }
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function failure(response: Response, what: string): Promise<AirbyteApiError> {
  const text = (await response.text()).slice(0, 300);
  const status = response.status;
  const kind: AirbyteErrorKind =
    status === 404
      ? 'not-found'
      : status === 401 || status === 403
        ? 'auth'
        : status >= 500 || status === 429
          ? 'server'
          : 'client';
  return new AirbyteApiError(`Airbyte ${what} answered ${status}${text ? `: ${text}` : ''}`, kind, status);
}
