// OpenLineage event model (spec 2-0-2), with OpenLineage's own names.
// Facets are open-ended: producers add custom keys, so every facet map allows
// unknown entries; the standard facets we read are typed below.

export type EventType = 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';
export const EVENT_TYPES: readonly EventType[] = ['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'];

export type EventKind = 'RunEvent' | 'DatasetEvent' | 'JobEvent';

/** Any facet: `_producer`/`_schemaURL` plus facet-specific keys. */
export interface BaseFacet {
  _producer?: string;
  _schemaURL?: string;
  _deleted?: boolean;
  [key: string]: unknown;
}

export type FacetMap = Record<string, BaseFacet | unknown>;

export interface Run {
  runId: string;
  facets?: FacetMap;
}

export interface Job {
  namespace: string;
  name: string;
  facets?: FacetMap;
}

export interface Dataset {
  namespace: string;
  name: string;
  facets?: FacetMap;
}

export interface InputDataset extends Dataset {
  inputFacets?: FacetMap;
}

export interface OutputDataset extends Dataset {
  outputFacets?: FacetMap;
}

export type StaticDataset = Dataset;

export interface BaseEvent {
  eventTime: string;
  producer: string;
  schemaURL: string;
}

export interface RunEvent extends BaseEvent {
  eventType?: EventType;
  run: Run;
  job: Job;
  inputs?: InputDataset[];
  outputs?: OutputDataset[];
}

export interface DatasetEvent extends BaseEvent {
  dataset: StaticDataset;
}

export interface JobEvent extends BaseEvent {
  job: Job;
  inputs?: InputDataset[];
  outputs?: OutputDataset[];
}

export type OpenLineageEvent = RunEvent | DatasetEvent | JobEvent;

// ---- standard facets read by the graph ----

export interface SchemaDatasetFacetField {
  name: string;
  type?: string;
  description?: string;
  ordinal_position?: number;
  fields?: SchemaDatasetFacetField[];
}
export interface SchemaDatasetFacet extends BaseFacet {
  fields?: SchemaDatasetFacetField[];
}

export type TransformationType = 'DIRECT' | 'INDIRECT';
export type TransformationSubtype =
  'IDENTITY' | 'TRANSFORMATION' | 'AGGREGATION' | 'FILTER' | 'JOIN' | 'GROUP_BY' | 'SORT' | 'WINDOW' | 'CONDITIONAL';

export interface ColumnLineageTransformation {
  type: TransformationType | string;
  subtype?: TransformationSubtype | string;
  description?: string;
  masking?: boolean;
}
export interface ColumnLineageInputField {
  namespace: string;
  name: string;
  field: string;
  transformations?: ColumnLineageTransformation[];
}
export interface ColumnLineageDatasetFacet extends BaseFacet {
  fields: Record<
    string,
    {
      inputFields: ColumnLineageInputField[];
      transformationDescription?: string;
      transformationType?: string;
    }
  >;
  dataset?: ColumnLineageInputField[];
}

export interface SymlinksDatasetFacet extends BaseFacet {
  identifiers?: { namespace: string; name: string; type: string }[];
}

export interface ParentRunFacet extends BaseFacet {
  run: { runId: string };
  job: { namespace: string; name: string };
  root?: { run: { runId: string }; job: { namespace: string; name: string } };
}

export interface OwnershipFacet extends BaseFacet {
  owners?: { name: string; type?: string }[];
}
export interface DocumentationFacet extends BaseFacet {
  description: string;
  contentType?: string;
}
export interface DatasourceDatasetFacet extends BaseFacet {
  name?: string;
  uri?: string;
}
export interface JobTypeJobFacet extends BaseFacet {
  processingType: string;
  integration: string;
  jobType?: string;
  emissionPattern?: { eventTrigger: string; eventContentMode: string; windowDuration?: number };
}
export interface SQLJobFacet extends BaseFacet {
  query: string;
  dialect?: string;
}
export interface SourceCodeJobFacet extends BaseFacet {
  language: string;
  sourceCode: string;
}
export interface SourceCodeLocationJobFacet extends BaseFacet {
  type: string;
  url: string;
  repoUrl?: string;
  path?: string;
  version?: string;
  tag?: string;
  branch?: string;
  pullRequestNumber?: string;
}
export interface ErrorMessageRunFacet extends BaseFacet {
  message: string;
  programmingLanguage: string;
  stackTrace?: string;
}
export interface NominalTimeRunFacet extends BaseFacet {
  nominalStartTime: string;
  nominalEndTime?: string;
}
export interface ProcessingEngineRunFacet extends BaseFacet {
  version: string;
  name?: string;
  openlineageAdapterVersion?: string;
}
export interface OutputStatisticsOutputDatasetFacet extends BaseFacet {
  rowCount?: number;
  size?: number;
  fileCount?: number;
}
export interface DataQualityAssertionsDatasetFacet extends BaseFacet {
  assertions: {
    assertion: string;
    success: boolean;
    column?: string;
    severity?: string;
    name?: string;
    description?: string;
    expected?: string;
    actual?: string;
    content?: string;
    contentType?: string;
    params?: Record<string, unknown>;
  }[];
}
export interface TagsFacet extends BaseFacet {
  tags?: { key: string; value: string; source?: string; field?: string }[];
}

