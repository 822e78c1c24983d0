import type {
  DatasetDetailRow,
  JobDetailRow,
  RunDetailRow,
  RunRow,
  VersionRow,
} from '../graph/read/catalog.repository.js';
import { COLUMN_LINEAGE, isObject, OUTPUT_STATISTICS, sortedKeys } from '../graph/facet-properties.js';
import { parseOwners } from '../impact/owners.js';
import type { Column, Dataset, Job, Run, RunSummary, SchemaDiff, SchemaVersion } from './dto/catalog.dto.js';
import { parseJson } from './json.scalar.js';

export const toDate = (millis: number | null | undefined): Date | null => (millis == null ? null : new Date(millis));

/** What a run summary needs of a run row; the activity feed's rows carry it too. */
export type RunSummaryRow = Pick<
  RunRow,
  'id' | 'state' | 'startedAt' | 'endedAt' | 'errorMessage' | 'jobNamespace' | 'jobName'
>;

export function toRunSummary(row: RunSummaryRow): RunSummary {
  return {
    id: row.id,
    state: row.state ?? 'OTHER',
    startedAt: toDate(row.startedAt),
    endedAt: toDate(row.endedAt),
    durationMs: row.startedAt != null && row.endedAt != null ? row.endedAt - row.startedAt : null,
    errorMessage: row.errorMessage ?? null,
    jobNamespace: row.jobNamespace ?? null,
    jobName: row.jobName ?? null,
  };
}

function versionColumns(row: VersionRow): Column[] {
  const value = parseJson(row.fields);
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown, index): Column[] => {
    if (!entry || typeof entry !== 'object' || !('name' in entry) || typeof entry.name !== 'string') return [];
    const field = entry as { name: string; type?: unknown; description?: unknown };
    return [
      {
        id: null,
        path: field.name,
        name: field.name,
        type: typeof field.type === 'string' ? field.type : null,
        description: typeof field.description === 'string' ? field.description : null,
        ordinal: index,
        tags: [],
      },
    ];
  });
}

export function schemaDiff(before: Column[], after: Column[]): SchemaDiff {
  const old = new Map(before.map((column) => [column.path, column.type]));
  const now = new Map(after.map((column) => [column.path, column.type]));
  return {
    added: [...now.keys()].filter((path) => !old.has(path)),
    removed: [...old.keys()].filter((path) => !now.has(path)),
    retyped: [...now.entries()].filter(([path, type]) => old.has(path) && old.get(path) !== type).map(([path]) => path),
  };
}

/** Versions oldest first, each with the diff against the one before. */
export function toVersions(rows: VersionRow[]): SchemaVersion[] {
  const sorted = [...rows].sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || (a.hash < b.hash ? -1 : 1));
  let previous: Column[] | null = null;
  return sorted.map((row) => {
    const fields = versionColumns(row);
    const version: SchemaVersion = {
      version: row.hash,
      createdAt: toDate(row.createdAt),
      runId: row.runId ?? null,
      fields,
      diff: previous ? schemaDiff(previous, fields) : null,
    };
    previous = fields;
    return version;
  });
}

export function toDataset(row: DatasetDetailRow): Dataset {
  return {
    id: row.id,
    namespace: row.namespace,
    name: row.name,
    description: row.description ?? null,
    sourceName: row.sourceName ?? null,
    sourceUri: row.sourceUri ?? null,
    owners: parseOwners(row.owners),
    tags: row.tags,
    classifications: row.classifications,
    fields: row.fields
      .map((field) => ({
        id: field.id,
        path: field.path,
        name: field.name ?? field.path,
        type: field.type ?? null,
        description: field.description ?? null,
        ordinal: field.ordinal ?? null,
        tags: field.tags,
      }))
      .sort((a, b) => (a.ordinal ?? 1e9) - (b.ordinal ?? 1e9) || (a.path < b.path ? -1 : 1)),
    versions: toVersions(row.versions),
    producers: row.producers,
    consumers: row.consumers,
    latestRuns: row.latestRuns.map(toRunSummary),
    facets: datasetFacets(row),
    qualityAssertions: parseJson(row.qualityAssertions),
    lastRowCount: row.lastRowCount ?? null,
    lastByteSize: row.lastByteSize ?? null,
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  };
}

/**
 * Every facet of a dataset by key, as producers sent them: the stored
 * `facets` JSON with the two the writer keeps apart (batch-plan.ts,
 * datasetFacetChanges): the newest well-formed output statistics and the
 * newest column lineage when a job's output edge holds it.
 */
function datasetFacets(row: Pick<DatasetDetailRow, 'facets' | 'outputStatistics' | 'columnLineageFacet'>): unknown {
  const facets = parseJson(row.facets);
  const statistics = parseJson(row.outputStatistics);
  const columnLineage = parseJson(row.columnLineageFacet);
  if (statistics === null && columnLineage === null) return facets;
  const merged: Record<string, unknown> = { ...(isObject(facets) ? facets : {}) };
  if (columnLineage !== null) merged[COLUMN_LINEAGE] = columnLineage;
  if (statistics !== null) merged[OUTPUT_STATISTICS] = statistics;
  return sortedKeys(merged);
}

export function toJob(row: JobDetailRow): Job {
  return {
    id: row.id,
    namespace: row.namespace,
    name: row.name,
    description: row.description ?? null,
    jobType: row.jobType ?? null,
    processingType: row.processingType ?? null,
    integration: row.integration ?? null,
    sql: row.sql ?? null,
    sqlDialect: row.sqlDialect ?? null,
    sourceCodeLanguage: row.sourceCodeLanguage ?? null,
    sourceCode: row.sourceCode ?? null,
    sourceCodeUrl: row.sourceCodeUrl ?? null,
    owners: parseOwners(row.owners),
    tags: row.tags,
    inputs: row.inputs,
    outputs: row.outputs,
    parent: row.parent ?? null,
    children: row.children,
    latestRun: row.latestRun ? toRunSummary(row.latestRun) : null,
    facets: parseJson(row.facets),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
  };
}

export function toRun(row: RunDetailRow): Run {
  return {
    ...toRunSummary(row),
    job: row.job ?? null,
    inputs: row.inputs,
    outputs: row.outputs,
    nominalStartTime: toDate(row.nominalStartTime),
    nominalEndTime: toDate(row.nominalEndTime),
    processingEngine: row.processingEngine ?? null,
    processingEngineVersion: row.processingEngineVersion ?? null,
    facets: parseJson(row.facets),
  };
}
