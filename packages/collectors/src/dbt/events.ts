import type {
  DataQualityAssertionsDatasetFacet,
  EventType,
  FacetMap,
  InputDataset,
  JobEvent,
  OpenLineageEvent,
  OutputDataset,
  RunEvent,
  SchemaDatasetFacetField,
} from '@tributary/openlineage';
import type { ColumnLineageResult } from '../sql/types.js';
import type { DbtArtifacts, DbtNode, DbtRunResult } from './artifacts.js';
import { type ModelColumnLineage, type NodeIdentity, RELATION_RESOURCES, lineageInputs } from './model-lineage.js';
import { nodeRunId, uuidV5 } from './run-id.js';
import { columnLineageFacet } from './column-lineage-facet.js';
import { PRODUCER, facet } from './facet.js';

const RUN_EVENT_SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const JOB_EVENT_SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent';

export interface NormalizeOptions {
  artifacts: DbtArtifacts;
  adapter: string;
  /** Namespace of the jobs (openlineage-dbt's OPENLINEAGE_NAMESPACE). */
  jobNamespace: string;
  projectName: string;
  identity: (node: DbtNode) => NodeIdentity;
  lineage: Map<string, ModelColumnLineage>;
}

const JOB_TYPES: Record<string, string> = { model: 'MODEL', seed: 'SEED', snapshot: 'SNAPSHOT', test: 'TEST' };

function jobType(resource: string): FacetMap {
  return {
    jobType: {
      ...facet('JobTypeJobFacet', '2-0-3'),
      processingType: 'BATCH',
      integration: 'DBT',
      jobType: JOB_TYPES[resource] ?? 'JOB',
    },
  };
}

/** openlineage-dbt's job naming: `{database}.{schema}.{project}.{node}` plus a suffix for build/test commands. */
function baseJobName(node: DbtNode, projectName: string): string {
  const prefix = [node.database, node.schema].filter((p): p is string => !!p).join('.');
  if (node.resource_type === 'source') return `${prefix}.source.${projectName}.${node.source_name ?? ''}.${node.name}`;
  return `${prefix}.${projectName}.${node.name}`;
}

function suffix(command: string, resource: string): string {
  if (command === 'build')
    return resource === 'test'
      ? '.build.test'
      : resource === 'snapshot'
        ? '.build.snapshot'
        : resource === 'seed'
          ? '.build.seed'
          : '.build.run';
  if (command === 'test' || resource === 'test') return '.test';
  if (command === 'snapshot') return '.snapshot';
  if (command === 'seed') return '.seed';
  return '';
}

function schemaFields(
  options: NormalizeOptions,
  node: DbtNode,
  fromSql?: ColumnLineageResult,
): SchemaDatasetFacetField[] | undefined {
  const docs = new Map(Object.values(node.columns ?? {}).map((c) => [c.name.toLowerCase(), c]));
  const entry =
    options.artifacts.catalog?.nodes?.[node.unique_id] ?? options.artifacts.catalog?.sources?.[node.unique_id];
  const withDocs = (name: string, type?: string | null): SchemaDatasetFacetField => {
    const doc = docs.get(name.toLowerCase());
    const field: SchemaDatasetFacetField = { name };
    if (type) field.type = type;
    if (doc?.description) field.description = doc.description;
    return field;
  };
  if (entry?.columns && Object.keys(entry.columns).length > 0) {
    return Object.values(entry.columns)
      .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
      .map((c) => withDocs(c.name, c.type));
  }
  if (docs.size > 0) return [...docs.values()].map((c) => withDocs(c.name, c.data_type));
  if (fromSql && fromSql.problems.length === 0 && fromSql.columns.length > 0)
    return fromSql.columns.map((c) => ({ name: c.name }));
  return undefined;
}

