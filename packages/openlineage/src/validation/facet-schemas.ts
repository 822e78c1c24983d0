import { z } from 'zod';
import { compile } from 'zod/v4/core';
import {
  anyObject,
  baseFacet,
  dateTimeString,
  deletableFacet,
  facet,
  integer,
  objectOf,
  oneOf,
  uriString,
  uuidString,
} from './schema-helpers.js';

// The standard facets of the OpenLineage spec (../shared/openlineage/spec/facets),
// one zod schema per JSON Schema definition. A facet that fails its schema is
// reported as a warning and kept raw; it never rejects the event.

const str = z.string();
const optStr = z.string().optional();

// ---- run facets ----

const runFacetMap = objectOf(baseFacet);
const jobFacetMap = objectOf(deletableFacet);

const parentRunFacet = facet('base', {
  run: z.object({ runId: uuidString, facets: runFacetMap.optional() }),
  job: z.object({ namespace: str, name: str, facets: jobFacetMap.optional() }),
  root: z
    .object({
      run: z.object({ runId: uuidString, facets: runFacetMap.optional() }),
      job: z.object({ namespace: str, name: str, facets: jobFacetMap.optional() }),
    })
    .optional(),
});

const nominalTimeRunFacet = facet('base', {
  nominalStartTime: dateTimeString,
  nominalEndTime: dateTimeString.optional(),
});

const errorMessageRunFacet = facet('base', { message: str, programmingLanguage: str, stackTrace: optStr });

const processingEngineRunFacet = facet('base', { version: str, name: optStr, openlineageAdapterVersion: optStr });

const externalQueryRunFacet = facet('base', { externalQueryId: str, source: str });

const extractionErrorRunFacet = facet('base', {
  totalTasks: integer,
  failedTasks: integer,
  errors: z.array(z.object({ errorMessage: str, stackTrace: optStr, task: optStr, taskNumber: integer.optional() })),
});

const environmentVariablesRunFacet = facet('base', {
  environmentVariables: z.array(z.object({ name: str, value: str })),
});

const executionParametersRunFacet = facet('base', {
  parameters: z.array(z.strictObject({ key: str, name: optStr, description: optStr, value: optStr })).optional(),
});

const jobDependency = z.object({
  job: z.object({ namespace: str, name: str }),
  run: z.object({ runId: uuidString }).optional(),
  dependency_type: optStr,
  sequence_trigger_rule: optStr,
  status_trigger_rule: optStr,
});
const jobDependenciesRunFacet = facet('base', {
  upstream: z.array(jobDependency).optional(),
  downstream: z.array(jobDependency).optional(),
  trigger_rule: optStr,
});

const tagsRunFacet = facet('base', {
  tags: z.array(z.object({ key: str, value: str, source: optStr })).optional(),
});

const testRunFacet = facet('base', {
  tests: z.array(
    z.object({
      name: str,
      status: str,
      severity: optStr,
      type: optStr,
      description: optStr,
      expected: optStr,
      actual: optStr,
      content: optStr,
      contentType: optStr,
      params: anyObject.optional(),
    }),
  ),
});

// ---- job facets ----

const documentationJobFacet = facet('deletable', { description: str, contentType: optStr });

const ownershipJobFacet = facet('deletable', {
  owners: z.array(z.object({ name: str, type: optStr })).optional(),
});

const jobTypeJobFacet = facet('deletable', {
  processingType: str,
  integration: str,
  jobType: optStr,
  emissionPattern: z
    .object({
      eventTrigger: str,
      eventContentMode: str,
      windowDuration: integer.refine((n) => n >= 1, { error: 'must be at least 1' }).optional(),
    })
    .optional(),
});

const sqlJobFacet = facet('deletable', { query: str, dialect: optStr });

const sourceCodeJobFacet = facet('deletable', { language: str, sourceCode: str });

const sourceCodeLocationJobFacet = facet('deletable', {
  type: str,
  url: uriString,
  repoUrl: optStr,
  path: optStr,
  version: optStr,
  tag: optStr,
  branch: optStr,
  pullRequestNumber: optStr,
});

const tagsJobFacet = facet('deletable', {
  tags: z.array(z.object({ key: str, value: str, source: optStr })).optional(),
});

