import { createHash } from 'node:crypto';
import {
  isDatasetEvent,
  isJobEvent,
  isRunEvent,
  type ColumnLineageDatasetFacet,
  type ColumnLineageInputField,
  type Dataset,
  type EventType,
  type FacetMap,
  type ParentRunFacet,
  type SchemaDatasetFacet,
  type SchemaDatasetFacetField,
  type SymlinksDatasetFacet,
} from '@tributary/openlineage';
import type { AcceptedEvent } from './accepted-event.js';
import { timeKey } from './event-time.js';
import { datasetId, fieldId, jobId } from './graph-ids.js';

/**
 * What one accepted event says about the graph, with every value the writer
 * compares already reduced to a sortable key. Pure: no I/O, so the merge
 * rules can be tested without Neo4j.
 */
export interface FacetIn {
  /** Facet key; input/output facets are prefixed `inputFacets.` / `outputFacets.`. */
  name: string;
  /**
   * The facet as parsed from the event, not its JSON text: the drainer keeps
   * the batch's events alive until the commit anyway, and a second copy of
   * every facet as text was most of a 250-event transaction's heap (~34 of
   * ~53 MB in a heap snapshot of bench:ingest). Serialized only when stored.
   */
  value: unknown;
  hash: string;
  /** False for a malformed standard facet: kept for display, never extracted. */
  usable: boolean;
  /** `<time key>|<hash>`: the latest event wins, ties broken by content. */
  key: string;
}

export interface SchemaField {
  id: string;
  path: string;
  name: string;
  type: string | null;
  description: string | null;
  ordinal: number;
}

export interface SchemaIn {
  hash: string;
  fields: SchemaField[];
}

/** What a column edge says about its transformation; FEEDS_UPSERT names each key. */
export interface ColumnEdgeProps {
  type: string | null;
  subtype: string | null;
  transformations: string[];
  description: string | null;
  masking: boolean;
}

export interface ColumnEdgeIn extends ColumnEdgeProps {
  inputDatasetId: string;
  inputNamespace: string;
  inputName: string;
  inputFieldId: string;
  inputPath: string;
  /** Output field for FEEDS; null for a dataset-level (AFFECTS) entry. */
  outputFieldId: string | null;
  outputPath: string | null;
}

export interface ColumnLineageIn {
  hash: string;
  /**
   * The facet's key (FacetIn.key). The job's OUTPUTS edge records the newest
   * it wrote, and a dataset whose newest facet an edge holds names the same
   * key (batch-plan.ts), so the two must come from this one value.
   */
  key: string;
  edges: ColumnEdgeIn[];
  /** The facet as parsed, stored on the job's OUTPUTS edge for display. */
  value: ColumnLineageDatasetFacet;
}

export interface DatasetMention {
  id: string;
  namespace: string;
  name: string;
  role: 'input' | 'output' | 'static';
  facets: FacetIn[];
  schema: SchemaIn | null;
  symlinks: { id: string; namespace: string; name: string; type: string }[] | null;
  columnLineage: ColumnLineageIn | null;
  rowCount: number | null;
  byteSize: number | null;
}

export interface ParentIn {
  runId: string;
  jobId: string;
  jobNamespace: string;
  jobName: string;
}

export interface EventFacts {
  time: string;
  timeKey: string;
  run: { id: string; eventType: EventType; facets: FacetIn[]; parent: ParentIn | null } | null;
  job: { id: string; namespace: string; name: string; facets: FacetIn[]; isJobEvent: boolean } | null;
  datasets: DatasetMention[];
  /** Dataset id → ids of the names it had before normalization. */
  originalIds: Map<string, string[]>;
}

export function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function facetsIn(
  map: FacetMap | undefined,
  pointer: string,
  prefix: string,
  time: string,
  unusable: ReadonlySet<string>,
): FacetIn[] {
  if (!isObject(map)) return [];
  const out: FacetIn[] = [];
  for (const [name, value] of Object.entries(map)) {
    // `_deleted` facets ask the consumer to forget the facet; keeping the
    // marker as the newest value makes later readers skip it.
    const hash = hashOf(JSON.stringify(value ?? null));
    out.push({
      name: prefix + name,
      value: value ?? null,
      hash,
      usable: !unusable.has(`${pointer}/${name}`) && isObject(value) && value['_deleted'] !== true,
      key: `${time}|${hash}`,
    });
  }
  return out;
}

