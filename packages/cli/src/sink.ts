import type { OpenLineageEvent } from '@tributary/openlineage';
import { type Command, Option } from 'commander';
import { CliError, ExitCode, badInput } from './exit-codes.js';
import { endProgressLine, progressReporter } from './progress.js';
import { type ServerOptions, deliveryFailure, serverUrl, withServerOptions } from './server.js';

export interface SinkOptions extends ServerOptions {
  output?: string;
  batchSize?: number;
  retries?: number;
  quiet?: boolean;
}

export function intArg(flag: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw badInput(
        `${flag}: expected an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got "${value}"`,
      );
    }
    return parsed;
  };
}

/** Where events go: `--url` (or TRIBUTARY_URL) posts them, `--output FILE|-` writes NDJSON instead. */
export function withSinkOptions(command: Command, { tokenFlag = '--token' } = {}): Command {
  return withServerOptions(command, { required: false, tokenFlag })
    .option('-o, --output <file>', 'write the events as NDJSON to FILE ("-" for stdout) instead of posting them')
    .addOption(new Option('--batch-size <n>', 'events per request').default(500).argParser(intArg('--batch-size', 1)))
    .addOption(
      new Option('--retries <n>', 'retries after a 5xx, 429 or network error, with backoff')
        .default(5)
        .argParser(intArg('--retries', 0, 20)),
    )
    .option('-q, --quiet', 'no progress on stderr');
}

export interface SinkResult {
  sent: number;
  accepted: number;
  rejected: number;
}

/**
 * Posts or writes the events; prints a summary on stderr. Throws a CliError with
 * exit code 2 when the intake rejected any event (after listing the first few reasons)
 * and 3 when it could not be reached.
 */
export async function sink(
  events: Iterable<OpenLineageEvent> | AsyncIterable<OpenLineageEvent>,
  options: SinkOptions,
  label: string,
): Promise<SinkResult> {
  // Loaded here, not at start-up: `impact` and `--help` should not pay for the collectors.
  const { deliverEvents, writeNdjson } = await import('@tributary/collectors');
  if (options.output) {
    const count = await writeNdjson(events, options.output).catch((error: unknown) => {
      throw badInput(`--output ${options.output}: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (!options.quiet) process.stderr.write(`${label}: wrote ${count} events to ${options.output}\n`);
    return { sent: count, accepted: count, rejected: 0 };
  }
  if (!options.url) throw badInput('nowhere to send events: pass --url (or set TRIBUTARY_URL) or --output FILE');
  const url = serverUrl(options);
  let report;
  try {
    report = await deliverEvents(events, {
      url,
      token: options.token,
      batchSize: options.batchSize,
      retries: options.retries,
      onProgress: progressReporter(label, { quiet: options.quiet }),
    });
  } catch (error) {
    if (!options.quiet) endProgressLine();
    throw deliveryFailure(error);
  }
  if (!options.quiet) {
    endProgressLine();
    process.stderr.write(
      `${label}: ${report.sent} events sent to ${url} in ${report.batches} batches: ` +
        `${report.accepted} accepted, ${report.rejected} rejected (${report.durationMs} ms)\n`,
    );
  }
  if (report.rejected > 0) {
    const rejected = report.statuses.filter((status) => !status.ok);
    for (const status of rejected.slice(0, 10)) {
      const problems = (status.problems ?? []).map((p) => `${p.path} ${p.message}`).join('; ');
      process.stderr.write(`  event #${status.index}: ${status.status} ${status.error ?? ''} ${problems}\n`);
    }
    if (rejected.length > 10) process.stderr.write(`  … and ${rejected.length - 10} more\n`);
    throw new CliError(`${label}: the intake rejected ${report.rejected} of ${report.sent} events`, ExitCode.BadInput);
  }
  return { sent: report.sent, accepted: report.accepted, rejected: report.rejected };
}