// Explicit lineage (LineageFacet.json): dataset and job entries, each input a dataset or a job.
const lineageTransformation = z.object({
  type: str,
  subtype: optStr,
  description: optStr,
  masking: z.boolean().optional(),
});
const lineageDatasetInput = z.object({
  namespace: str,
  name: str,
  type: z.literal('DATASET'),
  field: optStr,
  transformations: z.array(lineageTransformation).optional(),
});
function requiredTogether(value: { namespace?: unknown; name?: unknown }): boolean {
  return (value.namespace === undefined) === (value.name === undefined);
}
const lineageJobInput = z
  .object({
    namespace: optStr,
    name: optStr,
    type: z.literal('JOB'),
    runId: uuidString.optional(),
    transformations: z.array(lineageTransformation).optional(),
  })
  .refine(requiredTogether, { error: 'namespace and name go together' });
const lineageInput = oneOf([lineageDatasetInput, lineageJobInput], 'lineage input');
const lineageFieldEntry = z.object({ inputs: z.array(lineageInput) });
const lineageDatasetEntry = z.object({
  namespace: str,
  name: str,
  type: z.literal('DATASET'),
  inputs: z.array(lineageInput).optional(),
  fields: objectOf(lineageFieldEntry).optional(),
});
const lineageJobEntry = z
  .object({
    namespace: optStr,
    name: optStr,
    type: z.literal('JOB'),
    runId: uuidString.optional(),
    inputs: z.array(lineageInput).optional(),
  })
  .refine(requiredTogether, { error: 'namespace and name go together' });
const lineageJobFacet = facet('deletable', {
  entries: z.array(oneOf([lineageDatasetEntry, lineageJobEntry], 'lineage entry')),
});
const lineageDatasetFacet = facet('deletable', {
  inputs: z.array(lineageInput).optional(),
  fields: objectOf(lineageFieldEntry).optional(),
});

// ---- dataset facets ----

// Struct fields nest (SchemaDatasetFacetFields refers to itself). zod's compiler
// refuses cycles, so the first levels are unrolled and only deeper nesting,
// rare in practice, goes through the recursive runtime schema.
const schemaFieldShape = { name: str, type: optStr, description: optStr, ordinal_position: integer.optional() };
const deepSchemaField: z.ZodType = z.lazy(() =>
  z.object({ ...schemaFieldShape, fields: z.array(deepSchemaField).optional() }),
);
const deepSchemaFields = z.array(z.unknown()).superRefine((fields, ctx) => {
  fields.forEach((field, index) => {
    const result = deepSchemaField.safeParse(field);
    for (const issue of result.error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: [index, ...issue.path] });
    }
  });
});
let schemaField: z.ZodType = z.object({ ...schemaFieldShape, fields: deepSchemaFields.optional() });
for (let level = 0; level < 3; level++)
  schemaField = z.object({ ...schemaFieldShape, fields: z.array(schemaField).optional() });
const schemaDatasetFacet = facet('deletable', { fields: z.array(schemaField).optional() });

const columnLineageInputField = z.object({
  namespace: str,
  name: str,
  field: str,
  transformations: z
    .array(z.object({ type: str, subtype: optStr, description: optStr, masking: z.boolean().optional() }))
    .optional(),
});
const columnLineageDatasetFacet = facet('deletable', {
  fields: objectOf(
    z.object({
      inputFields: z.array(columnLineageInputField),
      transformationDescription: optStr,
      transformationType: optStr,
    }),
  ),
  dataset: z.array(columnLineageInputField).optional(),
});

const symlinksDatasetFacet = facet('deletable', {
  identifiers: z.array(z.object({ namespace: str, name: str, type: str })).optional(),
});

const datasourceDatasetFacet = facet('deletable', { name: optStr, uri: uriString.optional() });

const documentationDatasetFacet = facet('deletable', { description: str, contentType: optStr });

const ownershipDatasetFacet = facet('deletable', {
  owners: z.array(z.object({ name: str, type: optStr })).optional(),
});

const catalogDatasetFacet = facet('deletable', {
  framework: str,
  type: str,
  name: str,
  metadataUri: optStr,
  warehouseUri: optStr,
  source: optStr,
  catalogProperties: objectOf(str).optional(),
});

