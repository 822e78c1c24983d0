// Micro-benchmark of the intake's pure steps on one realistic Airflow-like
// RunEvent (3 inputs, an output with a 50-field schema and column lineage).
// usage: node packages/openlineage/dist/bench/validate-event.bench.js [seconds-per-case]
import { pathToFileURL } from 'node:url';
import { normalizeEvent } from '../normalization/normalize-event.js';
import type { RunEvent } from '../types.js';
import { parseEventJson, validateEvent } from '../validation/validate-event.js';

const producer = 'https://github.com/apache/airflow/tree/providers-openlineage/1.14.0';
const facet = (name: string) => ({
  _producer: producer,
  _schemaURL: `https://openlineage.io/spec/facets/1-1-0/${name}.json#/$defs/${name}`,
});
const fields = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    name: `column_${i}`,
    type: i % 3 ? 'VARCHAR' : 'INTEGER',
    description: `column ${i}`,
  }));

export function realisticEvent(): RunEvent {
  const inputs = [0, 1, 2].map((i) => ({
    namespace: 'postgresql://warehouse-db',
    name: `shop.public.source_${i}`,
    facets: {
      schema: { ...facet('SchemaDatasetFacet'), fields: fields(10) },
      dataSource: { ...facet('DatasourceDatasetFacet'), name: 'warehouse', uri: 'postgres://warehouse-db:5432' },
    },
  }));
  return {
    eventType: 'COMPLETE',
    eventTime: '2024-05-01T12:34:56.789123+00:00',
    producer,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: {
      runId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      facets: {
        parent: {
          ...facet('ParentRunFacet'),
          run: { runId: '0190a1b2-c3d4-7e5f-8a9b-000000000001' },
          job: { namespace: 'airflow', name: 'orders_daily' },
        },
        nominalTime: { ...facet('NominalTimeRunFacet'), nominalStartTime: '2024-05-01T12:00:00Z' },
        processing_engine: { ...facet('ProcessingEngineRunFacet'), version: '2.10.2', name: 'Airflow' },
        airflow: { dag: { dag_id: 'orders_daily', owner: 'data' }, task: { task_id: 'load', retries: 2 } },
      },
    },
    job: {
      namespace: 'airflow',
      name: 'orders_daily.load',
      facets: {
        jobType: { ...facet('JobTypeJobFacet'), processingType: 'BATCH', integration: 'AIRFLOW', jobType: 'TASK' },
        sql: { ...facet('SQLJobFacet'), query: 'INSERT INTO marts.orders SELECT * FROM shop.public.source_0' },
        documentation: { ...facet('DocumentationJobFacet'), description: 'Loads the daily orders mart.' },
      },
    },
    inputs,
    outputs: [
      {
        namespace: 'postgresql://warehouse-db',
        name: 'shop.marts.orders_daily',
        facets: {
          schema: { ...facet('SchemaDatasetFacet'), fields: fields(50) },
          columnLineage: {
            ...facet('ColumnLineageDatasetFacet'),
            fields: Object.fromEntries(
              fields(50).map((field, i) => [
                field.name,
                {
                  inputFields: [
                    {
                      namespace: 'postgresql://warehouse-db',
                      name: `shop.public.source_${i % 3}`,
                      field: `column_${i % 10}`,
                      transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
                    },
                  ],
                },
              ]),
            ),
          },
        },
        outputFacets: { outputStatistics: { ...facet('OutputStatisticsOutputDatasetFacet'), rowCount: 1200 } },
      },
    ],
  };
}

// CPU time, not wall time: the machine is shared, and CPU per event is what
// sizes the intake (events/s per core).
function measure(label: string, seconds: number, run: () => unknown): void {
  for (let i = 0; i < 200; i++) run();
  let count = 0;
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const budget = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - wallStart < budget) {
    for (let i = 0; i < 50; i++) run();
    count += 50;
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMicros = cpu.user + cpu.system;
  const perCpuSecond = (count * 1e6) / cpuMicros;
  console.log(
    `${label.padEnd(44)} ${Math.round(perCpuSecond).toLocaleString('en-US').padStart(9)} events per CPU-second  ${(cpuMicros / count).toFixed(1).padStart(7)} µs CPU/event`,
  );
}

function main(): void {
  const seconds = Number(process.argv[2] ?? 3);
  const event = realisticEvent();
  const text = JSON.stringify(event);
  const check = validateEvent(event);
  if (!check.ok || check.warnings.length > 0) throw new Error('the benchmark event must be valid and clean');
  console.log(`event: ${text.length} bytes JSON, ${process.version}, ${seconds}s per case`);
  measure('JSON.parse alone', seconds, () => JSON.parse(text));
  measure('validateEvent', seconds, () => validateEvent(event));
  measure('parseEventJson (JSON.parse + validateEvent)', seconds, () => parseEventJson(text));
  measure('normalizeEvent (renames 4 identities)', seconds, () => normalizeEvent(event));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
