import type { AirbyteApiError, AirbyteAuth } from '@tributary/collectors';
import { Command, Option } from 'commander';
import { CliError, ExitCode, badInput } from '../exit-codes.js';
import { airbytePollReporter, endProgressLine } from '../progress.js';
import { type SinkOptions, intArg, sink, withSinkOptions } from '../sink.js';

interface AirbyteOptions extends Omit<SinkOptions, 'token'> {
  airbyteUrl?: string;
  configApiUrl?: string;
  clientId?: string;
  clientSecret?: string;
  token?: string;
  tributaryToken?: string;
  workspace: string[];
  state: string;
  namespace?: string;
  since?: string;
  pageSize: number;
}

function collectList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').filter(Boolean)];
}

function auth(options: AirbyteOptions): AirbyteAuth {
  if (options.clientId || options.clientSecret) {
    if (!options.clientId || !options.clientSecret) throw badInput('--client-id and --client-secret go together');
    return { clientId: options.clientId, clientSecret: options.clientSecret };
  }
  if (options.token) return { token: options.token };
  throw badInput('Airbyte credentials: pass --client-id and --client-secret, or --token');
}

function airbyteFailure(error: unknown): unknown {
  // By name: the collectors package is loaded lazily (see the action).
  if (!(error instanceof Error)) return error;
  if (error.name === 'AirbyteStateError') return badInput(error.message);
  if (error.name !== 'AirbyteApiError') return error;
  switch ((error as AirbyteApiError).kind) {
    case 'unreachable':
    case 'server':
      return new CliError(error.message, ExitCode.Unreachable);
    case 'auth':
    case 'not-found':
    case 'client':
      return new CliError(error.message, ExitCode.BadInput);
  }
}

export function collectAirbyteCommand(): Command {
  const command = new Command('airbyte')
    .summary('turn Airbyte sync jobs into OpenLineage events')
    .description(
      "Polls Airbyte's public API (workspaces, connections, sources, destinations, streams, jobs) and turns each " +
        'sync job into OpenLineage events: the connection is the job, the selected source streams its inputs, the ' +
        'destination tables its outputs, with identity column lineage, the run state from the job status and rows ' +
        'and bytes. Jobs already sent (recorded in --state) are not sent again.',
    )
    .addOption(
      new Option('--airbyte-url <url>', 'Airbyte public API base, e.g. https://api.airbyte.com/v1').env('AIRBYTE_URL'),
    )
    .addOption(
      new Option(
        '--config-api-url <url>',
        'self-hosted Airbyte only: its Configuration API (e.g. http://host:8000/api/v1), for per-stream rows and bytes and failure messages',
      ).env('AIRBYTE_CONFIG_API_URL'),
    )
    .addOption(new Option('--client-id <id>', 'Airbyte application client id').env('AIRBYTE_CLIENT_ID'))
    .addOption(new Option('--client-secret <secret>', 'Airbyte application client secret').env('AIRBYTE_CLIENT_SECRET'))
    .addOption(
      new Option('--token <token>', 'Airbyte access token (instead of client credentials)').env('AIRBYTE_TOKEN'),
    )
    .option('--workspace <id>', 'only this workspace (repeatable, or comma-separated)', collectList, [])
    .option('--state <file>', 'where the last job seen per connection is kept', '.tributary/airbyte-state.json')
    .option('--namespace <ns>', 'namespace of the Airbyte jobs (default airbyte://<airbyte host>)')
    .option('--since <date>', 'on a first run, skip jobs that started before this date (ISO 8601)')
    .addOption(
      new Option('--page-size <n>', 'items per Airbyte API page (1-100)')
        .default(100)
        .argParser(intArg('--page-size', 1, 100)),
    );
  withSinkOptions(command, { tokenFlag: '--tributary-token' }).action(async (options: AirbyteOptions) => {
    if (!options.airbyteUrl) throw badInput('pass --airbyte-url (or set AIRBYTE_URL)');
    let airbyteUrl: URL;
    try {
      airbyteUrl = new URL(options.airbyteUrl);
    } catch {
      throw badInput(`--airbyte-url: not a URL: ${options.airbyteUrl}`);
    }
    if (!options.output && !options.url) {
      throw badInput('nowhere to send events: pass --url (or set TRIBUTARY_URL) or --output FILE');
    }
    let since: Date | undefined;
    if (options.since) {
      since = new Date(options.since);
      if (Number.isNaN(since.getTime())) throw badInput(`--since: not a date: ${options.since}`);
    }
    const quiet = options.quiet === true;
    const { AirbyteClient, collectAirbyte, loadAirbyteState, saveAirbyteState } = await import('@tributary/collectors');
    const client = new AirbyteClient({
      url: options.airbyteUrl,
      configUrl: options.configApiUrl,
      auth: auth(options),
      pageSize: options.pageSize,
      retries: options.retries,
      onRetry: ({ url, reason, waitMs }) => {
        if (!quiet) process.stderr.write(`airbyte: ${reason} from ${url}; retrying in ${waitMs} ms\n`);
      },
    });
    try {
      const state = await loadAirbyteState(options.state);
      const result = await collectAirbyte({
        client,
        instance: airbyteUrl.origin + airbyteUrl.pathname.replace(/\/+$/, ''),
        jobNamespace: options.namespace ?? `airbyte://${airbyteUrl.host}`,
        workspaceIds: options.workspace,
        since,
        state,
        onWarning: (message) => process.stderr.write(`airbyte: warning: ${message}\n`),
        onProgress: airbytePollReporter({ quiet }),
      });
      if (!quiet) endProgressLine();
      const { stats } = result;
      if (!quiet) {
        process.stderr.write(
          `airbyte: ${stats.workspaces} workspaces, ${stats.connections} connections, ${stats.jobs} new jobs, ` +
            `${result.events.length} events` +
            (stats.skippedConnections ? `, ${stats.skippedConnections} connections skipped` : '') +
            '\n',
        );
      }
      if (result.events.length > 0) {
        await sink(result.events, { ...options, token: options.tributaryToken }, 'collect airbyte');
      }
      // Only once delivered: a failed post leaves the state as it was, so the next run resends.
      await saveAirbyteState(options.state, result.state);
    } catch (error) {
      throw airbyteFailure(error);
    }
  });
  return command;
}