const datasetTypeDatasetFacet = facet('deletable', { datasetType: str, subType: optStr });

const datasetVersionDatasetFacet = facet('deletable', { datasetVersion: str });

const storageDatasetFacet = facet('deletable', { storageLayer: str, fileFormat: optStr });

const lifecycleStateChangeDatasetFacet = facet('deletable', {
  lifecycleStateChange: z.enum(['ALTER', 'CREATE', 'DROP', 'OVERWRITE', 'RENAME', 'TRUNCATE']),
  previousIdentifier: z.object({ name: str, namespace: str }).optional(),
});

const hierarchyDatasetFacet = facet('deletable', {
  hierarchy: z.array(z.object({ type: str, name: str })),
});

const tagsDatasetFacet = facet('deletable', {
  tags: z.array(z.object({ key: str, value: str, source: optStr, field: optStr })).optional(),
});

const columnMetrics = objectOf(
  z.object({
    nullCount: integer.optional(),
    distinctCount: integer.optional(),
    sum: z.number().optional(),
    count: z.number().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    quantiles: objectOf(z.number()).optional(),
  }),
);
const dataQualityMetricsShape = {
  rowCount: integer.optional(),
  bytes: integer.optional(),
  fileCount: integer.optional(),
  lastUpdated: dateTimeString.optional(),
  columnMetrics,
};
const dataQualityMetricsDatasetFacet = facet('deletable', dataQualityMetricsShape);
const dataQualityMetricsInputDatasetFacet = facet('base', dataQualityMetricsShape);

// Its base is InputDatasetFacet, so `_deleted` is not typed even among dataset facets.
const dataQualityAssertionsDatasetFacet = facet('base', {
  assertions: z.array(
    z.object({
      assertion: str,
      success: z.boolean(),
      column: optStr,
      severity: optStr,
      name: optStr,
      description: optStr,
      expected: optStr,
      actual: optStr,
      content: optStr,
      contentType: optStr,
      params: anyObject.optional(),
    }),
  ),
});

// ---- input and output dataset facets ----

const statistics = { rowCount: integer.optional(), size: integer.optional(), fileCount: integer.optional() };
const inputStatisticsInputDatasetFacet = facet('base', statistics);
const outputStatisticsOutputDatasetFacet = facet('base', statistics);

const subsetCondition: z.ZodType = z.lazy(() =>
  oneOf(
    [
      z.object({ type: z.literal('location'), locations: z.array(str) }),
      z.object({
        type: z.literal('partition'),
        partitions: z.array(z.object({ identifier: optStr, dimensions: anyObject })),
      }),
      z.object({ type: z.literal('binary'), left: subsetCondition, right: subsetCondition, operator: str }),
      z.object({
        type: z.literal('compare'),
        left: compareExpression,
        right: compareExpression,
        comparison: str,
      }),
    ],
    'subset condition',
  ),
);
const compareExpression = oneOf(
  [z.object({ type: z.literal('field'), field: str }), z.object({ type: z.literal('literal'), value: str })],
  'compare expression',
);
const inputSubsetInputDatasetFacet = facet('base', { inputCondition: subsetCondition });
const outputSubsetOutputDatasetFacet = facet('base', { outputCondition: subsetCondition });

// ---- where each standard facet lives ----

/** Where a facet map sits in an event. */
export type FacetLocation = 'run' | 'job' | 'dataset' | 'inputFacets' | 'outputFacets';

export interface StandardFacet {
  schema: z.ZodType;
  /** The spec file and `$defs` entry this schema mirrors (the conformance tests compare with it). */
  spec: { file: string; definition: string };
}

function standard(schema: z.ZodType, file: string, definition = file): StandardFacet {
  // Compiled schemas validate several times faster; a failure reruns the runtime parser for its issues.
  return { schema: compile(schema), spec: { file: `${file}.json`, definition } };
}

