import type { SqlDialect } from '../sql/types.js';
import type { DbtNode } from './artifacts.js';
import type { ProfileTarget } from './profile.js';

// Dataset namespaces and names per the OpenLineage naming conventions
// (https://openlineage.io/docs/spec/naming), as openlineage-dbt builds them.

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, redshift: 5439, trino: 8080, spark: 10000 };

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Why a dataset namespace could not be derived; the CLI reports it with exit code 2. */
export class NamingError extends Error {}

/** The namespace of every dataset the target holds. */
export function datasetNamespace(adapter: string, target: ProfileTarget | undefined): string {
  const need = (key: string): string => {
    const value = text(target?.[key]);
    if (!value) {
      throw new NamingError(
        `the ${adapter} dataset namespace needs "${key}" from the dbt profile: pass --profiles-dir, or --dataset-namespace`,
      );
    }
    return value;
  };
  const port = (): string => text(target?.port) ?? String(DEFAULT_PORTS[adapter] ?? '');
  switch (adapter) {
    case 'postgres':
      return `postgres://${need('host')}:${port()}`;
    case 'redshift': {
      const host = need('host');
      // cluster.xxxx.region.redshift.amazonaws.com → cluster.region, as the convention asks.
      const aws = /^([^.]+)\.[^.]+\.([^.]+)\.redshift(?:-serverless)?\.amazonaws\.com$/i.exec(host);
      return `redshift://${aws ? `${aws[1]}.${aws[2]}` : host}:${port()}`;
    }
    case 'snowflake':
      return `snowflake://${need('account')}`;
    case 'bigquery':
      return 'bigquery';
    case 'duckdb': {
      const path = text(target?.path) ?? ':memory:';
      return `duckdb://${path}`;
    }
    case 'spark':
      return `spark://${need('host')}:${port()}`;
    case 'databricks':
      return `databricks://${need('host')}`;
    case 'trino':
      return `trino://${need('host')}:${port()}`;
    default:
      throw new NamingError(`adapter "${adapter}" has no OpenLineage naming rule here: pass --dataset-namespace`);
  }
}

/** `{database}.{schema}.{table}`; Spark has no database level. */
export function datasetName(adapter: string, node: DbtNode): string {
  const table = node.resource_type === 'source' ? (node.identifier ?? node.name) : (node.alias ?? node.name);
  const parts = adapter === 'spark' ? [node.schema, table] : [node.database, node.schema, table];
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('.');
}

export function sqlDialect(adapter: string): SqlDialect {
  switch (adapter) {
    case 'snowflake':
      return 'snowflake';
    case 'bigquery':
      return 'bigquery';
    case 'redshift':
      return 'redshift';
    case 'spark':
    case 'databricks':
      return 'hive';
    case 'trino':
    case 'athena':
      return 'trino';
    default:
      // postgres, duckdb and most others read closest to PostgreSQL's grammar.
      return 'postgresql';
  }
}
