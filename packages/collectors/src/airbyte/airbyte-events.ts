import { createHash } from 'node:crypto';
import type {
  ColumnLineageDatasetFacet,
  EventType,
  InputDataset,
  OutputDataset,
  RunEvent,
  SchemaDatasetFacet,
} from '@tributary/openlineage';
import type {
  AirbyteConnection,
  AirbyteDestination,
  AirbyteJob,
  AirbyteJobInfo,
  AirbyteSource,
  AirbyteStreamConfiguration,
  AirbyteStreamProperties,
} from './airbyte-types.js';
import { destinationDataset, sourceDataset } from './dataset-naming.js';

export const AIRBYTE_PRODUCER = 'https://github.com/tributary-lineage/tributary/tree/main/packages/collectors#airbyte';
const SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const FACETS = 'https://openlineage.io/spec/facets';
const CUSTOM_FACET = `${AIRBYTE_PRODUCER}/facets`;

/** Everything a connection's sync jobs are turned into events from. */
export interface ConnectionSnapshot {
  connection: AirbyteConnection;
  source: AirbyteSource;
  destination: AirbyteDestination;
  /** Stream properties from GET /streams: the fields of streams whose selection lists none. */
  streams: AirbyteStreamProperties[];
}

export interface AirbyteEventOptions {
  /** Namespace of the jobs (one job per connection). */
  jobNamespace: string;
  /** Identifies the Airbyte instance in run ids, so two instances' job 42 stay apart. */
  instance: string;
}

/** What the config API adds about a finished job. */
export interface JobDetails {
  /** Committed rows and bytes per stream, by `streamKey`, summed over attempts. */
  streams: Map<string, { rows: number; bytes: number }>;
  failure?: { message: string; stackTrace?: string };
}

export function streamKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** Per-stream statistics and the first failure of a job, from the config API's JobInfoRead. */
export function jobDetails(info: AirbyteJobInfo): JobDetails {
  const streams = new Map<string, { rows: number; bytes: number }>();
  let failure: JobDetails['failure'];
  for (const { attempt } of info.attempts ?? []) {
    for (const stream of attempt.streamStats ?? []) {
      const key = streamKey(stream.streamNamespace, stream.streamName);
      const total = streams.get(key) ?? { rows: 0, bytes: 0 };
      total.rows += stream.stats.recordsCommitted ?? 0;
      total.bytes += stream.stats.bytesCommitted ?? 0;
      streams.set(key, total);
    }
    // The last attempt's failure is the one that ended the job.
    const first = attempt.failureSummary?.failures?.[0];
    const message = first?.externalMessage ?? first?.internalMessage;
    if (message) failure = { message, ...(first?.stacktrace ? { stackTrace: first.stacktrace } : {}) };
  }
  return { streams, ...(failure ? { failure } : {}) };
}

/** What a job status means for lineage; undefined while the job has not started. */
export function runState(status: string): { started: boolean; terminal?: EventType } {
  switch (status) {
    case 'succeeded':
      return { started: true, terminal: 'COMPLETE' };
    case 'failed':
      return { started: true, terminal: 'FAIL' };
    case 'cancelled':
      return { started: true, terminal: 'ABORT' };
    case 'running':
    case 'incomplete': // an attempt failed and Airbyte retries it: still running
      return { started: true };
    default:
      return { started: false };
  }
}