const datasetFacets: Record<string, StandardFacet> = {
  schema: standard(schemaDatasetFacet, 'SchemaDatasetFacet'),
  columnLineage: standard(columnLineageDatasetFacet, 'ColumnLineageDatasetFacet'),
  symlinks: standard(symlinksDatasetFacet, 'SymlinksDatasetFacet'),
  dataSource: standard(datasourceDatasetFacet, 'DatasourceDatasetFacet'),
  documentation: standard(documentationDatasetFacet, 'DocumentationDatasetFacet'),
  ownership: standard(ownershipDatasetFacet, 'OwnershipDatasetFacet'),
  catalog: standard(catalogDatasetFacet, 'CatalogDatasetFacet'),
  datasetType: standard(datasetTypeDatasetFacet, 'DatasetTypeDatasetFacet'),
  version: standard(datasetVersionDatasetFacet, 'DatasetVersionDatasetFacet'),
  storage: standard(storageDatasetFacet, 'StorageDatasetFacet'),
  lifecycleStateChange: standard(lifecycleStateChangeDatasetFacet, 'LifecycleStateChangeDatasetFacet'),
  hierarchy: standard(hierarchyDatasetFacet, 'HierarchyDatasetFacet'),
  tags: standard(tagsDatasetFacet, 'TagsDatasetFacet'),
  dataQualityMetrics: standard(dataQualityMetricsDatasetFacet, 'DataQualityMetricsDatasetFacet'),
  // Marquez and older producers put assertions among the dataset facets.
  dataQualityAssertions: standard(dataQualityAssertionsDatasetFacet, 'DataQualityAssertionsDatasetFacet'),
  lineage: standard(lineageDatasetFacet, 'LineageFacet', 'LineageDatasetFacet'),
};

export const STANDARD_FACETS: Readonly<Record<FacetLocation, Readonly<Record<string, StandardFacet>>>> = {
  run: {
    parent: standard(parentRunFacet, 'ParentRunFacet'),
    nominalTime: standard(nominalTimeRunFacet, 'NominalTimeRunFacet'),
    errorMessage: standard(errorMessageRunFacet, 'ErrorMessageRunFacet'),
    processing_engine: standard(processingEngineRunFacet, 'ProcessingEngineRunFacet'),
    externalQuery: standard(externalQueryRunFacet, 'ExternalQueryRunFacet'),
    extractionError: standard(extractionErrorRunFacet, 'ExtractionErrorRunFacet'),
    environmentVariables: standard(environmentVariablesRunFacet, 'EnvironmentVariablesRunFacet'),
    executionParameters: standard(executionParametersRunFacet, 'ExecutionParametersRunFacet'),
    jobDependencies: standard(jobDependenciesRunFacet, 'JobDependenciesRunFacet'),
    tags: standard(tagsRunFacet, 'TagsRunFacet'),
    test: standard(testRunFacet, 'TestRunFacet'),
  },
  job: {
    documentation: standard(documentationJobFacet, 'DocumentationJobFacet'),
    ownership: standard(ownershipJobFacet, 'OwnershipJobFacet'),
    jobType: standard(jobTypeJobFacet, 'JobTypeJobFacet'),
    sql: standard(sqlJobFacet, 'SQLJobFacet'),
    sourceCode: standard(sourceCodeJobFacet, 'SourceCodeJobFacet'),
    sourceCodeLocation: standard(sourceCodeLocationJobFacet, 'SourceCodeLocationJobFacet'),
    tags: standard(tagsJobFacet, 'TagsJobFacet'),
    lineage: standard(lineageJobFacet, 'LineageFacet', 'LineageJobFacet'),
  },
  dataset: datasetFacets,
  inputFacets: {
    dataQualityAssertions: standard(dataQualityAssertionsDatasetFacet, 'DataQualityAssertionsDatasetFacet'),
    dataQualityMetrics: standard(dataQualityMetricsInputDatasetFacet, 'DataQualityMetricsInputDatasetFacet'),
    inputStatistics: standard(inputStatisticsInputDatasetFacet, 'InputStatisticsInputDatasetFacet'),
    subset: standard(inputSubsetInputDatasetFacet, 'BaseSubsetDatasetFacet', 'InputSubsetInputDatasetFacet'),
  },
  outputFacets: {
    outputStatistics: standard(outputStatisticsOutputDatasetFacet, 'OutputStatisticsOutputDatasetFacet'),
    subset: standard(outputSubsetOutputDatasetFacet, 'BaseSubsetDatasetFacet', 'OutputSubsetOutputDatasetFacet'),
  },
};
