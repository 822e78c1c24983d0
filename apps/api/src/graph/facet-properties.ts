import { timeKey } from './event-time.js';
import { toDateTime } from './neo4j-values.js';

/** Stored per node as JSON: facet name → [winning key, content hash, usable]. */
export type FacetKeys = Record<string, [string, string, boolean]>;

export type Props = Record<string, unknown>;

type Facets = Record<string, unknown>;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Facets by name in key order: stored and shown JSON must not depend on which event arrived first. */
export function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The facet's value when the newest one seen was well-formed; malformed facets are display-only. */
function usable(facets: Facets, keys: FacetKeys, name: string): Record<string, unknown> | null {
  const value = facets[name];
  return keys[name]?.[2] && isObject(value) ? value : null;
}

function newest(keys: FacetKeys, names: string[]): string | null {
  let best: string | null = null;
  for (const name of names) if (keys[name]?.[2] && (!best || keys[name]![0] > keys[best]![0])) best = name;
  return best;
}

function owners(facets: Facets, keys: FacetKeys): string | null {
  const list = usable(facets, keys, 'ownership')?.owners;
  return Array.isArray(list)
    ? JSON.stringify(list.filter(isObject).map((o) => ({ name: str(o.name), type: str(o.type) })))
    : null;
}

function tags(facets: Facets, keys: FacetKeys): string[] | null {
  const list = usable(facets, keys, 'tags')?.tags;
  if (!Array.isArray(list)) return null;
  return list
    .filter(isObject)
    .map((t) => (t.value === undefined || t.value === '' ? String(t.key) : `${String(t.key)}:${String(t.value)}`));
}

function dateTime(value: unknown): unknown {
  if (typeof value !== 'string') return null;
  try {
    return toDateTime(timeKey(value));
  } catch {
    return null;
  }
}

/**
 * A dataset's output statistics change with nearly every run. A well-formed
 * one is stored in its own small properties (`outputStatistics`,
 * `lastRowCount`, `lastByteSize`), never in the dataset's `facets` JSON, so a
 * run that changes nothing else leaves that JSON (kilobytes: schema, column
 * lineage) unread and unwritten. A malformed one is kept in `facets` for
 * display, as every malformed facet is.
 */
export const OUTPUT_STATISTICS = 'outputFacets.outputStatistics';

/**
 * A dataset's column lineage facet. The newest one that a job's output
 * carried lives on that job's OUTPUTS edge, not in the dataset's `facets`
 * JSON (batch-plan.ts, datasetFacetChanges).
 */
export const COLUMN_LINEAGE = 'columnLineage';

/** The properties of the newest output statistics facet; null clears them (the newest is malformed). */
export function statisticsProperties(value: unknown): Props {
  const statistics = isObject(value) ? value : null;
  return {
    outputStatistics: statistics ? JSON.stringify(statistics) : null,
    lastRowCount: num(statistics?.rowCount),
    lastByteSize: num(statistics?.size),
  };
}

/** Properties drawn from a dataset's `facets` (output statistics apart: `statisticsProperties`). */
export function datasetProperties(facets: Facets, keys: FacetKeys): Props {
  const documentation = usable(facets, keys, 'documentation');
  const source = usable(facets, keys, 'dataSource');
  const quality = newest(keys, ['dataQualityAssertions', 'inputFacets.dataQualityAssertions']);
  const assertions = quality ? usable(facets, keys, quality)?.assertions : undefined;
  return {
    description: str(documentation?.description),
    sourceName: str(source?.name),
    sourceUri: str(source?.uri),
    owners: owners(facets, keys),
    tags: tags(facets, keys),
    qualityAssertions: Array.isArray(assertions) ? JSON.stringify(assertions) : null,
  };
}

export function jobProperties(facets: Facets, keys: FacetKeys): Props {
  const jobType = usable(facets, keys, 'jobType');
  const sql = usable(facets, keys, 'sql');
  const code = usable(facets, keys, 'sourceCode');
  const location = usable(facets, keys, 'sourceCodeLocation');
  return {
    description: str(usable(facets, keys, 'documentation')?.description),
    jobType: str(jobType?.jobType),
    processingType: str(jobType?.processingType),
    integration: str(jobType?.integration),
    sql: str(sql?.query),
    sqlDialect: str(sql?.dialect),
    sourceCodeLanguage: str(code?.language),
    sourceCode: str(code?.sourceCode),
    sourceCodeUrl: str(location?.url),
    sourceCodeRepoUrl: str(location?.repoUrl),
    owners: owners(facets, keys),
    tags: tags(facets, keys),
  };
}

export function runProperties(facets: Facets, keys: FacetKeys): Props {
  const nominal = usable(facets, keys, 'nominalTime');
  const error = usable(facets, keys, 'errorMessage');
  const engine = usable(facets, keys, 'processing_engine');
  return {
    nominalStartTime: dateTime(nominal?.nominalStartTime),
    nominalEndTime: dateTime(nominal?.nominalEndTime),
    errorMessage: str(error?.message),
    errorStackTrace: str(error?.stackTrace),
    errorLanguage: str(error?.programmingLanguage),
    processingEngine: str(engine?.name),
    processingEngineVersion: str(engine?.version),
    openlineageAdapterVersion: str(engine?.openlineageAdapterVersion),
  };
}