/** A stable UUID (v5 layout, SHA-1) per Airbyte job, so collecting a job twice names one run. */
export function runIdFor(instance: string, connectionId: string, jobId: number): string {
  const hash = createHash('sha1').update(`airbyte|${instance}|${connectionId}|${jobId}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Airbyte writes "2023-03-25 01:30:50+00:00", ISO 8601 or epoch numbers; all become RFC 3339. */
export function airbyteTime(value: string | number | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let date: Date;
  if (typeof value === 'number' || /^\d+$/.test(value)) {
    const number = Number(value);
    date = new Date(number < 1e11 ? number * 1000 : number);
  } else {
    date = new Date(value.trim().replace(' ', 'T'));
  }
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Milliseconds in an ISO 8601 duration such as PT8H6M12S or P1DT2H. */
export function isoDurationMs(duration: string | undefined): number | undefined {
  if (!duration) return undefined;
  const match = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    duration,
  );
  if (!match) return undefined;
  const [, d, h, m, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  return (((d! * 24 + h!) * 60 + m!) * 60 + s!) * 1000;
}

function endTime(job: AirbyteJob, start: string): string {
  const duration = isoDurationMs(job.duration);
  if (duration !== undefined) return new Date(Date.parse(start) + duration).toISOString();
  return airbyteTime(job.lastUpdatedAt) ?? start;
}

function facet<T extends object>(schema: string, body: T): T & { _producer: string; _schemaURL: string } {
  return { _producer: AIRBYTE_PRODUCER, _schemaURL: schema, ...body };
}

/** Top-level columns a stream syncs: its selected fields, or every field Airbyte discovered. */
function streamFields(stream: AirbyteStreamConfiguration, properties: AirbyteStreamProperties[]): string[] {
  const paths =
    stream.selectedFields && stream.selectedFields.length > 0
      ? stream.selectedFields.map((selected) => selected.fieldPath ?? [])
      : (properties.find(
          (p) =>
            p.streamName === stream.name && (stream.namespace === undefined || p.streamnamespace === stream.namespace),
        )?.propertyFields ?? []);
  // A nested field path lands inside its top-level JSON column.
  return [...new Set(paths.map((path) => path[0]).filter((name): name is string => typeof name === 'string'))];
}

interface StreamLineage {
  key: string;
  input: InputDataset;
  output: OutputDataset;
}

function streamLineage(snapshot: ConnectionSnapshot, stream: AirbyteStreamConfiguration): StreamLineage {
  const { connection, source, destination, streams } = snapshot;
  const namespace = stream.namespace ?? streams.find((p) => p.streamName === stream.name)?.streamnamespace;
  const from = sourceDataset(source, namespace, stream.name);
  const to = destinationDataset(connection, destination, namespace, stream.name);
  const fields = streamFields(stream, streams);
  const schema = facet<SchemaDatasetFacet>(`${FACETS}/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet`, {
    fields: fields.map((name) => ({ name })),
  });
  const columnLineage = facet<ColumnLineageDatasetFacet>(
    `${FACETS}/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet`,
    {
      fields: Object.fromEntries(
        fields.map((name) => [
          name,
          {
            inputFields: [
              {
                namespace: from.namespace,
                name: from.name,
                field: name,
                transformations: [{ type: 'DIRECT', subtype: 'IDENTITY', description: 'copied by Airbyte' }],
              },
            ],
          },
        ]),
      ),
    },
  );
  const syncFacet = facet(`${CUSTOM_FACET}/AirbyteStreamOutputDatasetFacet.json`, {
    stream: stream.name,
    streamNamespace: namespace ?? null,
    syncMode: stream.syncMode ?? null,
    cursorField: stream.cursorField ?? [],
    primaryKey: stream.primaryKey ?? [],
  });
  return {
    key: streamKey(namespace, stream.name),
    input: { ...from, facets: fields.length > 0 ? { schema } : {} },
    output: {
      ...to,
      facets: fields.length > 0 ? { schema, columnLineage } : {},
      outputFacets: { airbyte_stream: syncFacet },
    },
  };
}

/**
 * The OpenLineage events of one sync job: START when it began and, once it ended,
 * COMPLETE/FAIL/ABORT with `outputStatistics`. The job is the connection; inputs are
 * the selected source streams, outputs the destination tables, with identity column
 * lineage per field. `emit` picks which of the two to produce (the other may have been
 * sent by an earlier poll). `details` (config API) adds per-stream statistics and the
 * failure message.
 */
export function jobEvents(
  snapshot: ConnectionSnapshot,
  job: AirbyteJob,
  options: AirbyteEventOptions,
  emit: { start: boolean; end: boolean },
  details?: JobDetails,
): RunEvent[] {
  const state = runState(job.status);
  if (!state.started) return [];
  const { connection } = snapshot;
  const started = airbyteTime(job.startTime) ?? new Date(0).toISOString();
  const lineage = (connection.configurations?.streams ?? []).map((stream) => streamLineage(snapshot, stream));
  const run = {
    runId: runIdFor(options.instance, connection.connectionId, job.jobId),
    facets: {
      airbyte_job: facet(`${CUSTOM_FACET}/AirbyteJobRunFacet.json`, {
        jobId: job.jobId,
        jobType: job.jobType,
        status: job.status,
        rowsSynced: job.rowsSynced ?? null,
        bytesSynced: job.bytesSynced ?? null,
        duration: job.duration ?? null,
      }),
    },
  };
  const jobFacets = {
    jobType: facet(`${FACETS}/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet`, {
      processingType: 'BATCH',
      integration: 'AIRBYTE',
      jobType: 'SYNC',
    }),
    airbyte_connection: facet(`${CUSTOM_FACET}/AirbyteConnectionJobFacet.json`, {
      connectionId: connection.connectionId,
      workspaceId: connection.workspaceId,
      sourceId: connection.sourceId,
      sourceName: snapshot.source.name,
      sourceType: snapshot.source.sourceType,
      destinationId: connection.destinationId,
      destinationName: snapshot.destination.name,
      destinationType: snapshot.destination.destinationType,
      namespaceDefinition: connection.namespaceDefinition ?? 'destination',
      namespaceFormat: connection.namespaceFormat ?? null,
      prefix: connection.prefix ?? '',
    }),
  };
  const base = {
    producer: AIRBYTE_PRODUCER,
    schemaURL: SCHEMA_URL,
    job: { namespace: options.jobNamespace, name: connection.name, facets: jobFacets },
    inputs: lineage.map((l) => l.input),
  };
  const events: RunEvent[] = [];
  if (emit.start) {
    events.push({
      ...base,
      eventType: 'START',
      eventTime: started,
      run,
      outputs: lineage.map((l) => ({ ...l.output })),
    });
  }
  if (emit.end && state.terminal) {
    const statistics = (rows: number | undefined, bytes: number | undefined) =>
      facet(`${FACETS}/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet`, {
        ...(rows !== undefined ? { rowCount: rows } : {}),
        ...(bytes !== undefined ? { size: bytes } : {}),
      });
    // The public API reports rows and bytes per job: they belong to a dataset only when the job
    // wrote one. The config API's per-stream figures, when given, go on every output.
    const jobTotals =
      lineage.length === 1 && (job.rowsSynced !== undefined || job.bytesSynced !== undefined)
        ? statistics(job.rowsSynced, job.bytesSynced)
        : undefined;
    const failure =
      state.terminal === 'FAIL' && details?.failure
        ? {
            errorMessage: facet(`${FACETS}/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet`, {
              message: details.failure.message,
              programmingLanguage: 'unknown',
              ...(details.failure.stackTrace ? { stackTrace: details.failure.stackTrace } : {}),
            }),
          }
        : {};
    events.push({
      ...base,
      eventType: state.terminal,
      eventTime: endTime(job, started),
      run: { ...run, facets: { ...run.facets, ...failure } },
      outputs: lineage.map((l) => {
        const perStream = details?.streams.get(l.key);
        const outputStatistics = perStream ? statistics(perStream.rows, perStream.bytes) : jobTotals;
        return {
          ...l.output,
          outputFacets: { ...l.output.outputFacets, ...(outputStatistics ? { outputStatistics } : {}) },
        };
      }),
    });
  }
  return events;
}
