import type { DeliveryError } from '@tributary/collectors';
import { type Command, Option } from 'commander';
import { CliError, ExitCode, badInput } from './exit-codes.js';

export interface ServerOptions {
  url?: string;
  token?: string;
}

/**
 * Adds `--url` and `--token`, defaulting to TRIBUTARY_URL / TRIBUTARY_TOKEN. A command
 * whose `--token` means something else (collect airbyte) names the flag `--tributary-token`
 * (read back as `tributaryToken`).
 */
export function withServerOptions(
  command: Command,
  { required = true, tokenFlag = '--token' }: { required?: boolean; tokenFlag?: string } = {},
): Command {
  return command
    .addOption(
      new Option('--url <url>', 'Tributary base URL' + (required ? '' : ' (posts events there)')).env('TRIBUTARY_URL'),
    )
    .addOption(
      new Option(`${tokenFlag} <token>`, 'Tributary API token sent as Authorization: Bearer').env('TRIBUTARY_TOKEN'),
    );
}

/** The validated base URL, or a bad-usage error naming the flag and the variable. */
export function serverUrl(options: ServerOptions): string {
  if (!options.url) throw badInput('no server: pass --url or set TRIBUTARY_URL');
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw badInput(`--url: not a URL: ${options.url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badInput(`--url: not http(s): ${options.url}`);
  return options.url.replace(/\/+$/, '');
}

/** Maps a delivery failure onto the CLI's exit codes: 4xx is the user's to fix (2), the rest is the server (3). */
export function deliveryFailure(error: unknown): unknown {
  // By name: the collectors package is loaded lazily, so its class is not at hand here.
  if (!(error instanceof Error) || error.name !== 'DeliveryError') return error;
  const delivery = error as DeliveryError;
  switch (delivery.kind) {
    case 'client':
      return new CliError(delivery.message, ExitCode.BadInput);
    case 'server':
    case 'unreachable':
      return new CliError(delivery.message, ExitCode.Unreachable);
  }
}

/** fetch with the token; network errors become exit code 3 with the URL named. */
export async function request(
  options: ServerOptions,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const url = serverUrl(options) + path;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    // fetch hides the socket error (ECONNREFUSED, ENOTFOUND, "bad port") in `cause`.
    const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
    const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw new CliError(`cannot reach ${url}: ${reason}`, ExitCode.Unreachable);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // Not JSON: keep the text for the error message.
  }
  if (response.status >= 500) {
    throw new CliError(`${url} answered ${response.status}${errorDetail(body)}`, ExitCode.Unreachable);
  }
  return { status: response.status, body };
}

export function errorDetail(body: unknown): string {
  if (body === undefined || body === '') return '';
  if (typeof body === 'string') return `: ${body.slice(0, 300)}`;
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    if (typeof record.error === 'string') return `: ${record.error}`;
    if (typeof record.message === 'string') return `: ${record.message}`;
  }
  return `: ${JSON.stringify(body).slice(0, 300)}`;
}