export interface ExternalQueryRunFacet extends BaseFacet {
  externalQueryId: string;
  source: string;
}
export interface ExtractionErrorRunFacet extends BaseFacet {
  totalTasks: number;
  failedTasks: number;
  errors: { errorMessage: string; stackTrace?: string; task?: string; taskNumber?: number }[];
}
export interface EnvironmentVariablesRunFacet extends BaseFacet {
  environmentVariables: { name: string; value: string }[];
}
export interface ExecutionParametersRunFacet extends BaseFacet {
  parameters?: { key: string; name?: string; description?: string; value?: string }[];
}
export interface JobDependenciesRunFacet extends BaseFacet {
  upstream?: JobDependency[];
  downstream?: JobDependency[];
  trigger_rule?: string;
}
export interface JobDependency {
  job: { namespace: string; name: string };
  run?: { runId: string };
  dependency_type?: string;
  sequence_trigger_rule?: string;
  status_trigger_rule?: string;
}
export interface TestRunFacet extends BaseFacet {
  tests: { name: string; status: string; severity?: string; type?: string; description?: string }[];
}
export interface CatalogDatasetFacet extends BaseFacet {
  framework: string;
  type: string;
  name: string;
  metadataUri?: string;
  warehouseUri?: string;
  source?: string;
  catalogProperties?: Record<string, string>;
}
export interface DatasetTypeDatasetFacet extends BaseFacet {
  datasetType: string;
  subType?: string;
}
export interface DatasetVersionDatasetFacet extends BaseFacet {
  datasetVersion: string;
}
export interface StorageDatasetFacet extends BaseFacet {
  storageLayer: string;
  fileFormat?: string;
}
export interface LifecycleStateChangeDatasetFacet extends BaseFacet {
  lifecycleStateChange: 'ALTER' | 'CREATE' | 'DROP' | 'OVERWRITE' | 'RENAME' | 'TRUNCATE';
  previousIdentifier?: { namespace: string; name: string };
}
export interface HierarchyDatasetFacet extends BaseFacet {
  hierarchy: { type: string; name: string }[];
}
export interface DataQualityMetricsInputDatasetFacet extends BaseFacet {
  rowCount?: number;
  bytes?: number;
  fileCount?: number;
  lastUpdated?: string;
  columnMetrics: Record<
    string,
    {
      nullCount?: number;
      distinctCount?: number;
      sum?: number;
      count?: number;
      min?: number;
      max?: number;
      quantiles?: Record<string, number>;
    }
  >;
}
export interface InputStatisticsInputDatasetFacet extends BaseFacet {
  rowCount?: number;
  size?: number;
  fileCount?: number;
}

// ---- validation contract ----

/** One problem with an event, located by JSON Pointer (e.g. "/run/runId"). */
export interface ValidationProblem {
  path: string;
  message: string;
}

/** A standard facet that is malformed: kept raw, not used for the graph. */
export interface FacetWarning {
  path: string;
  facet: string;
  message: string;
}

export type EventValidation =
  | {
      ok: true;
      kind: EventKind;
      event: OpenLineageEvent;
      /** Standard facets that failed their schema, by JSON Pointer. */
      warnings: FacetWarning[];
      /** JSON Pointers of the facets listed in `warnings`, to skip during graph extraction. */
      unusableFacets: Set<string>;
    }
  | { ok: false; problems: ValidationProblem[] };

/** The accepted side of an EventValidation. */
export type ValidEvent = Extract<EventValidation, { ok: true }>;
/** The rejected side of an EventValidation. */
export type InvalidEvent = Extract<EventValidation, { ok: false }>;

export function isRunEvent(event: OpenLineageEvent): event is RunEvent {
  return 'run' in event && 'job' in event;
}
export function isDatasetEvent(event: OpenLineageEvent): event is DatasetEvent {
  return 'dataset' in event;
}
export function isJobEvent(event: OpenLineageEvent): event is JobEvent {
  return 'job' in event && !('run' in event);
}

/** A dataset identity rewritten by the normalization rules (e.g. postgresql:// → postgres://). */
export interface DatasetRename {
  from: { namespace: string; name: string };
  to: { namespace: string; name: string };
}
