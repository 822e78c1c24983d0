import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnLineage } from '../sql/column-lineage.js';
import type { ColumnLineageResult, ColumnSource, KnownTable, SqlDialect, TableLookup } from '../sql/types.js';
import { type DbtArtifacts, type DbtNode, compiledCode } from './artifacts.js';

/** Resource types whose compiled SQL produces a relation. */
const SQL_RESOURCES = new Set(['model', 'snapshot']);
export const RELATION_RESOURCES = new Set(['model', 'snapshot', 'seed', 'source']);
/** Columns dbt adds to every snapshot table. */
const SNAPSHOT_COLUMNS = ['dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to'];

export interface NodeIdentity {
  namespace: string;
  name: string;
}

export interface ModelColumnLineage {
  /** Output columns with their sources, names in the model's declared case. */
  result: ColumnLineageResult;
  /** Every output column resolved and nothing reported. */
  fullyResolved: boolean;
}

export interface LineageContext {
  artifacts: DbtArtifacts;
  dialect: SqlDialect;
  identity: (node: DbtNode) => NodeIdentity;
  /** For seed CSV headers (the exact column list when there is no catalog). */
  projectDir?: string;
}

export function allRelations(artifacts: DbtArtifacts): DbtNode[] {
  const nodes = Object.values(artifacts.manifest.nodes).filter((n) => RELATION_RESOURCES.has(n.resource_type));
  return [...nodes, ...Object.values(artifacts.manifest.sources)];
}

function catalogColumns(artifacts: DbtArtifacts, node: DbtNode): string[] | undefined {
  const entry = artifacts.catalog?.nodes?.[node.unique_id] ?? artifacts.catalog?.sources?.[node.unique_id];
  if (!entry?.columns) return undefined;
  return Object.values(entry.columns)
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((c) => c.name);
}

function seedHeader(projectDir: string | undefined, node: DbtNode): string[] | undefined {
  if (node.resource_type !== 'seed' || !node.original_file_path) return undefined;
  const file = join(node.root_path ?? projectDir ?? '', node.original_file_path);
  if (!existsSync(file)) return undefined;
  const first = readFileSync(file, 'utf8').split(/\r?\n/, 1)[0];
  // Quoted headers with commas inside are rare in seeds; a header we cannot split simply is not used.
  if (!first || first.includes('"')) return undefined;
  return first.split(',').map((c) => c.trim());
}

/** Names as the catalog or the model's docs spell them (Snowflake upper-cases, docs often do not). */
function canonical(name: string, declared: readonly string[] | undefined): string {
  return declared?.find((d) => d.toLowerCase() === name.toLowerCase()) ?? name;
}

/**
 * The catalog's columns of a table or view dbt created with `CREATE … AS SELECT`: they are the
 * SELECT's items in order, so they name unaliased expressions exactly. Not for incremental models
 * or snapshots, whose tables outlive the current SELECT.
 */
function createdAsSelect(artifacts: DbtArtifacts, node: DbtNode): string[] | undefined {
  const materialized = node.config?.materialized;
  if (node.resource_type !== 'model' || (materialized !== 'table' && materialized !== 'view')) return undefined;
  return catalogColumns(artifacts, node);
}

function documented(node: DbtNode): string[] {
  return Object.values(node.columns ?? {}).map((c) => c.name);
}

/**
 * Column lineage of every model and snapshot, resolved in dependency order so a
 * model's output columns (when fully known) are the input schema of the models
 * that select from it.
 */
export function modelColumnLineage(ctx: LineageContext): Map<string, ModelColumnLineage> {
  const { artifacts } = ctx;
  const relations = allRelations(artifacts);
  const known = new Map<string, string[] | undefined>();
  for (const node of relations) {
    known.set(node.unique_id, catalogColumns(artifacts, node) ?? seedHeader(ctx.projectDir, node));
  }
  const byKey = new Map<string, DbtNode[]>();
  const add = (key: string, node: DbtNode) => byKey.set(key, [...(byKey.get(key) ?? []), node]);
  for (const node of relations) {
    if (node.config?.materialized === 'ephemeral') continue;
    const table = (
      node.resource_type === 'source' ? (node.identifier ?? node.name) : (node.alias ?? node.name)
    ).toLowerCase();
    const schema = node.schema.toLowerCase();
    if (node.database) add(`${node.database.toLowerCase()}.${schema}.${table}`, node);
    add(`${schema}.${table}`, node);
  }

  const out = new Map<string, ModelColumnLineage>();
  const visiting = new Set<string>();
  const visit = (node: DbtNode): void => {
    if (out.has(node.unique_id) || visiting.has(node.unique_id) || !SQL_RESOURCES.has(node.resource_type)) return;
    visiting.add(node.unique_id);
    for (const dep of node.depends_on?.nodes ?? []) {
      const upstream = artifacts.manifest.nodes[dep];
      if (upstream) visit(upstream);
    }
    const code = compiledCode(node);
    const lookup: TableLookup = (parts) => {
      const lower = parts.map((p) => p.toLowerCase());
      // An unqualified name is the model's own schema on every adapter dbt supports.
      const key = lower.length === 1 ? `${node.schema.toLowerCase()}.${lower[0]}` : lower.join('.');
      const matches = byKey.get(key) ?? [];
      if (matches.length !== 1) return undefined;
      const match = matches[0]!;
      const table: KnownTable = { ref: ctx.identity(match), columns: known.get(match.unique_id) };
      return table;
    };
    const noSql = (problem: string): ColumnLineageResult => ({ columns: [], dataset: [], problems: [problem] });
    const result: ColumnLineageResult =
      node.language && node.language !== 'sql'
        ? noSql(`a ${node.language} model has no SQL to trace`)
        : code
          ? columnLineage(code, ctx.dialect, lookup, { outputColumns: createdAsSelect(artifacts, node) })
          : noSql('the manifest holds no compiled code (run dbt compile or build first)');
    const declared = catalogColumns(artifacts, node) ?? documented(node);
    const columns = result.columns.map((c) => ({ ...c, name: canonical(c.name, declared) }));
    const complete = result.problems.length === 0;
    if (complete && !known.get(node.unique_id)) {
      const names = columns.map((c) => c.name);
      known.set(node.unique_id, node.resource_type === 'snapshot' ? [...names, ...SNAPSHOT_COLUMNS] : names);
    }
    out.set(node.unique_id, { result: { ...result, columns }, fullyResolved: complete });
    visiting.delete(node.unique_id);
  };
  for (const node of Object.values(artifacts.manifest.nodes)) visit(node);
  return out;
}

/** Every dataset the lineage reads, for the job's inputs. */
export function lineageInputs(lineage: ColumnLineageResult): NodeIdentity[] {
  const seen = new Map<string, NodeIdentity>();
  const all: ColumnSource[] = [...lineage.dataset, ...lineage.columns.flatMap((c) => c.sources)];
  for (const s of all) seen.set(`${s.table.namespace}\u0000${s.table.name}`, s.table);
  return [...seen.values()];
}
