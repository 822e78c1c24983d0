import { Command, Option } from 'commander';
import { CliError, ExitCode, badInput } from '../exit-codes.js';
import { type ServerOptions, errorDetail, request, withServerOptions } from '../server.js';

interface TokenView {
  id: string;
  name: string;
  bindings: { role: string; namespace: string }[];
  createdAt: string;
  createdBy?: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const ROLES = ['viewer', 'producer', 'steward', 'admin'];

/** 4xx from the token API: the user's to fix (exit 2), with the server's reason. */
function refused(status: number, body: unknown): CliError {
  const hint = status === 401 || status === 403 ? ' (token commands need an admin token on "*")' : '';
  return new CliError(`the server answered ${status}${errorDetail(body)}${hint}`, ExitCode.BadInput);
}

function bindingArg(value: string, previous: { role: string; namespace: string }[]) {
  const at = value.indexOf('=');
  const role = value.slice(0, at);
  if (at < 1 || !ROLES.includes(role))
    throw badInput(`--binding: expected ROLE=PATTERN with ROLE one of ${ROLES.join(', ')}`);
  return [...previous, { role, namespace: value.slice(at + 1) }];
}

/** `30d`, `12h`, `90m`, `2w` go to the server as a duration; anything else must be a date. */
function expiry(value: string | undefined): { expiresIn?: string; expiresAt?: string } {
  if (!value) return {};
  if (/^\d+[mhdw]$/.test(value)) return { expiresIn: value };
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(`--expires: use 30d, 12h, 90m, 2w or a date, not "${value}"`);
  return { expiresAt: date.toISOString() };
}

function describeToken(token: TokenView): string {
  const bindings = token.bindings.map((b) => `${b.role}@${b.namespace}`).join(', ');
  const state = token.revokedAt
    ? `revoked ${token.revokedAt}`
    : token.expiresAt && Date.parse(token.expiresAt) < Date.now()
      ? `expired ${token.expiresAt}`
      : `expires ${token.expiresAt ?? 'never'}`;
  return `${token.id}  ${token.name}  ${bindings}  ${state}  last used ${token.lastUsedAt ?? 'never'}`;
}

interface CreateOptions extends ServerOptions {
  name: string;
  role?: string;
  namespace?: string;
  binding: { role: string; namespace: string }[];
  expires?: string;
  format: 'json' | 'text';
}

function createCommand(): Command {
  const command = new Command('create')
    .summary('create an API token (shown once)')
    .description(
      'Creates a token with role bindings per namespace pattern. The secret is shown once: ' +
        '--format json prints {"token": "..."} for scripts.',
    )
    .requiredOption('--name <name>', 'what the token is for, e.g. airflow-sales')
    .addOption(new Option('--role <role>', 'role on --namespace').choices(ROLES))
    .option('--namespace <pattern>', "namespace glob the role applies to, e.g. 'postgres://sales-*'")
    .option('--binding <role=pattern>', 'another role binding (repeatable)', bindingArg, [])
    .option('--expires <when>', 'lifetime (30d, 12h, 90m, 2w) or an expiry date; default never')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'json']).default('text'));
  withServerOptions(command).action(async (options: CreateOptions) => {
    const bindings = [...options.binding];
    if (options.role || options.namespace) {
      if (!options.role || !options.namespace) throw badInput('--role and --namespace go together');
      bindings.unshift({ role: options.role, namespace: options.namespace });
    }
    if (bindings.length === 0) throw badInput('give --role and --namespace (or --binding ROLE=PATTERN)');
    const { status, body } = await request(options, '/api/v1/tokens', {
      body: { name: options.name, bindings, ...expiry(options.expires) },
    });
    if (status !== 201 && status !== 200) throw refused(status, body);
    const created = body as TokenView & { token: string };
    if (options.format === 'json') {
      process.stdout.write(JSON.stringify({ token: created.token }) + '\n');
    } else {
      process.stdout.write(`${created.token}\n`);
      process.stderr.write(`created ${describeToken(created)}\nthe token is shown only this once\n`);
    }
  });
  return command;
}

function listCommand(): Command {
  const command = new Command('list')
    .summary('list tokens (never their secrets)')
    .addOption(new Option('--format <format>', 'output').choices(['text', 'json']).default('text'));
  withServerOptions(command).action(async (options: ServerOptions & { format: 'text' | 'json' }) => {
    const { status, body } = await request(options, '/api/v1/tokens');
    if (status !== 200) throw refused(status, body);
    const tokens = (body as { tokens: TokenView[] }).tokens;
    if (options.format === 'json') process.stdout.write(JSON.stringify(tokens) + '\n');
    else process.stdout.write(tokens.map(describeToken).join('\n') + (tokens.length ? '\n' : ''));
  });
  return command;
}

function revokeCommand(): Command {
  const command = new Command('revoke').summary('revoke a token at once').argument('<id>', 'token id (see token list)');
  withServerOptions(command).action(async (id: string, options: ServerOptions) => {
    const { status, body } = await request(options, `/api/v1/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
    if (status !== 200) throw refused(status, body);
    process.stderr.write(`revoked ${describeToken(body as TokenView)}\n`);
  });
  return command;
}

/** `token create|list|revoke`: the API token administration of issue 8's REST API. */
export function tokenCommand(): Command {
  return new Command('token')
    .summary('create, list and revoke API tokens (admin)')
    .addCommand(createCommand())
    .addCommand(listCommand())
    .addCommand(revokeCommand());
}