function datasetFacets(options: NormalizeOptions, node: DbtNode, lineage?: ModelColumnLineage): FacetMap {
  const { namespace } = options.identity(node);
  // `bigquery` is a namespace but not a URI; the facet's uri must be absolute.
  const uri = /^[a-z][a-z0-9+.-]*:/i.test(namespace) ? { uri: namespace } : {};
  const facets: FacetMap = { dataSource: { ...facet('DatasourceDatasetFacet', '1-0-1'), name: namespace, ...uri } };
  const fields = schemaFields(options, node, lineage?.result);
  if (fields) facets.schema = { ...facet('SchemaDatasetFacet', '1-1-1'), fields };
  if (node.description)
    facets.documentation = { ...facet('DocumentationDatasetFacet', '1-1-0'), description: node.description };
  return facets;
}

function eventState(status: string): EventType {
  switch (status) {
    case 'success':
    case 'pass':
    case 'warn':
      return 'COMPLETE';
    case 'skipped':
      return 'ABORT';
    default:
      return 'FAIL';
  }
}

function times(result: DbtRunResult | undefined, fallback: string): { start: string; end: string } {
  const timing = result?.timing ?? [];
  const execute = timing.find((t) => t.name === 'execute');
  const start = execute?.started_at ?? timing[0]?.started_at ?? fallback;
  const end = execute?.completed_at ?? timing[timing.length - 1]?.completed_at ?? start;
  return { start, end };
}

/** The node a test checks: `attached_node` (manifest v7+), else the model its `ref()` names. */
function testedNode(test: DbtNode, options: NormalizeOptions): DbtNode | undefined {
  const { nodes, sources } = options.artifacts.manifest;
  const find = (id: string | null | undefined) => (id ? (nodes[id] ?? sources[id]) : undefined);
  const attached = find(test.attached_node);
  if (attached) return attached;
  const deps = test.depends_on?.nodes ?? [];
  const model = test.test_metadata?.kwargs?.model;
  if (typeof model === 'string') {
    const ref = /ref\(\s*['"]([^'"]+)['"]\s*\)/.exec(model)?.[1];
    const source = /source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/.exec(model);
    const hit = deps
      .map(find)
      .find((n) =>
        ref
          ? n?.name === ref && n.resource_type !== 'source'
          : source
            ? n?.source_name === source[1] && n?.name === source[2]
            : false,
      );
    if (hit) return hit;
  }
  return deps.length === 1 ? find(deps[0]) : undefined;
}

export interface NormalizeResult {
  events: OpenLineageEvent[];
  /** Per-model reasons why column lineage was left out, keyed by unique_id. */
  problems: Map<string, string[]>;
}

/**
 * Pure: artifacts → OpenLineage events, as openlineage-dbt emits them for the
 * invocation in run_results.json (a parent run, START and terminal events per
 * node, one test job per tested dataset), plus a JobEvent with the static
 * lineage of every model, snapshot and seed the invocation did not run.
 */