function usableFacet<T>(
  map: FacetMap | undefined,
  name: string,
  pointer: string,
  unusable: ReadonlySet<string>,
): T | null {
  if (!isObject(map)) return null;
  const value = map[name];
  if (!isObject(value) || unusable.has(`${pointer}/${name}`) || value['_deleted'] === true) return null;
  return value as T;
}

export function flattenSchema(namespace: string, name: string, fields: SchemaDatasetFacetField[]): SchemaField[] {
  const out: SchemaField[] = [];
  const walk = (list: SchemaDatasetFacetField[], prefix: string): void => {
    list.forEach((field, index) => {
      if (!isObject(field) || typeof field.name !== 'string') return;
      const path = prefix ? `${prefix}.${field.name}` : field.name;
      out.push({
        id: fieldId(namespace, name, path),
        path,
        name: field.name,
        type: str(field.type),
        description: str(field.description),
        ordinal: typeof field.ordinal_position === 'number' ? field.ordinal_position : index + 1,
      });
      if (Array.isArray(field.fields)) walk(field.fields, path);
    });
  };
  walk(fields, '');
  return out;
}

function schemaIn(namespace: string, name: string, facet: SchemaDatasetFacet | null): SchemaIn | null {
  if (!facet || !Array.isArray(facet.fields)) return null;
  const fields = flattenSchema(namespace, name, facet.fields);
  const hash = hashOf(JSON.stringify(fields.map((f) => [f.path, f.type, f.description, f.ordinal])));
  return { hash, fields };
}

function transformationsOf(input: ColumnLineageInputField): ColumnEdgeProps {
  const list = Array.isArray(input.transformations) ? input.transformations.filter(isObject) : [];
  // The facet lists several transformations for one input; the edge keeps
  // all of them and names the strongest one: DIRECT beats INDIRECT.
  const direct = list.find((t) => t.type === 'DIRECT');
  const main = direct ?? list[0];
  return {
    type: main ? str(main.type) : null,
    subtype: main ? str(main.subtype) : null,
    transformations: list.map((t) => `${String(t.type ?? '')}/${String(t.subtype ?? '')}`),
    description: main ? str(main.description) || null : null,
    masking: list.some((t) => t.masking === true),
  };
}

/** The facet's content hash is the mapping's: the same facet JSON is the same mapping, and hashing it again would cost more than the writes it saves. */
function columnLineageIn(
  namespace: string,
  name: string,
  facet: ColumnLineageDatasetFacet | null,
  stored: FacetIn | undefined,
): ColumnLineageIn | null {
  if (!facet || !isObject(facet.fields)) return null;
  const edges: ColumnEdgeIn[] = [];
  const add = (input: ColumnLineageInputField, outputPath: string | null): void => {
    if (!isObject(input) || typeof input.namespace !== 'string' || typeof input.name !== 'string') return;
    if (typeof input.field !== 'string') return;
    edges.push({
      inputDatasetId: datasetId(input.namespace, input.name),
      inputNamespace: input.namespace,
      inputName: input.name,
      inputFieldId: fieldId(input.namespace, input.name, input.field),
      inputPath: input.field,
      outputFieldId: outputPath === null ? null : fieldId(namespace, name, outputPath),
      outputPath,
      ...transformationsOf(input),
    });
  };
  for (const [outputPath, entry] of Object.entries(facet.fields)) {
    if (!isObject(entry) || !Array.isArray(entry.inputFields)) continue;
    for (const input of entry.inputFields) add(input, outputPath);
  }
  if (Array.isArray(facet.dataset)) for (const input of facet.dataset) add(input, null);
  if (edges.length === 0 || !stored) return null;
  return { hash: stored.hash, key: stored.key, edges, value: facet };
}

