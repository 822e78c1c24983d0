import type { InputDataset, OutputDataset, RunEvent } from '@tributary/openlineage';

/**
 * Realistic Airflow-like lineage, deterministic by seed: DAGs of tasks, each
 * task a job with 3-10 inputs and 3-10 outputs drawn from a shared table
 * pool, tables with 10-50 column schemas, column lineage on half of the
 * outputs. Every task run emits START (names only, like Airflow's provider)
 * and COMPLETE (schemas, column lineage, output statistics).
 */
export interface GeneratorOptions {
  /** Total events (two per task run; rounded up to even). */
  events: number;
  seed?: number;
  /** Prefix of every namespace, so several generated graphs can share one Neo4j. */
  prefix?: string;
  /** Task runs per job on average (more runs = more repeated lineage, as in production). */
  runsPerJob?: number;
  tasksPerDag?: number;
  /** Start of the simulated schedule (ISO); runs follow at one-minute steps. */
  start?: string;
}

export interface GeneratedRun {
  runId: string;
  jobNamespace: string;
  jobName: string;
  start: RunEvent;
  complete: RunEvent;
}

export interface GeneratedWorkload {
  runs: GeneratedRun[];
  /** START and COMPLETE of every run, in schedule order. */
  events: RunEvent[];
  jobNamespace: string;
  datasetNamespace: string;
  jobCount: number;
  datasetCount: number;
}

const PRODUCER = 'https://github.com/apache/airflow/tree/providers-openlineage/2.1.0';
const SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const FACET = (name: string): { _producer: string; _schemaURL: string } => ({
  _producer: PRODUCER,
  _schemaURL: `https://openlineage.io/spec/facets/1-0-1/${name}.json#/$defs/${name}`,
});
const TYPES = ['integer', 'bigint', 'varchar', 'text', 'timestamp', 'date', 'numeric(12,2)', 'boolean', 'jsonb'];
const WORDS = [
  'order',
  'customer',
  'payment',
  'item',
  'price',
  'amount',
  'status',
  'created',
  'updated',
  'region',
  'country',
  'channel',
  'campaign',
  'session',
  'device',
  'product',
  'category',
  'discount',
  'tax',
  'currency',
];

/** mulberry32: small, fast, good enough for workloads. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface Table {
  name: string;
  columns: { name: string; type: string }[];
}

interface Task {
  dag: string;
  name: string;
  inputs: Table[];
  outputs: Table[];
  /** Outputs that carry column lineage. */
  lineage: Set<string>;
}

