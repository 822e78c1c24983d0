import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { toJsonPointer } from '../validation/json-pointer.js';
import { parseJson } from '../validation/validate-event.js';

/** What a platform's dataset identities look like in their canonical form. */
export interface PlatformRule {
  /** Port written into the namespace when a producer leaves it out (postgres://db → postgres://db:5432). */
  defaultPort?: number;
  /** Case of the dataset name: `upper`/`lower` where the platform folds identifiers, else `preserve`. */
  nameCase?: 'upper' | 'lower' | 'preserve';
}

/** Dataset-identity rules, after the OpenLineage naming conventions (https://openlineage.io/docs/spec/naming). */
export interface NormalizationRules {
  /** Whole namespaces rewritten before anything else, e.g. `"food_delivery": "postgres://food-db:5432"`. */
  namespaceAliases: Readonly<Record<string, string>>;
  /** URI schemes (lowercase) rewritten to the canonical one, e.g. `"s3a": "s3"`, `"postgresql": "postgres"`. */
  schemeAliases: Readonly<Record<string, string>>;
  /** Per canonical scheme: default port and name case. */
  platforms: Readonly<Record<string, PlatformRule>>;
  /** Lowercase the host of URI namespaces (host names are case-insensitive). */
  lowercaseHost: boolean;
}

/**
 * The conventions' canonical forms: `postgres://{host}:{port}`, `mysql://{host}:{port}`,
 * `redshift://{cluster}.{region}:{port}`, `s3://{bucket}`, `gs://{bucket}`,
 * `snowflake://{org}-{account}` (lowercase account, as the Airflow integration
 * emits it). Only rules that cannot merge two distinct datasets are on by
 * default, except Snowflake names, which Snowflake itself folds to upper case
 * unless quoted (dbt reports `DEMO_DB.public.orders`, the SQL parser `DEMO_DB.PUBLIC.ORDERS`).
 */
export const DEFAULT_NORMALIZATION_RULES: NormalizationRules = Object.freeze({
  namespaceAliases: Object.freeze({}),
  schemeAliases: Object.freeze({
    s3a: 's3',
    s3n: 's3',
    gcs: 'gs',
    postgresql: 'postgres',
    'jdbc:postgresql': 'postgres',
    'jdbc:mysql': 'mysql',
    'jdbc:redshift': 'redshift',
    'jdbc:sqlserver': 'sqlserver',
    mssql: 'sqlserver',
  }),
  platforms: Object.freeze({
    postgres: { defaultPort: 5432 },
    mysql: { defaultPort: 3306 },
    redshift: { defaultPort: 5439 },
    sqlserver: { defaultPort: 1433 },
    oracle: { defaultPort: 1521 },
    db2: { defaultPort: 50000 },
    teradata: { defaultPort: 1025 },
    cassandra: { defaultPort: 9042 },
    kafka: { defaultPort: 9092 },
    snowflake: { nameCase: 'upper' as const },
  }),
  lowercaseHost: true,
});

const platformRule = z.strictObject({
  defaultPort: z.number().int().min(1).max(65535).optional(),
  nameCase: z.enum(['upper', 'lower', 'preserve']).optional(),
});

const SCHEME = /^[a-z][a-z0-9+.-]*(?::[a-z][a-z0-9+.-]*)?$/;
const scheme = z.string().regex(SCHEME, { error: 'must be a lowercase URI scheme such as "s3" or "jdbc:postgresql"' });

/** The rules file: every part optional; `null` removes a default entry. */
const rulesFile = z.strictObject({
  replaceDefaults: z.boolean().optional(),
  namespaceAliases: z.record(z.string().min(1), z.string().min(1).nullable()).optional(),
  schemeAliases: z.record(scheme, scheme.nullable()).optional(),
  platforms: z.record(scheme, platformRule.nullable()).optional(),
  lowercaseHost: z.boolean().optional(),
});

export type NormalizationRulesFile = z.input<typeof rulesFile>;

export class NormalizationRulesError extends Error {
  override name = 'NormalizationRulesError';
}

function merge<T>(base: Readonly<Record<string, T>>, changes: Record<string, T | null> | undefined): Record<string, T> {
  const merged: Record<string, T> = { ...base };
  for (const [key, value] of Object.entries(changes ?? {})) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** Rules from a parsed rules file, on top of the defaults unless it says `"replaceDefaults": true`. */
export function buildNormalizationRules(input: unknown, source = 'normalization rules'): NormalizationRules {
  const parsed = rulesFile.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${toJsonPointer(issue.path) || '(root)'} ${issue.message}`);
    throw new NormalizationRulesError(`${source}: ${problems.join('; ')}`);
  }
  const file = parsed.data;
  const base: NormalizationRules = file.replaceDefaults
    ? { namespaceAliases: {}, schemeAliases: {}, platforms: {}, lowercaseHost: true }
    : DEFAULT_NORMALIZATION_RULES;
  return {
    namespaceAliases: merge(base.namespaceAliases, file.namespaceAliases),
    schemeAliases: merge(base.schemeAliases, file.schemeAliases),
    platforms: merge(base.platforms, file.platforms),
    lowercaseHost: file.lowercaseHost ?? base.lowercaseHost,
  };
}

/** Reads a JSON rules file (format in the package README); any fault throws one clear NormalizationRulesError. */
export function loadNormalizationRules(path: string): NormalizationRules {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new NormalizationRulesError(`cannot read normalization rules file ${path} (${code})`);
  }
  const parsed = parseJson(text);
  if (!parsed.ok) {
    throw new NormalizationRulesError(`normalization rules file ${path}: ${parsed.error.replace(/^body/, 'content')}`);
  }
  return buildNormalizationRules(parsed.value, `normalization rules file ${path}`);
}
