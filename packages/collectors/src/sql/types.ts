import type { TransformationSubtype, TransformationType } from '@tributary/openlineage';

/** A dataset as OpenLineage names it. */
export interface TableRef {
  namespace: string;
  name: string;
}

/** A table the SQL reads, with its columns when a catalog or the manifest knows them. */
export interface KnownTable {
  ref: TableRef;
  /** Column names in declared order and declared case; undefined when unknown. */
  columns?: readonly string[];
}

/**
 * Resolves a table reference as written in the SQL (1 to 3 identifier parts,
 * unquoted) to a known dataset; undefined when the name is not a known relation.
 */
export type TableLookup = (parts: readonly string[]) => KnownTable | undefined;

export interface Transformation {
  type: TransformationType;
  subtype: TransformationSubtype;
  /** The value passed through a function that hides it (hash, count). */
  masking?: boolean;
}

/** One input column feeding an output column (or the whole output dataset). */
export interface ColumnSource {
  table: TableRef;
  field: string;
  transformation: Transformation;
}

export interface OutputColumn {
  name: string;
  sources: ColumnSource[];
}

export interface ColumnLineageResult {
  /** Output columns in SELECT order; a column is left out when it cannot be resolved. */
  columns: OutputColumn[];
  /** Inputs that affect every output row: filters, joins, grouping, sorting. */
  dataset: ColumnSource[];
  /** Why parts of the query were left out; empty when fully resolved. */
  problems: string[];
}

/** node-sql-parser dialect names we parse with. */
export type SqlDialect = 'postgresql' | 'snowflake' | 'bigquery' | 'redshift' | 'hive' | 'trino' | 'mysql';
