import { Command, Option } from 'commander';
import { CliError, ExitCode, badInput } from '../exit-codes.js';
import { type FailOn, evaluateFailOn, parseFailOn } from '../impact/fail-on.js';
import { type ImpactItem, type ImpactResult, toJsonContract, toMarkdown, toTable } from '../impact/impact-report.js';
import { intArg } from '../sink.js';
import { type ServerOptions, errorDetail, request, withServerOptions } from '../server.js';

const IMPACT_QUERY = `query TributaryCliImpact($targets: [NodeRef!]!, $depth: Int, $granularity: LineageGranularity) {
  impact(targets: $targets, depth: $depth, granularity: $granularity) {
    items { node { kind namespace name field } distance tags classifications owners }
    totalDatasets totalFields totalJobs truncated
  }
}`;

interface ImpactOptions extends ServerOptions {
  namespace?: string;
  name?: string;
  column: string[];
  depth: number;
  format: 'table' | 'json' | 'markdown';
  failOn: FailOn[];
}

interface GraphQLAnswer {
  data?: {
    impact?: {
      items: {
        node: { kind: ImpactItem['kind']; namespace: string; name: string; field: string | null };
        distance: number;
        tags: string[];
        classifications: string[];
        owners: string[];
      }[];
      totalDatasets: number;
      totalFields: number;
      totalJobs: number;
      truncated: boolean;
    } | null;
  } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Asks the API for the downstream impact; GraphQL errors become exit 2 (the user's input) or 3 (the server). */
export async function fetchImpact(options: ImpactOptions): Promise<ImpactResult> {
  const targets =
    options.column.length === 0
      ? [{ kind: 'DATASET', namespace: options.namespace, name: options.name }]
      : options.column.map((field) => ({ kind: 'FIELD', namespace: options.namespace, name: options.name, field }));
  const { status, body } = await request(options, '/graphql', {
    body: {
      query: IMPACT_QUERY,
      variables: { targets, depth: options.depth, granularity: options.column.length > 0 ? 'COLUMN' : 'DATASET' },
    },
  });
  const answer = (typeof body === 'object' && body !== null ? body : {}) as GraphQLAnswer;
  if (answer.errors?.length) {
    const codes = answer.errors.map((error) => error.extensions?.code ?? '');
    const message = answer.errors.map((error) => error.message).join('; ');
    const serverSide = codes.some((code) => code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE');
    throw new CliError(`impact: ${message}`, serverSide ? ExitCode.Unreachable : ExitCode.BadInput);
  }
  if (status === 401 || status === 403)
    throw badInput(`impact: the server refused the token (${status})${errorDetail(body)}`);
  const impact = answer.data?.impact;
  if (status >= 400 || !impact) throw badInput(`impact: unexpected answer ${status}${errorDetail(body)}`);
  return {
    items: impact.items.map((item) => ({
      kind: item.node.kind,
      namespace: item.node.namespace,
      name: item.node.name,
      field: item.node.field ?? null,
      distance: item.distance,
      tags: item.tags ?? [],
      classifications: item.classifications ?? [],
      owners: item.owners ?? [],
    })),
    totalDatasets: impact.totalDatasets,
    totalFields: impact.totalFields,
    totalJobs: impact.totalJobs,
    truncated: impact.truncated,
  };
}

export function impactCommand(): Command {
  const command = new Command('impact')
    .summary('show (and gate on) what is downstream of a dataset or its columns')
    .description(
      'Asks Tributary what depends on a dataset (or, with --column, on those columns through column lineage) and ' +
        'prints it. With --fail-on it is a CI gate: exit 1 when any condition holds. --format json prints ' +
        '{"items":[{"kind","namespace","name","field","distance"}],"totalDatasets","totalFields","totalJobs"}.',
    )
    .requiredOption('--namespace <ns>', 'namespace of the dataset, e.g. postgres://db:5432')
    .requiredOption('--name <name>', 'dataset name, e.g. shop.public.orders')
    .option('--column <name>', 'a column of the dataset (repeatable): column-level impact', collect, [])
    .addOption(new Option('--depth <n>', 'how far downstream, 1-20').default(10).argParser(intArg('--depth', 1, 20)))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option(
      '--fail-on <expr>',
      "exit 1 when it holds (repeatable): 'datasets>20', 'fields>=5', 'jobs>0', 'tag:critical', " +
        "'classification:PII', 'owner:team-*', 'namespace:snowflake://*'",
      (value: string, previous: FailOn[]) => [...previous, parseFailOn(value)],
      [],
    );
  withServerOptions(command).action(async (options: ImpactOptions) => {
    const result = await fetchImpact(options);
    const failures = options.failOn
      .map((condition) => evaluateFailOn(condition, result))
      .filter((line): line is string => line !== undefined);
    const target =
      `\`${options.namespace}\` \`${options.name}\`` +
      (options.column.length ? ` (columns ${options.column.map((c) => `\`${c}\``).join(', ')})` : '');
    switch (options.format) {
      case 'json':
        process.stdout.write(toJsonContract(result) + '\n');
        break;
      case 'markdown':
        process.stdout.write(toMarkdown(result, target, failures));
        break;
      case 'table':
        process.stdout.write(toTable(result));
        break;
    }
    if (failures.length > 0) throw new CliError(failures.join('\n'), ExitCode.CheckFailed);
  });
  return command;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