function datasetMention(
  dataset: Dataset & { inputFacets?: FacetMap; outputFacets?: FacetMap },
  role: DatasetMention['role'],
  pointer: string,
  time: string,
  unusable: ReadonlySet<string>,
): DatasetMention | null {
  if (!isObject(dataset) || typeof dataset.namespace !== 'string' || typeof dataset.name !== 'string') return null;
  const { namespace, name } = dataset;
  const facets = [
    ...facetsIn(dataset.facets, `${pointer}/facets`, '', time, unusable),
    ...facetsIn(dataset.inputFacets, `${pointer}/inputFacets`, 'inputFacets.', time, unusable),
    ...facetsIn(dataset.outputFacets, `${pointer}/outputFacets`, 'outputFacets.', time, unusable),
  ];
  const symlinks = usableFacet<SymlinksDatasetFacet>(dataset.facets, 'symlinks', `${pointer}/facets`, unusable);
  const stats = usableFacet<{ rowCount?: unknown; size?: unknown }>(
    dataset.outputFacets,
    'outputStatistics',
    `${pointer}/outputFacets`,
    unusable,
  );
  return {
    id: datasetId(namespace, name),
    namespace,
    name,
    role,
    facets,
    schema: schemaIn(namespace, name, usableFacet(dataset.facets, 'schema', `${pointer}/facets`, unusable)),
    symlinks: Array.isArray(symlinks?.identifiers)
      ? symlinks.identifiers
          .filter((s) => isObject(s) && typeof s.namespace === 'string' && typeof s.name === 'string')
          .map((s) => ({
            id: datasetId(s.namespace, s.name),
            namespace: s.namespace,
            name: s.name,
            type: String(s.type ?? ''),
          }))
      : null,
    columnLineage:
      role === 'output' || role === 'static'
        ? columnLineageIn(
            namespace,
            name,
            usableFacet(dataset.facets, 'columnLineage', `${pointer}/facets`, unusable),
            facets.find((f) => f.name === 'columnLineage'),
          )
        : null,
    rowCount: typeof stats?.rowCount === 'number' ? stats.rowCount : null,
    byteSize: typeof stats?.size === 'number' ? stats.size : null,
  };
}

export function eventFacts(accepted: AcceptedEvent): EventFacts {
  const { event } = accepted;
  const unusable = new Set(accepted.unusableFacets);
  const time = timeKey(event.eventTime);
  const datasets: DatasetMention[] = [];
  const push = (mention: DatasetMention | null): void => {
    if (mention) datasets.push(mention);
  };
  let run: EventFacts['run'] = null;
  let job: EventFacts['job'] = null;

  if (isRunEvent(event) || isJobEvent(event)) {
    const j = event.job;
    job = {
      id: jobId(j.namespace, j.name),
      namespace: j.namespace,
      name: j.name,
      facets: facetsIn(j.facets, '/job/facets', '', time, unusable),
      isJobEvent: !isRunEvent(event),
    };
    (event.inputs ?? []).forEach((input, i) => push(datasetMention(input, 'input', `/inputs/${i}`, time, unusable)));
    (event.outputs ?? []).forEach((output, i) =>
      push(datasetMention(output, 'output', `/outputs/${i}`, time, unusable)),
    );
  }
  if (isRunEvent(event)) {
    const parent = usableFacet<ParentRunFacet>(event.run.facets, 'parent', '/run/facets', unusable);
    const parentOk =
      parent &&
      isObject(parent.run) &&
      typeof parent.run.runId === 'string' &&
      isObject(parent.job) &&
      typeof parent.job.namespace === 'string' &&
      typeof parent.job.name === 'string';
    run = {
      id: event.run.runId,
      eventType: event.eventType ?? 'OTHER',
      facets: facetsIn(event.run.facets, '/run/facets', '', time, unusable),
      parent: parentOk
        ? {
            runId: parent.run.runId,
            jobId: jobId(parent.job.namespace, parent.job.name),
            jobNamespace: parent.job.namespace,
            jobName: parent.job.name,
          }
        : null,
    };
  } else if (isDatasetEvent(event)) {
    push(datasetMention(event.dataset, 'static', '/dataset', time, unusable));
  }

  const originalIds = new Map<string, string[]>();
  for (const rename of accepted.renamed) {
    const to = datasetId(rename.to.namespace, rename.to.name);
    const from = datasetId(rename.from.namespace, rename.from.name);
    if (from === to) continue;
    originalIds.set(to, [...(originalIds.get(to) ?? []), from]);
  }
  return { time: event.eventTime, timeKey: time, run, job, datasets, originalIds };
}
