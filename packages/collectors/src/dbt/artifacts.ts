import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The subset of dbt's artifact schemas (manifest v2–v12, run_results v2–v6,
// catalog v1) this collector reads. Field names differ between versions
// (`compiled_sql` → `compiled_code`, `attached_node` from v7); readers below
// accept both.

export interface DbtColumn {
  name: string;
  description?: string;
  data_type?: string | null;
}

export interface DbtNode {
  unique_id: string;
  resource_type: string;
  name: string;
  package_name: string;
  database?: string | null;
  schema: string;
  alias?: string;
  identifier?: string;
  source_name?: string;
  description?: string;
  columns?: Record<string, DbtColumn>;
  depends_on?: { nodes?: string[] };
  compiled_code?: string;
  compiled_sql?: string;
  /** `sql` or `python` (dbt 1.3+). */
  language?: string;
  config?: { materialized?: string; severity?: string };
  test_metadata?: { name: string; kwargs?: Record<string, unknown> };
  column_name?: string | null;
  attached_node?: string | null;
  original_file_path?: string;
  root_path?: string;
  relation_name?: string | null;
}

export interface DbtManifest {
  metadata: {
    dbt_schema_version?: string;
    dbt_version?: string;
    invocation_id?: string;
    adapter_type?: string;
    project_name?: string;
    generated_at?: string;
  };
  nodes: Record<string, DbtNode>;
  sources: Record<string, DbtNode>;
}

export interface DbtRunResult {
  unique_id: string;
  status: string;
  message?: string | null;
  failures?: number | string | null;
  timing?: { name: string; started_at?: string | null; completed_at?: string | null }[];
  adapter_response?: { rows_affected?: number };
}

export interface DbtRunResults {
  metadata: { dbt_version?: string; invocation_id?: string; generated_at?: string };
  args?: { which?: string };
  results: DbtRunResult[];
}

export interface DbtCatalogEntry {
  columns: Record<string, { name: string; type?: string; index?: number; comment?: string | null }>;
}
export interface DbtCatalog {
  nodes?: Record<string, DbtCatalogEntry>;
  sources?: Record<string, DbtCatalogEntry>;
}

export interface DbtArtifacts {
  manifest: DbtManifest;
  runResults?: DbtRunResults;
  catalog?: DbtCatalog;
  /** Files read, for messages. */
  files: { manifest: string; runResults?: string; catalog?: string };
}

/** An artifact that cannot be used; the message names the file and the problem in one line. */
export class ArtifactError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ArtifactError';
  }
}

const SUPPORTED_MANIFEST = /\/manifest\/v(\d+)\.json$/;

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArtifactError(file, code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(error)})`);
  }
  if (text.trim() === '') throw new ArtifactError(file, 'file is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    // A parse error at the very end of the text is a cut-off file more often than a malformed one.
    const position = /at position (\d+)/.exec(detail ?? '');
    const atEnd = position ? Number(position[1]) >= text.trimEnd().length - 1 : false;
    const truncated =
      atEnd || /end of (json|data)|unterminated|unexpected end/i.test(detail ?? '') ? ' (truncated?)' : '';
    throw new ArtifactError(file, `invalid JSON${truncated}: ${detail}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkManifest(file: string, raw: unknown): DbtManifest {
  if (!isRecord(raw) || !isRecord(raw.metadata))
    throw new ArtifactError(file, 'not a dbt manifest (no "metadata" object)');
  if (!isRecord(raw.nodes)) throw new ArtifactError(file, 'not a dbt manifest (no "nodes" object)');
  const version = typeof raw.metadata.dbt_schema_version === 'string' ? raw.metadata.dbt_schema_version : '';
  const match = SUPPORTED_MANIFEST.exec(version);
  if (match && Number(match[1]) > 12) {
    throw new ArtifactError(file, `manifest schema v${match[1]} is newer than the supported v12`);
  }
  for (const [id, node] of Object.entries(raw.nodes)) {
    if (!isRecord(node) || typeof node.resource_type !== 'string' || typeof node.name !== 'string') {
      throw new ArtifactError(file, `node "${id}" lacks resource_type or name`);
    }
  }
  return {
    ...(raw as unknown as DbtManifest),
    sources: isRecord(raw.sources) ? (raw.sources as DbtManifest['sources']) : {},
  };
}

function checkRunResults(file: string, raw: unknown): DbtRunResults {
  if (!isRecord(raw) || !Array.isArray(raw.results))
    throw new ArtifactError(file, 'not dbt run results (no "results" array)');
  for (const [i, result] of raw.results.entries()) {
    if (!isRecord(result) || typeof result.unique_id !== 'string' || typeof result.status !== 'string') {
      throw new ArtifactError(file, `result #${i} lacks unique_id or status`);
    }
  }
  return raw as unknown as DbtRunResults;
}

function checkCatalog(file: string, raw: unknown): DbtCatalog {
  if (!isRecord(raw) || !isRecord(raw.nodes)) throw new ArtifactError(file, 'not a dbt catalog (no "nodes" object)');
  return raw as DbtCatalog;
}

/**
 * Reads and checks the artifacts in `targetDir`: manifest.json is required,
 * run_results.json and catalog.json are used when present. Throws ArtifactError
 * before anything is produced, so a broken file never yields partial events.
 */
export function readArtifacts(targetDir: string): DbtArtifacts {
  const manifestFile = join(targetDir, 'manifest.json');
  const manifest = checkManifest(manifestFile, readJson(manifestFile));
  const runResultsFile = join(targetDir, 'run_results.json');
  const catalogFile = join(targetDir, 'catalog.json');
  const runResults = existsSync(runResultsFile) ? checkRunResults(runResultsFile, readJson(runResultsFile)) : undefined;
  const catalog = existsSync(catalogFile) ? checkCatalog(catalogFile, readJson(catalogFile)) : undefined;
  return {
    manifest,
    runResults,
    catalog,
    files: {
      manifest: manifestFile,
      runResults: runResults ? runResultsFile : undefined,
      catalog: catalog ? catalogFile : undefined,
    },
  };
}

export function compiledCode(node: DbtNode): string | undefined {
  const code = node.compiled_code ?? node.compiled_sql;
  return typeof code === 'string' && code.trim() !== '' ? code : undefined;
}
