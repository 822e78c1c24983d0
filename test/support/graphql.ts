import { randomUUID } from 'node:crypto';

export type GraphQLAnswer<T> = {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
};

/** POST /graphql; returns the parsed body whatever the status. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLAnswer<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer<T>;
}

/** Like gql but throws on GraphQL errors, for queries that must succeed. */
export async function gqlData<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await gql<T>(url, query, variables);
  if (answer.errors?.length || !answer.data) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

export const PRODUCER = 'https://tributary.test/graphql-tests';

export type DatasetSpec = {
  namespace: string;
  name: string;
  /** Schema columns as `name` or `name:TYPE`. */
  fields?: string[];
  symlinks?: { namespace: string; name: string }[];
  /** Output column ← input columns, with the OpenLineage transformation type/subtype of each. */
  columnLineage?: Record<string, { namespace: string; name: string; field: string; type: string; subtype: string }[]>;
};

/** A full OpenLineage RunEvent with the facets these tests need (schema, symlinks, columnLineage). */
export function lineageEvent(options: {
  namespace: string;
  job: string;
  eventTime: string;
  eventType?: 'START' | 'COMPLETE' | 'FAIL';
  runId?: string;
  inputs?: DatasetSpec[];
  outputs?: DatasetSpec[];
}): Record<string, unknown> {
  const facets = (spec: DatasetSpec): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (spec.fields) {
      out.schema = {
        _producer: PRODUCER,
        _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet',
        fields: spec.fields.map((field) => {
          const [name, type] = field.split(':');
          return { name, type: type ?? 'VARCHAR' };
        }),
      };
    }
    if (spec.symlinks) {
      out.symlinks = {
        _producer: PRODUCER,
        _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet',
        identifiers: spec.symlinks.map((link) => ({ ...link, type: 'TABLE' })),
      };
    }
    if (spec.columnLineage) {
      out.columnLineage = {
        _producer: PRODUCER,
        _schemaURL:
          'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
        fields: Object.fromEntries(
          Object.entries(spec.columnLineage).map(([field, inputs]) => [
            field,
            {
              inputFields: inputs.map((input) => ({
                namespace: input.namespace,
                name: input.name,
                field: input.field,
                transformations: [{ type: input.type, subtype: input.subtype }],
              })),
            },
          ]),
        ),
      };
    }
    return out;
  };
  const dataset = (spec: DatasetSpec) => ({ namespace: spec.namespace, name: spec.name, facets: facets(spec) });
  return {
    eventType: options.eventType ?? 'COMPLETE',
    eventTime: options.eventTime,
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: options.runId ?? randomUUID() },
    job: { namespace: options.namespace, name: options.job },
    inputs: (options.inputs ?? []).map(dataset),
    outputs: (options.outputs ?? []).map(dataset),
  };
}

/**
 * The small graphs both lineage suites post, in `jobNamespace` with datasets
 * in `datasetNamespace`: a diamond (dia-a → dia-j1 → dia-b, dia-a → dia-j2 →
 * dia-c, dia-b + dia-c → dia-j3 → dia-d), a job that reads and writes one
 * table (upsert, ledger), a cycle across runs (cy-x → cy-j1 → cy-y on day 1,
 * cy-y → cy-j2 → cy-x on day 2) and a job that changed its inputs (tt-job
 * reads tt-old on day 1 and tt-new from day 3, writing tt-out).
 */
export function commonShapes(
  jobNamespace: string,
  datasetNamespace: string,
  at: (day: number, hour?: number) => string,
): Record<string, unknown>[] {
  const ds = (name: string): DatasetSpec => ({ namespace: datasetNamespace, name });
  const step = (job: string, eventTime: string, inputs: string[], outputs: string[]) =>
    lineageEvent({ namespace: jobNamespace, job, eventTime, inputs: inputs.map(ds), outputs: outputs.map(ds) });
  return [
    step('dia-j1', at(1), ['dia-a'], ['dia-b']),
    step('dia-j2', at(1), ['dia-a'], ['dia-c']),
    step('dia-j3', at(1, 1), ['dia-b', 'dia-c'], ['dia-d']),
    step('upsert', at(1), ['ledger'], ['ledger']),
    step('cy-j1', at(1), ['cy-x'], ['cy-y']),
    step('cy-j2', at(2), ['cy-y'], ['cy-x']),
    step('tt-job', at(1), ['tt-old'], ['tt-out']),
    step('tt-job', at(3), ['tt-new'], ['tt-out']),
  ];
}