function hashString(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

export function generateWorkload(options: GeneratorOptions): GeneratedWorkload {
  const random = rng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const prefix = options.prefix ?? 'bench';
  // Run ids depend on the prefix too: two workloads of one seed (the ingest
  // baseline and its end-to-end run) must not share runs in one database.
  const ids = rng((options.seed ?? 42) ^ hashString(prefix));
  const runCount = Math.ceil(options.events / 2);
  const runsPerJob = options.runsPerJob ?? 10;
  const tasksPerDag = options.tasksPerDag ?? 8;
  const jobCount = Math.max(1, Math.ceil(runCount / runsPerJob));
  const dagCount = Math.max(1, Math.ceil(jobCount / tasksPerDag));
  const jobNamespace = `${prefix}-airflow`;
  const datasetNamespace = `postgres://${prefix}-warehouse:5432`;

  const tableCount = Math.max(12, Math.ceil(jobCount * 2.5));
  const tables: Table[] = Array.from({ length: tableCount }, (_, i) => {
    const used = new Set<string>();
    const columns = Array.from({ length: between(10, 50) }, (_, c) => {
      let name = `${pick(WORDS)}_${pick(WORDS)}`;
      if (used.has(name)) name = `${name}_${c}`;
      used.add(name);
      return { name, type: pick(TYPES) };
    });
    return { name: `analytics.${pick(['raw', 'staging', 'mart'])}.t${i}_${pick(WORDS)}`, columns };
  });
  const sample = (n: number): Table[] => {
    const chosen = new Set<Table>();
    while (chosen.size < Math.min(n, tables.length)) chosen.add(pick(tables));
    return [...chosen];
  };
  const tasks: Task[] = Array.from({ length: jobCount }, (_, i) => {
    const outputs = sample(between(3, 10));
    const inputs = sample(between(3, 10)).filter((t) => !outputs.includes(t));
    return {
      dag: `dag_${i % dagCount}`,
      name: `task_${Math.floor(i / dagCount)}`,
      inputs: inputs.length > 0 ? inputs : [pick(tables.filter((t) => !outputs.includes(t)))],
      outputs,
      lineage: new Set(outputs.filter((_, k) => k % 2 === 0).map((t) => t.name)),
    };
  });

  const base = Date.parse(options.start ?? '2026-01-01T00:00:00Z');
  const runs: GeneratedRun[] = [];
  const dagRuns = new Map<string, string>();
  for (let r = 0; r < runCount; r++) {
    const task = tasks[r % tasks.length]!;
    const round = Math.floor(r / tasks.length);
    const dagRunKey = `${task.dag}#${round}`;
    if (!dagRuns.has(dagRunKey)) dagRuns.set(dagRunKey, uuid(ids));
    const runId = uuid(ids);
    const startMs = base + r * 60_000;
    const endMs = startMs + between(5, 50) * 1000;
    const jobName = `${task.dag}.${task.name}`;
    const job = (withFacets: boolean): RunEvent['job'] => ({
      namespace: jobNamespace,
      name: jobName,
      facets: withFacets
        ? {
            jobType: { ...FACET('JobTypeJobFacet'), processingType: 'BATCH', integration: 'AIRFLOW', jobType: 'TASK' },
            sql: {
              ...FACET('SQLJobFacet'),
              query: `INSERT INTO ${task.outputs[0]!.name} SELECT * FROM ${task.inputs.map((t) => t.name).join(' JOIN ')}`,
              dialect: 'postgres',
            },
            documentation: {
              ...FACET('DocumentationJobFacet'),
              description: `Loads ${task.outputs.length} tables for ${task.dag}`,
            },
            ownership: { ...FACET('OwnershipJobFacet'), owners: [{ name: `team:${task.dag}`, type: 'TEAM' }] },
          }
        : {},
    });
    const runFacets = {
      parent: {
        ...FACET('ParentRunFacet'),
        run: { runId: dagRuns.get(dagRunKey)! },
        job: { namespace: jobNamespace, name: task.dag },
      },
      nominalTime: { ...FACET('NominalTimeRunFacet'), nominalStartTime: new Date(startMs).toISOString() },
      processing_engine: {
        ...FACET('ProcessingEngineRunFacet'),
        name: 'Airflow',
        version: '2.10.4',
        openlineageAdapterVersion: '2.1.0',
      },
      airflow: {
        _producer: PRODUCER,
        _schemaURL: 'https://example.com/airflow',
        dag: { dag_id: task.dag },
        task: { task_id: task.name },
      },
    };
    const schema = (t: Table) => ({ ...FACET('SchemaDatasetFacet'), fields: t.columns });
    const dataSource = { ...FACET('DatasourceDatasetFacet'), name: datasetNamespace, uri: datasetNamespace };
    const startInputs: InputDataset[] = task.inputs.map((t) => ({
      namespace: datasetNamespace,
      name: t.name,
      facets: { dataSource },
    }));
    const startOutputs: OutputDataset[] = task.outputs.map((t) => ({
      namespace: datasetNamespace,
      name: t.name,
      facets: { dataSource },
    }));
    const completeInputs: InputDataset[] = task.inputs.map((t) => ({
      namespace: datasetNamespace,
      name: t.name,
      facets: { dataSource, schema: schema(t) },
    }));
    const completeOutputs: OutputDataset[] = task.outputs.map((t, k) => {
      const facets: Record<string, unknown> = { dataSource, schema: schema(t) };
      if (task.lineage.has(t.name)) {
        const fields: Record<string, unknown> = {};
        t.columns.forEach((column, c) => {
          const from = task.inputs[(c + k) % task.inputs.length]!;
          const inputs = [from, task.inputs[(c + k + 1) % task.inputs.length]!].slice(0, 1 + (c % 2));
          fields[column.name] = {
            inputFields: inputs.map((input) => ({
              namespace: datasetNamespace,
              name: input.name,
              field: input.columns[c % input.columns.length]!.name,
              transformations: [{ type: 'DIRECT', subtype: c % 3 === 0 ? 'IDENTITY' : 'TRANSFORMATION' }],
            })),
          };
        });
        facets.columnLineage = {
          ...FACET('ColumnLineageDatasetFacet'),
          fields,
          dataset: [
            {
              namespace: datasetNamespace,
              name: task.inputs[0]!.name,
              field: task.inputs[0]!.columns[0]!.name,
              transformations: [{ type: 'INDIRECT', subtype: 'FILTER' }],
            },
          ],
        };
      }
      return {
        namespace: datasetNamespace,
        name: t.name,
        facets,
        outputFacets: {
          outputStatistics: {
            ...FACET('OutputStatisticsOutputDatasetFacet'),
            rowCount: between(1, 1e6),
            size: between(1e3, 1e9),
          },
        },
      } as OutputDataset;
    });
    const start: RunEvent = {
      eventType: 'START',
      eventTime: new Date(startMs).toISOString(),
      producer: PRODUCER,
      schemaURL: SCHEMA_URL,
      run: { runId, facets: runFacets },
      job: job(false),
      inputs: startInputs,
      outputs: startOutputs,
    };
    const complete: RunEvent = {
      eventType: 'COMPLETE',
      eventTime: new Date(endMs).toISOString(),
      producer: PRODUCER,
      schemaURL: SCHEMA_URL,
      run: { runId, facets: runFacets },
      job: job(true),
      inputs: completeInputs,
      outputs: completeOutputs,
    };
    runs.push({ runId, jobNamespace, jobName, start, complete });
  }
  return {
    runs,
    events: runs
      .flatMap((run) => [run.start, run.complete])
      .slice(0, Math.max(options.events, 0) + (options.events % 2)),
    jobNamespace,
    datasetNamespace,
    jobCount,
    datasetCount: tableCount,
  };
}
