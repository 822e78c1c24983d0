import type { AirbyteConfiguration, AirbyteConnection, AirbyteDestination, AirbyteSource } from './airbyte-types.js';

/** An OpenLineage dataset identity. */
export interface DatasetId {
  namespace: string;
  name: string;
}

function text(config: AirbyteConfiguration, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = config[key];
    if (typeof value === 'string' && value.length > 0) return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

function first(config: AirbyteConfiguration, key: string): string | undefined {
  const value = config[key];
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** Connector type without Airbyte's "source-"/"destination-" prefix and version suffixes. */
function platform(type: string): string {
  return type
    .toLowerCase()
    .replace(/^(source|destination)-/, '')
    .replace(/-(strict-encrypt|v\d+)$/, '');
}

const DEFAULT_PORTS: Record<string, number> = {
  postgres: 5432,
  mysql: 3306,
  mssql: 1433,
  redshift: 5439,
  oracle: 1521,
  clickhouse: 8123,
  mongodb: 27017,
};

function hostPort(kind: string, config: AirbyteConfiguration): string | undefined {
  const host = text(config, 'host');
  if (!host) return undefined;
  const port = text(config, 'port') ?? (DEFAULT_PORTS[kind] !== undefined ? String(DEFAULT_PORTS[kind]) : undefined);
  return port ? `${host.toLowerCase()}:${port}` : host.toLowerCase();
}

function join(...parts: (string | undefined)[]): string {
  return parts.filter((part): part is string => part !== undefined && part.length > 0).join('.');
}

/**
 * Where a connector's tables live, following the OpenLineage naming conventions
 * (postgres://host:5432 + db.schema.table, mysql://host:3306 + db.table,
 * snowflake://account + DB.SCHEMA.TABLE, bigquery + project.dataset.table …).
 * `schema` is the stream namespace (source) or the destination namespace.
 * Unknown connectors get `airbyte://<type>/<id>` so they still appear, distinctly.
 */
function datasetFor(
  type: string,
  id: string,
  config: AirbyteConfiguration,
  schema: string | undefined,
  table: string,
): DatasetId {
  const kind = platform(type);
  const database = text(config, 'database', 'db', 'dbname');
  switch (kind) {
    case 'postgres':
    case 'alloydb':
    case 'redshift':
    case 'mssql': {
      const address = hostPort(kind === 'alloydb' ? 'postgres' : kind, config);
      if (!address) break;
      const scheme = kind === 'alloydb' ? 'postgres' : kind;
      return { namespace: `${scheme}://${address}`, name: join(database, schema ?? 'public', table) };
    }
    case 'mysql':
    case 'mariadb':
    case 'tidb': {
      const address = hostPort('mysql', config);
      if (!address) break;
      // MySQL has no schemas inside a database: the stream namespace is the database.
      return { namespace: `mysql://${address}`, name: join(schema ?? database, table) };
    }
    case 'snowflake': {
      const host = text(config, 'host');
      if (!host) break;
      const account = host
        .toLowerCase()
        .replace(/^https?:\/\//, '')
        .replace(/\.snowflakecomputing\.com.*$/, '');
      return { namespace: `snowflake://${account}`, name: join(database, schema, table).toUpperCase() };
    }
    case 'bigquery':
    case 'bigquery-denormalized': {
      const project = text(config, 'project_id');
      if (!project) break;
      return { namespace: 'bigquery', name: join(project, schema ?? text(config, 'dataset_id'), table) };
    }
    case 's3':
    case 'gcs': {
      const bucket = text(config, 's3_bucket_name', 'gcs_bucket_name', 'bucket');
      if (!bucket) break;
      const scheme = kind === 's3' ? 's3' : 'gs';
      const path = text(config, 's3_bucket_path', 'gcs_bucket_path', 'path_prefix');
      return { namespace: `${scheme}://${bucket}`, name: [path, schema, table].filter(Boolean).join('/') };
    }
    default:
      break;
  }
  return { namespace: `airbyte://${kind}/${id}`, name: join(schema, table) };
}

/** The source table a stream reads. */
export function sourceDataset(source: AirbyteSource, streamNamespace: string | undefined, stream: string): DatasetId {
  const config = source.configuration ?? {};
  const kind = platform(source.sourceType);
  // A Postgres stream without a namespace reads the source's first configured schema.
  const schema = streamNamespace ?? (kind === 'mysql' ? undefined : first(config, 'schemas'));
  return datasetFor(source.sourceType, source.sourceId, config, schema, stream);
}

/** The schema (or dataset) a destination writes to when the connection does not say otherwise. */
function destinationDefaultNamespace(destination: AirbyteDestination): string | undefined {
  const config = destination.configuration ?? {};
  return text(config, 'schema', 'dataset_id', 'database');
}

/** Airbyte's identifier rules: non-alphanumerics become "_", case follows the warehouse. */
function destinationIdentifier(destinationType: string, identifier: string): string {
  const cleaned = identifier
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_]/g, '_');
  const kind = platform(destinationType);
  if (kind === 'snowflake') return cleaned.toUpperCase();
  if (kind === 'postgres' || kind === 'redshift' || kind === 'bigquery') return cleaned.toLowerCase();
  return cleaned;
}

/**
 * The destination table of a stream after the connection's namespace definition
 * (source namespace, destination default, or a custom format with ${SOURCE_NAMESPACE})
 * and stream prefix.
 */
export function destinationDataset(
  connection: AirbyteConnection,
  destination: AirbyteDestination,
  streamNamespace: string | undefined,
  stream: string,
): DatasetId {
  const fallback = destinationDefaultNamespace(destination);
  let namespace: string | undefined;
  switch (connection.namespaceDefinition ?? 'destination') {
    case 'source':
      namespace = streamNamespace ?? fallback;
      break;
    case 'custom_format': {
      const formatted = (connection.namespaceFormat ?? '').replaceAll('${SOURCE_NAMESPACE}', streamNamespace ?? '');
      namespace = formatted.length > 0 ? formatted : fallback;
      break;
    }
    case 'destination':
      namespace = fallback;
      break;
  }
  const type = destination.destinationType;
  const table = destinationIdentifier(type, `${connection.prefix ?? ''}${stream}`);
  const schema = namespace === undefined ? undefined : destinationIdentifier(type, namespace);
  return datasetFor(type, destination.destinationId, destination.configuration ?? {}, schema, table);
}
