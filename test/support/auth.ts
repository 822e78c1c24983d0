import { request } from 'node:http';
import { randomBytes } from 'node:crypto';

/** A fresh admin secret for TRIBUTARY_ADMIN_TOKEN. */
export function newAdminToken(): string {
  return `test-admin-${randomBytes(24).toString('hex')}`;
}

export type Reply = { status: number; body: string; headers: Record<string, string | string[] | undefined> };

/** fetch that never throws on status and returns the body as text. */
export async function call(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  return { status: response.status, body: await response.text(), headers: Object.fromEntries(response.headers) };
}

/** A GraphQL request; `data`/`errors` parsed when the answer is JSON. */
export async function gql(
  baseUrl: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{
  status: number;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}> {
  const reply = await call(`${baseUrl}/graphql`, { token, body: { query, variables } });
  try {
    return { status: reply.status, ...(JSON.parse(reply.body) as object) };
  } catch {
    return { status: reply.status };
  }
}

/**
 * An HTTP request with the path sent exactly as given (fetch would normalise
 * dots, case stays but `..` and `%2e` do not survive URL parsing).
 */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Creates a token through the REST API and returns its secret and id. */
export async function createToken(
  baseUrl: string,
  adminToken: string,
  body: Record<string, unknown>,
): Promise<{ token: string; id: string }> {
  const reply = await call(`${baseUrl}/api/v1/tokens`, { token: adminToken, body });
  if (reply.status !== 201) throw new Error(`token create answered ${reply.status}: ${reply.body}`);
  const parsed = JSON.parse(reply.body) as { token: string; id: string };
  return { token: parsed.token, id: parsed.id };
}