export function normalizeDbt(options: NormalizeOptions): NormalizeResult {
  const { artifacts, projectName, jobNamespace } = options;
  const { manifest, runResults } = artifacts;
  const command = runResults?.args?.which ?? 'run';
  const invocationId = runResults?.metadata.invocation_id ?? manifest.metadata.invocation_id ?? 'unknown-invocation';
  const dbtVersion = runResults?.metadata.dbt_version ?? manifest.metadata.dbt_version ?? 'unknown';
  // Artifact times, never the clock: the same artifacts must give the same events.
  const generatedAt = runResults?.metadata.generated_at ?? manifest.metadata.generated_at ?? '1970-01-01T00:00:00Z';
  const parentRunId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(invocationId)
    ? invocationId.toLowerCase()
    : uuidV5(`dbt-invocation/${invocationId}`);
  const parentJob = { namespace: jobNamespace, name: `dbt-run-${projectName}` };
  const runFacets = (): FacetMap => ({
    processing_engine: {
      ...facet('ProcessingEngineRunFacet', '1-1-1'),
      name: 'dbt',
      version: dbtVersion,
      openlineageAdapterVersion: '0.1.0',
    },
    dbt_version: { _producer: PRODUCER, version: dbtVersion },
    dbt_run: { _producer: PRODUCER, invocation_id: invocationId },
    parent: { ...facet('ParentRunFacet', '1-1-0'), run: { runId: parentRunId }, job: parentJob },
  });
  const problems = new Map<string, string[]>();
  for (const [id, l] of options.lineage) if (l.result.problems.length > 0) problems.set(id, l.result.problems);

  const relationIo = (node: DbtNode): { inputs: InputDataset[]; outputs: OutputDataset[] } => {
    const lineage = options.lineage.get(node.unique_id);
    const inputs = new Map<string, InputDataset>();
    // Ephemeral models are CTEs inlined into their consumers, not tables: read through them.
    const pending = [...(node.depends_on?.nodes ?? [])];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const dep = pending.shift()!;
      if (seen.has(dep)) continue;
      seen.add(dep);
      const upstream = manifest.nodes[dep] ?? manifest.sources[dep];
      if (!upstream || !RELATION_RESOURCES.has(upstream.resource_type)) continue;
      if (upstream.config?.materialized === 'ephemeral') {
        pending.push(...(upstream.depends_on?.nodes ?? []));
        continue;
      }
      const id = options.identity(upstream);
      inputs.set(`${id.namespace}\u0000${id.name}`, {
        ...id,
        facets: datasetFacets(options, upstream, options.lineage.get(dep)),
      });
    }
    for (const id of lineage ? lineageInputs(lineage.result) : []) {
      const key = `${id.namespace}\u0000${id.name}`;
      if (!inputs.has(key)) inputs.set(key, { ...id, facets: {} });
    }
    const facets = datasetFacets(options, node, lineage);
    const columnLineage = lineage ? columnLineageFacet(lineage.result) : undefined;
    if (columnLineage) facets.columnLineage = columnLineage;
    return { inputs: [...inputs.values()], outputs: [{ ...options.identity(node), facets }] };
  };
  const jobFacets = (node: DbtNode): FacetMap => {
    const code = node.compiled_code ?? node.compiled_sql;
    const facets: FacetMap = jobType(node.resource_type);
    if (code) facets.sql = { ...facet('SQLJobFacet', '1-1-0'), query: code, dialect: options.adapter };
    if (node.description)
      facets.documentation = { ...facet('DocumentationJobFacet', '1-1-0'), description: node.description };
    return facets;
  };

  const events: OpenLineageEvent[] = [];
  const results = runResults?.results ?? [];
  const runEvent = (
    eventType: EventType,
    eventTime: string,
    runId: string,
    job: RunEvent['job'],
    io: Pick<RunEvent, 'inputs' | 'outputs'>,
    extra: FacetMap = {},
  ): RunEvent => ({
    eventType,
    eventTime,
    producer: PRODUCER,
    schemaURL: RUN_EVENT_SCHEMA,
    run: { runId, facets: { ...runFacets(), ...extra } },
    job,
    inputs: io.inputs ?? [],
    outputs: io.outputs ?? [],
  });

  // Relations the invocation built.
  let failed = false;
  let first: string | undefined;
  let last: string | undefined;
  const ran = new Set<string>();
  const tests = new Map<string, { node: DbtNode; results: { test: DbtNode; result: DbtRunResult }[] }>();
  for (const result of results) {
    const node = manifest.nodes[result.unique_id];
    if (!node) continue;
    const { start, end } = times(result, generatedAt);
    if (!first || start < first) first = start;
    if (!last || end > last) last = end;
    if (node.resource_type === 'test') {
      const tested = testedNode(node, options);
      if (!tested) continue;
      const group = tests.get(tested.unique_id) ?? { node: tested, results: [] };
      group.results.push({ test: node, result });
      tests.set(tested.unique_id, group);
      continue;
    }
    if (!RELATION_RESOURCES.has(node.resource_type)) continue;
    ran.add(node.unique_id);
    const state = eventState(result.status);
    if (state === 'FAIL') failed = true;
    const job = {
      namespace: jobNamespace,
      name: baseJobName(node, projectName) + suffix(command, node.resource_type),
      facets: jobFacets(node),
    };
    const runId = nodeRunId(invocationId, job.name);
    const io = relationIo(node);
    events.push(runEvent('START', start, runId, job, io));
    const extra: FacetMap = {};
    if (state === 'FAIL' && result.message) {
      extra.errorMessage = {
        ...facet('ErrorMessageRunFacet', '1-0-1'),
        message: result.message,
        programmingLanguage: 'sql',
      };
    }
    const rows = result.adapter_response?.rows_affected;
    if (typeof rows === 'number' && rows >= 0 && io.outputs[0]) {
      io.outputs[0] = {
        ...io.outputs[0],
        outputFacets: { outputStatistics: { ...facet('OutputStatisticsOutputDatasetFacet', '1-0-2'), rowCount: rows } },
      };
    }
    events.push(runEvent(state, end, runId, job, io, extra));
  }

  // One test job per tested dataset, its assertions on the dataset.
  for (const { node, results: checks } of tests.values()) {
    const assertions: DataQualityAssertionsDatasetFacet['assertions'] = checks.map(({ test, result }) => {
      const assertion: DataQualityAssertionsDatasetFacet['assertions'][number] & { name: string } = {
        assertion: test.test_metadata?.name ?? test.name,
        success: eventState(result.status) === 'COMPLETE',
        name: test.name,
      };
      if (test.column_name) assertion.column = test.column_name;
      if (test.config?.severity) assertion.severity = test.config.severity.toLowerCase();
      return assertion;
    });
    const quality = { ...facet('DataQualityAssertionsDatasetFacet', '1-0-1'), assertions };
    const id = options.identity(node);
    const job = {
      namespace: jobNamespace,
      name: baseJobName(node, projectName) + suffix(command, 'test'),
      facets: jobType('test'),
    };
    const runId = nodeRunId(invocationId, job.name);
    const span = checks.map(({ result }) => times(result, generatedAt));
    const start = span.map((s) => s.start).sort()[0]!;
    const end = span
      .map((s) => s.end)
      .sort()
      .at(-1)!;
    const ok = assertions.every((a) => a.success);
    if (!ok) failed = true;
    const input: InputDataset = {
      ...id,
      facets: { dataQualityAssertions: quality },
      inputFacets: { dataQualityAssertions: quality },
    };
    events.push(runEvent('START', start, runId, job, { inputs: [{ ...id, facets: {} }], outputs: [] }));
    events.push(runEvent(ok ? 'COMPLETE' : 'FAIL', end, runId, job, { inputs: [input], outputs: [] }));
  }

  // Static lineage for what this invocation did not build (e.g. after `dbt test`).
  for (const node of Object.values(manifest.nodes)) {
    if (ran.has(node.unique_id) || !['model', 'snapshot', 'seed'].includes(node.resource_type)) continue;
    if (node.config?.materialized === 'ephemeral') continue;
    const io = relationIo(node);
    const event: JobEvent = {
      eventTime: generatedAt,
      producer: PRODUCER,
      schemaURL: JOB_EVENT_SCHEMA,
      job: { namespace: jobNamespace, name: baseJobName(node, projectName), facets: jobFacets(node) },
      inputs: io.inputs,
      outputs: io.outputs,
    };
    events.push(event);
  }

  if (results.length > 0) {
    const parentFacets = (): FacetMap => {
      const { parent: _parent, ...rest } = runFacets();
      return rest;
    };
    const job = {
      ...parentJob,
      facets: {
        jobType: { ...facet('JobTypeJobFacet', '2-0-3'), processingType: 'BATCH', integration: 'DBT', jobType: 'JOB' },
      },
    };
    const wrap = (eventType: EventType, eventTime: string): RunEvent => ({
      eventType,
      eventTime,
      producer: PRODUCER,
      schemaURL: RUN_EVENT_SCHEMA,
      run: { runId: parentRunId, facets: parentFacets() },
      job,
      inputs: [],
      outputs: [],
    });
    events.unshift(wrap('START', first ?? generatedAt));
    events.push(wrap(failed ? 'FAIL' : 'COMPLETE', last ?? generatedAt));
  }
  return { events, problems };
}
